"""Reads every context shares: the events a document raised."""

from __future__ import annotations

from collections.abc import Sequence

from oms.domain.shared.events import DomainEvent
from oms.ports.unit_of_work import UnitOfWork


def events_of(uow: UnitOfWork, aggregate_id: str) -> Sequence[DomainEvent]:
    with uow:
        return uow.outbox.for_aggregate(aggregate_id)
