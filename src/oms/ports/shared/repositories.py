"""What every unit of work keeps besides aggregates: number sequences, the event outbox, handled requests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from attrs import frozen

from oms.domain.shared.errors import DomainError
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import DocumentType


class SequenceRepository(Protocol):
    def next_value(self, kind: DocumentType, period: str | None = None) -> int:
        """The next number of the document type's sequence, never one handed out before. For a `gapless` type the
        number is held by this transaction until it ends (a rollback gives it back: no gaps, and the next
        transaction asking waits); for the others a rollback may leave a gap, and nobody waits.

        With a `period` (a fiscal year such as "2026", up to 8 characters) the type has a series per period, each
        counting from 1 and gapless like an invoice's, since numbers that restart every year are legal ones."""
        ...

    def reserve(self, kind: DocumentType, count: int, period: str | None = None) -> None:
        """A hint that this transaction will take about `count` numbers of the series (of `period`, if given): a
        store may fetch them at once, and `next_value` hands them out in order. Of a series that may have gaps, those
        not taken are a gap, as a rollback's are. A gapless series (or one per period) is then held from here to the
        end of the transaction, as taking its first number would hold it, and those not taken are given back at the
        commit: it stays gapless."""
        ...

    def read_ahead(self, kind: DocumentType) -> None:
        """A hint that this transaction will take a number of the series (of a type that may have gaps, with no
        period) before long: a store may fetch it with the statement it sends next, rather than in a round trip of
        its own when `next_value` asks. A number fetched and not taken is a gap, as a rollback's is. Nothing is
        fetched ahead of a gapless series: that would hold it."""
        ...


class EventOutbox(Protocol):
    def add(self, events: Sequence[DomainEvent]) -> None:
        """Store the events in the same transaction as the change that raised them."""
        ...

    def for_aggregate(self, aggregate_id: str) -> Sequence[DomainEvent]: ...


class RequestInProgress(DomainError):
    """Another request with the same key is being handled right now; retry shortly."""


class RequestKeyReused(DomainError):
    """The key was used before for another request (another command, path or body)."""


@frozen(kw_only=True)
class HandledRequest:
    """What a request with a key answered: `fingerprint` tells which request it was, `result` the answer (text)."""

    key: str
    fingerprint: str
    result: str
    handled_at: datetime
    expires_at: datetime


class RequestLog(Protocol):
    """Requests handled under a caller's key (an HTTP Idempotency-Key), with their answers, until they expire.

    The record is written in the transaction of the request's command, so a request whose command committed is
    never handled again, even if the process died before it could answer: a retry gets the recorded answer. Keys
    are up to 320 characters.
    """

    def claim(self, key: str, now: datetime, *, wait: bool = True) -> HandledRequest | None:
        """Take the key for this transaction: the live record of the request handled under it, or None if there is
        none (an expired one counts as none and is forgotten). When a transaction that is still running took the key
        first, wait for it to end (and find its record), or with `wait=False` raise RequestInProgress at once;
        stores that run one writer at a time may always make the caller wait."""
        ...

    def record(self, request: HandledRequest) -> None:
        """Record the answer in this transaction (the key must have been claimed in it)."""
        ...

    def forget_expired(self, now: datetime) -> int:
        """Forget the requests whose records expired at or before `now`; returns how many."""
        ...
