"""The message bus: runs a command's handler (retrying conflicts), then the handlers of the events it raised.

Every command gets a fresh unit of work from `uow_factory`, so one bus serves many threads.
A command's error propagates to the caller. An event handler's error does not undo the committed command; it is
logged and kept in `failed_events`, never silently swallowed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar, cast

from attrs import define, field

from oms.application.shared.commands import Command, CommandHandler, Handlers
from oms.application.shared.requests import DeferredCommit, commit_with_record, decode_result
from oms.domain.shared.errors import ConcurrencyConflict
from oms.domain.shared.events import DomainEvent
from oms.ports.shared.clock import Clock
from oms.ports.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)

R = TypeVar("R")

EventHandler = Callable[[DomainEvent], None]


@define
class FailedEvent:
    event: DomainEvent
    handler: str
    error: Exception


@define
class MessageBus:
    uow_factory: Callable[[], UnitOfWork]
    clock: Clock
    command_handlers: Handlers
    event_handlers: Mapping[type[DomainEvent], Sequence[EventHandler]] = field(factory=dict)
    max_attempts: int = 3
    failed_events: list[FailedEvent] = field(factory=list)

    def handle(self, command: Command[R], request_key: str | None = None) -> R:
        """Run the command; with a `request_key`, at most once per key (a retry gets the first result)."""
        handler: CommandHandler[Command[R], R] = self.command_handlers[type(command)]
        for attempt in range(1, self.max_attempts + 1):
            uow = self.uow_factory()
            try:
                if request_key is None:
                    result = handler(command, uow, self.clock)
                    break
                with uow:
                    recorded = uow.requests.result_of(request_key)
                if recorded is not None:
                    return cast(R, decode_result(recorded))
                deferred = DeferredCommit(uow)
                result = handler(command, deferred, self.clock)
                commit_with_record(deferred, request_key, result, self.clock.now())
                break
            except ConcurrencyConflict:
                # The failed attempt rolled back whole, so running the command again is safe.
                if attempt == self.max_attempts:
                    raise
                logger.info("retrying %s after a concurrent update (attempt %d)", type(command).__name__, attempt)
        self._publish(uow)
        return result

    def _publish(self, uow: UnitOfWork) -> None:
        for event in uow.collect_new_events():
            for event_type, handlers in self.event_handlers.items():
                if not isinstance(event, event_type):
                    continue
                for handler in handlers:
                    try:
                        handler(event)
                    except Exception as error:
                        logger.exception("event handler %r failed on %s", handler, event.name)
                        self.failed_events.append(FailedEvent(event, repr(handler), error))
