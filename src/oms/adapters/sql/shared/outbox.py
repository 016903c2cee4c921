"""The event outbox: events stored as JSON in the transaction that raised them, and read back as domain events."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import bindparam, select

from oms.adapters.event_json import decode, encode
from oms.adapters.sql.shared.inserts import queue_inserts
from oms.adapters.sql.shared.tables import outbox
from oms.adapters.sql.shared.transaction import Transaction
from oms.domain.shared.events import DomainEvent


class SqlEventOutbox:
    """Rows of the `outbox` table; the relay's event log (relay.py) numbers them once committed and hands them out."""

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
