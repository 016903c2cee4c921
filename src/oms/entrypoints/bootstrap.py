"""The one wiring function: every adapter is a parameter, with an in-memory default."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from oms.adapters.clock import SystemClock
from oms.adapters.memory import InMemoryStore, InMemoryUnitOfWork
from oms.application.handlers import COMMAND_HANDLERS
from oms.application.messagebus import EventHandler, MessageBus, Policy
from oms.application.processes.accounting import POLICIES
from oms.application.service import OrderManagement
from oms.domain.shared.events import DomainEvent
from oms.ports.shared.clock import Clock
from oms.ports.unit_of_work import UnitOfWork


def bootstrap(
    uow_factory: Callable[[], UnitOfWork] | None = None,
    clock: Clock | None = None,
    event_handlers: Mapping[type[DomainEvent], Sequence[EventHandler]] | None = None,
    max_attempts: int = 3,
    policies: Mapping[type[DomainEvent], Sequence[Policy]] | None = None,
) -> OrderManagement:
    """An order management system. With no arguments it keeps everything in memory and uses the system clock.

    `uow_factory` makes one unit of work per command (so a system serves many threads); `event_handlers` run
    after each command commits, for the events it raised; `policies` run inside each command's transaction on the
    events it raised (default: the postings to the books, `processes.accounting.POLICIES`).
    """
    if uow_factory is None:
        store = InMemoryStore()

        def uow_factory() -> UnitOfWork:
            return InMemoryUnitOfWork(store)

    bus = MessageBus(uow_factory=uow_factory, clock=clock or SystemClock(), command_handlers=COMMAND_HANDLERS,
                     event_handlers=dict(event_handlers or {}), max_attempts=max_attempts,
                     policies=dict(POLICIES if policies is None else policies))
    return OrderManagement(bus=bus, uow_factory=uow_factory)
