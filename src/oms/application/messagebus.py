"""The message bus: runs each command in one transaction it owns, then the handlers of the events it raised.

For every command the bus takes a fresh unit of work from `uow_factory` (so one bus serves many threads), opens it,
runs the handler inside it, reads the answer from the aggregates in hand, records the request's answer when the
command came with a key, and commits, once. Handlers never open or commit a transaction. A conflict with a
concurrent transaction rolls everything back and runs the command again (up to `max_attempts`).
In-transaction policies (`policies`: event type -> functions of (uow, event)) run after the handler, on the events
the command raised (left in place for the commit and the publishing after it), before the answer: what they write
(a journal entry of a posted invoice) commits with the command or not at all, and their errors refuse the command.
A command's error propagates to the caller. An event handler's error does not undo the committed command; it is
logged and kept in `failed_events`, never silently swallowed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from attrs import define, field

from oms.application.shared.commands import Command, CommandHandler, Handlers
from oms.application.shared.requests import Request, decode_result, encode_result
from oms.domain.shared.errors import ConcurrencyConflict, DomainError
from oms.domain.shared.events import DomainEvent
from oms.ports.shared.clock import Clock
from oms.ports.shared.repositories import HandledRequest, RequestInProgress, RequestKeyReused
from oms.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory

logger = logging.getLogger(__name__)

R = TypeVar("R")
A = TypeVar("A")
F = TypeVar("F")

EventHandler = Callable[[DomainEvent], None]
Policy = Callable[[UnitOfWork, DomainEvent], None]
"""Work a command's event causes in the command's own transaction (a journal entry of a posted invoice)."""
Answer = Callable[[UnitOfWork, R], A]
"""What to answer once a command's handler has run: read from the unit of work while it is still open, with the
changes flushed, so the answer shows the aggregates as committed (new versions included) without reading them again."""


def _result(_uow: UnitOfWork, result: R) -> R:
    return result


@define
class FailedEvent:
    event: DomainEvent
    handler: str
    error: Exception


@define
class MessageBus:
    uow_factory: UnitOfWorkFactory
    clock: Clock
    command_handlers: Handlers
    event_handlers: Mapping[type[DomainEvent], Sequence[EventHandler]] = field(factory=dict)
    max_attempts: int = 3
    policies: Mapping[type[DomainEvent], Sequence[Policy]] = field(factory=dict)
    failed_events: list[FailedEvent] = field(factory=list)
    _policies_by_class: dict[type[DomainEvent], tuple[Policy, ...]] = field(factory=dict, init=False, repr=False)
    _handlers_by_class: dict[type[DomainEvent], tuple[EventHandler, ...]] = field(factory=dict, init=False,
                                                                                  repr=False)

    def handle(self, command: Command[R], request_key: str | None = None) -> R:
        """Run the command; with a `request_key`, at most once per key (a retry gets the first result)."""
        return self.answer(command, _result, request=None if request_key is None else Request(key=request_key))

    def answer(self, command: Command[R], respond: Answer[R, A], *, request: Request | None = None,
               refusal: Callable[[DomainError], A] | None = None) -> A:
        """Run the command and answer with `respond(uow, result)`, in the command's transaction.

        With a `request`, at most once per key: a retry with the same fingerprint gets the recorded answer, one
        with another fingerprint is refused (RequestKeyReused), one while the first still runs gets
        RequestInProgress. With `refusal` as well, a command refused by the domain records `refusal(error)` as the
        answer to its key (in a transaction of its own, the command's having rolled back) before the error is
        raised, so a retry gets the same refusal.
        """
        handler: CommandHandler[Command[R], R] = self.command_handlers[type(command)]
        for attempt in range(1, self.max_attempts + 1):
            uow = self.uow_factory()
            try:
                with uow:
                    for kind in command.numbered:  # its numbers come with the first statement
                        uow.sequences.read_ahead(kind)
                    if request is not None:
                        known = self._recorded(uow, request)
                        if known is not None:
                            answered: A = decode_result(known.result)  # the answer this key was given
                            return answered
                    result = handler(command, uow, self.clock)
                    if respond is not _result or self._policies_due(uow):
                        # The answer and the policies read what the handler wrote as written (new versions
                        # included); a command answered with its handler's result that raised no event a policy
                        # takes leaves the flush to the commit. The commit flushes what the policies wrote too;
                        # the answer may read it before (a view).
                        uow.flush()
                        self._apply_policies(uow, flush_after=respond is not _result)
                    answered = respond(uow, result)
                    if request is not None:
                        self._record(uow, request, answered)
                    uow.commit()
                break
            except ConcurrencyConflict:
                # The failed attempt rolled back whole, so running the command again is safe.
                if attempt == self.max_attempts:
                    raise
                logger.info("retrying %s after a concurrent update (attempt %d)", type(command).__name__, attempt)
            except DomainError as refused:
                if request is not None and refusal is not None and not _about_the_request(refused):
                    self._record_refusal(request, refusal(refused))
                raise
        self._publish(uow)
        return answered

    def _apply_policies(self, uow: UnitOfWork, *, flush_after: bool = True) -> None:
        """Run the policies of the events raised so far, then of those the policies raised, each event once. What a
        round's policies wrote is flushed before the next round's run (they may read it), and after the last round
        when `flush_after`."""
        if not self.policies:
            return
        seen: set[int] = set()
        wrote = False  # a round's policies ran since the last flush
        while fresh := [event for event in uow.pending_events() if id(event) not in seen]:
            seen.update(id(event) for event in fresh)
            work = [(policy, event) for event in fresh for policy in self._policies_of(type(event))]
            if not work:  # a round in which no policy runs changes nothing
                continue
            if wrote:
                uow.flush()
            for policy, event in work:
                policy(uow, event)
            wrote = True
        if wrote and flush_after:
            uow.flush()

    def _policies_due(self, uow: UnitOfWork) -> bool:
        """Whether a policy takes one of the events the command raised so far."""
        return bool(self.policies) and any(self._policies_of(type(event)) for event in uow.pending_events())

    def _policies_of(self, kind: type[DomainEvent]) -> tuple[Policy, ...]:
        """The policies of an event of this class, in the order `policies` gives them (found once per class)."""
        return _of_class(kind, self.policies, self._policies_by_class)

    def _recorded(self, uow: UnitOfWork, request: Request) -> HandledRequest | None:
        """The record of the request handled under this key, claimed for this transaction; one of another request
        with the same key is refused."""
        known = uow.requests.claim(request.key, self.clock.now(), wait=request.wait)
        if known is not None and known.fingerprint != request.fingerprint:
            raise RequestKeyReused(f"the key {request.key!r} was used for another request")
        return known

    def _record(self, uow: UnitOfWork, request: Request, answered: object) -> None:
        now = self.clock.now()
        uow.requests.record(HandledRequest(key=request.key, fingerprint=request.fingerprint,
                                           result=encode_result(answered), handled_at=now,
                                           expires_at=now + request.retention))

    def _record_refusal(self, request: Request, answered: object) -> None:
        uow = self.uow_factory()
        try:
            with uow:
                if uow.requests.claim(request.key, self.clock.now(), wait=False) is None:
                    self._record(uow, request, answered)
                    uow.commit()
        except DomainError:  # another request with the key got there first: it keeps its own answer
            logger.info("the refusal of a request with key %r was not recorded", request.key)

    def _publish(self, uow: UnitOfWork) -> None:
        for event in uow.collect_new_events():
            for handler in self._handlers_of(type(event)):
                try:
                    handler(event)
                except Exception as error:
                    logger.exception("event handler %r failed on %s", handler, event.name)
                    self.failed_events.append(FailedEvent(event, repr(handler), error))

    def _handlers_of(self, kind: type[DomainEvent]) -> tuple[EventHandler, ...]:
        """The handlers of an event of this class, in the order `event_handlers` gives them (found once per
        class)."""
        return _of_class(kind, self.event_handlers, self._handlers_by_class)


def _of_class(kind: type[DomainEvent], by_type: Mapping[type[DomainEvent], Sequence[F]],
              found: dict[type[DomainEvent], tuple[F, ...]]) -> tuple[F, ...]:
    """What `by_type` gives the event types an event of class `kind` is an instance of, in its order; kept in
    `found` by class."""
    known = found.get(kind)
    if known is None:
        known = found[kind] = tuple(item for event_type, items in by_type.items() if issubclass(kind, event_type)
                                    for item in items)
    return known


def _about_the_request(error: DomainError) -> bool:
    """Errors about the key itself are never recorded as its answer."""
    return isinstance(error, RequestKeyReused | RequestInProgress | ConcurrencyConflict)
