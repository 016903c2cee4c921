"""Reads every context shares: the events a document raised."""

from __future__ import annotations

from collections.abc import Sequence

from oms.application.shared.views import EventList, event
from oms.domain.shared.events import DomainEvent
from oms.ports.shared.unit_of_work import SharedUnitOfWork


def events_of(uow: SharedUnitOfWork, aggregate_id: str) -> Sequence[DomainEvent]:
    return uow.outbox.for_aggregate(aggregate_id)


def event_list(uow: SharedUnitOfWork, aggregate_id: str) -> EventList:
    """The events a document raised, oldest first, as views."""
    return EventList(items=[event(e) for e in uow.outbox.for_aggregate(aggregate_id)])
