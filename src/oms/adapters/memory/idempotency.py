"""Idempotency keys in memory, for tests and the embedded default; thread-safe, kept only while the process runs."""

from __future__ import annotations

import threading
from datetime import datetime

from attrs import evolve

from oms.ports.shared.idempotency import IdempotencyRecord, StoredResponse


class InMemoryIdempotencyStore:
    """Records by key under one lock; expired records are dropped as they are met and by `purge_expired`."""

    def __init__(self) -> None:
        self._records: dict[str, IdempotencyRecord] = {}
        self._lock = threading.Lock()
        self._claims = 0

    def claim(self, key: str, fingerprint: str, now: datetime, expires_at: datetime) -> IdempotencyRecord | None:
        with self._lock:
            existing = self._records.get(key)
            if existing is not None and existing.expires_at > now:
                return existing
            self._claims += 1
            if self._claims % 1000 == 0:
                self._purge(now)  # keeps memory bounded without a scheduler
            self._records[key] = IdempotencyRecord(key=key, fingerprint=fingerprint, created_at=now,
                                                   expires_at=expires_at)
            return None

    def complete(self, key: str, response: StoredResponse) -> None:
        with self._lock:
            record = self._records.get(key)
            if record is not None and record.in_progress:
                self._records[key] = evolve(record, response=response)

    def release(self, key: str) -> None:
        with self._lock:
            record = self._records.get(key)
            if record is not None and record.in_progress:
                del self._records[key]

    def purge_expired(self, now: datetime) -> int:
        with self._lock:
            return self._purge(now)

    def _purge(self, now: datetime) -> int:
        expired = [key for key, record in self._records.items() if record.expires_at <= now]
        for key in expired:
            del self._records[key]
        return len(expired)
