"""What an in-memory unit of work keeps besides aggregates: number sequences, the outbox, handled requests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from oms.adapters.memory.store import InMemoryStore
from oms.domain.shared.errors import StoreBusy
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import DocumentType, check_period
from oms.ports.shared.repositories import HandledRequest, RequestInProgress

WAIT_SECONDS = 30  # how long a transaction waits for another holding a series or a request key


class InMemorySequenceRepository:
    """Numbers of gapless series (and of every series per period) are held by the transaction, as the SQL store's
    locked counter rows are: the next transaction asking waits, and a rollback gives the numbers back."""

    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self._held: dict[tuple[DocumentType, str], int] = {}

    def next_value(self, kind: DocumentType, period: str | None = None) -> int:
        if period is None and not kind.gapless:
            return self._store.next_value(kind)
        series = self._hold(kind, period)
        self._held[series] += 1
        return self._held[series]

    def reserve(self, kind: DocumentType, count: int, period: str | None = None) -> None:
        """Numbers in memory cost nothing to take one by one; a gapless series is held from here, as in SQL."""
        if count >= 2 and (period is not None or kind.gapless):
            self._hold(kind, period)

    def read_ahead(self, kind: DocumentType) -> None:
        """Numbers in memory cost nothing to take when asked."""

    def _hold(self, kind: DocumentType, period: str | None) -> tuple[DocumentType, str]:
        """The series, held by this transaction (waiting for another that holds it)."""
        series = (kind, "" if period is None else check_period(period))
        if series not in self._held:
            if not self._store.counter_lock(series).acquire(timeout=WAIT_SECONDS):
                raise StoreBusy(f"the {kind.value} series {period or ''} is held by another transaction")
            with self._store.lock:
                self._held[series] = self._store.counters.get(series, 0)
        return series

    def commit(self) -> None:
        """The transaction committed: its numbers are taken for good."""
        with self._store.lock:
            self._store.counters.update(self._held)
        self.release()

    def release(self) -> None:
        """The transaction ended: the series it held are free again (without a commit, as they were)."""
        for series in self._held:
            self._store.counter_locks[series].release()
        self._held.clear()


class InMemoryEventOutbox:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
        self.pending: list[DomainEvent] = []

    def add(self, events: Sequence[DomainEvent]) -> None:
        self.pending.extend(events)

    def for_aggregate(self, aggregate_id: str) -> Sequence[DomainEvent]:
        return [e for e in self._store.events if e.aggregate_id == aggregate_id]



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
