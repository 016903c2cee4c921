"""Repositories: how the application finds and keeps aggregates, whatever stores them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import DocumentType


class SequenceRepository(Protocol):
    def next_value(self, kind: DocumentType) -> int:
        """The next number of the document type's sequence; gaps are possible after a rollback, duplicates never."""
        ...


class EventOutbox(Protocol):
    def add(self, events: Sequence[DomainEvent]) -> None:
        """Store the events in the same transaction as the change that raised them."""
        ...
    def for_aggregate(self, aggregate_id: str) -> Sequence[DomainEvent]: ...


class RequestLog(Protocol):
    """Requests already handled, by the caller's key (an HTTP Idempotency-Key), with what their command returned.

    Written in the same transaction as the command's work, so a request whose command committed is never handled
    again, even if the process died before it could answer: a retry gets the recorded result instead."""

    def result_of(self, key: str) -> str | None:
        """The recorded result (JSON text) of the request with this key, or None if none committed."""
        ...

    def record(self, key: str, result: str, at: datetime) -> None:
        """Record the request's result in this transaction; a key recorded meanwhile by another transaction makes
        the commit fail with ConcurrencyConflict."""
        ...

    def forget_before(self, at: datetime) -> int:
        """Forget the requests handled before `at` (their keys have expired); returns how many."""
        ...
