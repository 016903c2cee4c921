"""The event outbox: events stored as JSON in the transaction that raised them, and read back as domain events.

On PostgreSQL a transaction that writes events also sends a notice on OUTBOX_CHANNEL (NOTIFY, delivered when it
commits, once per transaction however many events), which wakes idle relays (`OutboxWakeups` in relay.py) at once
instead of at their next poll."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import String, bindparam, func, select

from oms.adapters.event_json import decode, encode
from oms.adapters.sql.shared.inserts import queue_inserts
from oms.adapters.sql.shared.tables import outbox
from oms.adapters.sql.shared.transaction import Transaction
from oms.domain.shared.events import DomainEvent

OUTBOX_CHANNEL = "oms_outbox"


class SqlEventOutbox:
    """Rows of the `outbox` table; the relay's event log (relay.py) numbers them once committed and hands them out."""

    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction

    def add(self, events: Sequence[DomainEvent]) -> None:
        queue_inserts(self._transaction, outbox, [
            {"aggregate_id": event.aggregate_id, "event_type": event.name, "occurred_at": event.occurred_at,
             "payload": encode(event)} for event in events])
        if events and self._transaction.is_postgres:
            notify = self._transaction.compiler.get(("outbox", "notify"), lambda: select(
                func.pg_notify(bindparam("channel", type_=String()), bindparam("payload", type_=String()))))
            self._transaction.queue(notify, [{"channel": OUTBOX_CHANNEL, "payload": ""}])

    def for_aggregate(self, aggregate_id: str) -> Sequence[DomainEvent]:
        statement = self._transaction.compiler.get(("outbox", "for_aggregate"), lambda: select(
            outbox.c.event_type, outbox.c.payload).where(outbox.c.aggregate_id == bindparam("aggregate_id"))
            .order_by(outbox.c.seq))
        rows = self._transaction.run(statement, {"aggregate_id": aggregate_id})
        return [decode(row["event_type"], row["payload"]) for row in rows]
