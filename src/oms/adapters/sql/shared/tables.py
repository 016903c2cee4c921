"""Tables every context writes to: number sequences, the event outbox, and handled requests."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, String, Table, Text

from oms.adapters.sql.shared.metadata import ID, PAYLOAD, SERIAL, metadata
from oms.adapters.sql.shared.types import UtcDateTime
from oms.domain.shared.ids import PERIOD_LENGTH

# A counter row per series: a document type, and a period ("" for the types that never restart; "2026" for a fiscal
# year's invoices).
sequences = Table(
    "sequences", metadata,
    Column("kind", String(8), primary_key=True),
    Column("period", String(PERIOD_LENGTH), primary_key=True),
    Column("value", BigInteger, nullable=False),
)


outbox = Table(
    "outbox", metadata,
    Column("seq", SERIAL, primary_key=True, autoincrement=True),
    Column("aggregate_id", String(2 * ID + 1), nullable=False),
    Column("event_type", String(64), nullable=False),
    Column("occurred_at", UtcDateTime, nullable=False),
    Column("payload", PAYLOAD, nullable=False),
    Column("published_at", UtcDateTime, nullable=True),
    Column("published_seq", BigInteger, nullable=True),  # the relay's order: see oms.adapters.sql.shared.relay
    Index(None, "aggregate_id", "seq"),
    Index(None, "published_at", "seq"),
    Index(None, "published_seq", unique=True),
)

# The relay's progress per subscriber (and the sequencer's row, SEQUENCER): see oms.adapters.sql.shared.relay.
relay_progress = Table(
    "relay_progress", metadata,
    Column("subscriber", String(128), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("owner", String(64), nullable=True),
    Column("leased_until", UtcDateTime, nullable=True),
    Column("retry_at", UtcDateTime, nullable=True),
    Column("failures", Integer, nullable=False),
)


# One row per request handled under a key (an Idempotency-Key scoped to its caller), written with its command.
handled_requests = Table(
    "handled_requests", metadata,
    Column("key", String(320), primary_key=True),
    Column("fingerprint", String(128), nullable=False),
    Column("result", Text(), nullable=False),
    Column("handled_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False, index=True),
)


# A counter per topic (master data, API tokens), raised by every transaction that changes it: what processes keep in
# memory of the topic is valid while the counter stands (see changes.py).
change_counters = Table(
    "change_counters", metadata,
    Column("name", String(32), primary_key=True),
    Column("value", BigInteger(), nullable=False),
)


def history_table(name: str, parent_table: str) -> Table:
    """The audit trail of a document's status changes (see mapping.AuditTrail): append-only, one row per change,
    numbered from 0 within its document."""
    return Table(
        name, metadata,
        Column("document_id", String(ID), ForeignKey(f"{parent_table}.id", ondelete="CASCADE"), primary_key=True),
        Column("position", Integer, primary_key=True),
        Column("at", UtcDateTime, nullable=False),
        Column("actor", Text, nullable=False),
        Column("from_status", String(32), nullable=False),
        Column("to_status", String(32), nullable=False),
        Column("reason", Text, nullable=False),
    )
