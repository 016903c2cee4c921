"""The in-memory event log: the store's committed events (appended under its lock, so in commit order) numbered
from 1, and each subscriber's progress and lease, kept by this object (one per store)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from attrs import define

from oms.adapters.event_json import encode
from oms.adapters.memory.store import InMemoryStore
from oms.domain.shared.events import DomainEvent
from oms.ports.shared.relay import PublishedEvent


def event_id(seq: int) -> str:
    return f"evt_{seq:012d}"


def published(seq: int, event: DomainEvent) -> PublishedEvent:
    return PublishedEvent(id=event_id(seq), seq=seq, type=event.name, aggregate_id=event.aggregate_id,
                          occurred_at=event.occurred_at, payload=encode(event))


@define
class _Progress:
    seq: int = 0
    owner: str | None = None
    leased_until: datetime | None = None
    retry_at: datetime | None = None
    failures: int = 0


class InMemoryEventLog:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self._progress: dict[str, _Progress] = store.relay_progress
        self._lock = store.lock

    def read(self, after: int, limit: int, types: Sequence[str] = ()) -> Sequence[PublishedEvent]:
        with self._store.lock:
            committed = list(self._store.events)
        found: list[PublishedEvent] = []
        for seq in range(max(after, 0) + 1, len(committed) + 1):
            if len(found) >= limit:
                break
            event = committed[seq - 1]
            if not types or event.name in types:
                found.append(published(seq, event))
        return found

    def claim(self, subscriber: str, owner: str, now: datetime, lease_seconds: float) -> int | None:
        with self._lock:
            progress = self._progress.setdefault(subscriber, _Progress())
            if progress.leased_until is not None and progress.leased_until > now:
                return None
            if progress.retry_at is not None and progress.retry_at > now:
                return None
            progress.owner, progress.leased_until = owner, now + timedelta(seconds=lease_seconds)
            return progress.seq

    def advance(self, subscriber: str, owner: str, seq: int) -> bool:
        with self._lock:
            progress = self._progress[subscriber]
            if progress.owner != owner:
                return False
            progress.seq, progress.owner, progress.leased_until = seq, None, None
            progress.retry_at, progress.failures = None, 0
            return True

    def fail(self, subscriber: str, owner: str, retry_at: Callable[[int], datetime]) -> int:
        with self._lock:
            progress = self._progress[subscriber]
            if progress.owner == owner:
                progress.failures += 1
                progress.owner, progress.leased_until = None, None
                progress.retry_at = retry_at(progress.failures)
            return progress.failures
