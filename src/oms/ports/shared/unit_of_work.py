"""The part of a unit of work every context uses: the transaction, number sequences, the outbox, handled requests."""

from __future__ import annotations

from collections.abc import Iterator
from types import TracebackType
from typing import Protocol, Self

from oms.domain.shared.events import DomainEvent
from oms.ports.shared.repositories import EventOutbox, RequestLog, SequenceRepository


class SharedUnitOfWork(Protocol):
    """One transaction. The message bus opens it (`with uow:`), runs a command's handler in it, and commits; leaving
    the block without a commit rolls everything back. Handlers never commit.

    `flush` writes what the aggregates changed (new versions included) without committing, so an answer can be read
    from the aggregates in hand; `commit` flushes, writes the events the touched aggregates recorded to the outbox
    in the same transaction, and commits; `collect_new_events` hands those events to the bus afterwards.
    `flush_events` writes the events recorded so far to the outbox at once, as the commit would (a batch writes them
    ahead of the part of its transaction that holds a gapless series); they stay pending until the commit.
    `reading()` opens the next transaction for reading only: on SQLite it takes no write lock.
    """

    @property
    def sequences(self) -> SequenceRepository: ...
    @property
    def outbox(self) -> EventOutbox: ...
    @property
    def requests(self) -> RequestLog: ...

    def __enter__(self) -> Self: ...
    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...
    def reading(self) -> Self: ...
    def flush(self) -> None: ...
    def flush_events(self) -> None: ...
    def commit(self) -> None: ...
    def pending_events(self) -> list[DomainEvent]:
        """The events raised in this transaction so far, left in place (the commit still takes them)."""
        ...
    def collect_new_events(self) -> Iterator[DomainEvent]: ...
