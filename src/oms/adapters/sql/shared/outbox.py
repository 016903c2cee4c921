"""The event outbox: events stored as JSON in the transaction that raised them, and read back as domain events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from cattrs.preconf.json import make_converter
from sqlalchemy import bindparam, select

from oms.adapters.sql.shared.inserts import queue_inserts
from oms.adapters.sql.shared.tables import outbox
from oms.adapters.sql.shared.transaction import Transaction
from oms.domain.shared.events import DomainEvent


def _event_classes() -> dict[str, type[DomainEvent]]:
    found: dict[str, type[DomainEvent]] = {}
    todo: list[type[DomainEvent]] = [DomainEvent]
    while todo:
        cls = todo.pop()
        found[cls.__name__] = cls
        todo.extend(cls.__subclasses__())
    return found


_converter = make_converter()
_converter.register_unstructure_hook(Decimal, str)
_converter.register_structure_hook(Decimal, lambda value, _: Decimal(value))
_converter.register_unstructure_hook(datetime, lambda value: value.isoformat())
_converter.register_structure_hook(datetime, lambda value, _: datetime.fromisoformat(value))


def encode(event: DomainEvent) -> dict[str, Any]:
    payload: dict[str, Any] = _converter.unstructure(event)
    return payload


def decode(event_type: str, payload: dict[str, Any]) -> DomainEvent:
    cls = _event_classes().get(event_type)
    if cls is None:
        raise LookupError(f"unknown event type {event_type!r} in the outbox")
    return _converter.structure(payload, cls)


class SqlEventOutbox:
    """Rows of the `outbox` table; a relay (not part of this adapter) publishes them and sets published_at."""

    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction

    def add(self, events: Sequence[DomainEvent]) -> None:
        queue_inserts(self._transaction, outbox, [
            {"aggregate_id": event.aggregate_id, "event_type": event.name, "occurred_at": event.occurred_at,
             "payload": encode(event)} for event in events])

    def for_aggregate(self, aggregate_id: str) -> Sequence[DomainEvent]:
        statement = self._transaction.compiler.get(("outbox", "for_aggregate"), lambda: select(
            outbox.c.event_type, outbox.c.payload).where(outbox.c.aggregate_id == bindparam("aggregate_id"))
            .order_by(outbox.c.seq))
        rows = self._transaction.run(statement, {"aggregate_id": aggregate_id})
        return [decode(row["event_type"], row["payload"]) for row in rows]
