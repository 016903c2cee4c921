"""What an in-memory unit of work keeps besides aggregates: number sequences, the outbox, handled requests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from oms.adapters.memory.store import InMemoryStore
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import DocumentType
from oms.ports.shared.repositories import HandledRequest, RequestInProgress


class InMemorySequenceRepository:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store

    def next_value(self, kind: DocumentType) -> int:
        return self._store.next_value(kind)


class InMemoryEventOutbox:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self.pending: list[DomainEvent] = []

    def add(self, events: Sequence[DomainEvent]) -> None:
        self.pending.extend(events)

    def for_aggregate(self, aggregate_id: str) -> Sequence[DomainEvent]:
        return [e for e in self._store.events if e.aggregate_id == aggregate_id]


WAIT_SECONDS = 30  # how long a request waits for another with its key before it is told that one still runs


class InMemoryRequestLog:
    """A key claimed by a running transaction is refused to others until that transaction ends."""

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self.claimed: list[str] = []
        self.pending: list[HandledRequest] = []

    def claim(self, key: str, now: datetime, *, wait: bool = True) -> HandledRequest | None:
        with self._store.claims_changed:
            if wait:
                self._store.claims_changed.wait_for(
                    lambda: key not in self._store.claimed or key in self.claimed, timeout=WAIT_SECONDS)
            if key in self._store.claimed and key not in self.claimed:
                raise RequestInProgress(f"a request with the key {key!r} is still being handled; retry shortly")
            self._store.claimed.add(key)
            self.claimed.append(key)
            found = self._store.requests.get(key)
            if found is not None and found.expires_at <= now:
                del self._store.requests[key]
                return None
            return found

    def record(self, request: HandledRequest) -> None:
        self.pending.append(request)

    def forget_expired(self, now: datetime) -> int:
        with self._store.lock:
            expired = [key for key, request in self._store.requests.items() if request.expires_at <= now]
            for key in expired:
                del self._store.requests[key]
        return len(expired)

    def release(self) -> None:
        """The transaction ended: its keys are free again."""
        with self._store.claims_changed:
            self._store.claimed.difference_update(self.claimed)
            self._store.claims_changed.notify_all()
        self.claimed.clear()
