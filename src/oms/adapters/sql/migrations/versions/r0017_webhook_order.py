"""Webhook deliveries in order per document: each delivery keeps its event's place in the outbox (`event_seq`), and
an index on subscription, document and place finds the earlier deliveries a due one waits for. Deliveries made
before get the place of their event where the outbox still has it (0 otherwise: they wait for nothing). The
document's id gets the outbox's width (129): a stock event's document is `product@warehouse`, longer than 64.

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The relay's event ids are "evt_" and the outbox row's seq in 12 digits (oms.adapters.sql.shared.relay.event_id).
BACKFILL = {
    "postgresql": "UPDATE webhook_deliveries AS d SET event_seq = o.published_seq FROM outbox AS o "
                  "WHERE d.event_id = 'evt_' || lpad(o.seq::text, 12, '0') AND o.published_seq IS NOT NULL",
    "sqlite": "UPDATE webhook_deliveries SET event_seq = COALESCE((SELECT o.published_seq FROM outbox AS o "
              "WHERE printf('evt_%012d', o.seq) = webhook_deliveries.event_id), 0)",
}


def upgrade() -> None:
    with op.batch_alter_table("webhook_deliveries") as batch:
        batch.add_column(sa.Column("event_seq", sa.BigInteger(), nullable=False, server_default="0"))
        batch.alter_column("aggregate_id", type_=sa.String(129), existing_type=sa.String(64), existing_nullable=False)
    op.execute(BACKFILL[op.get_bind().dialect.name])
    op.create_index(op.f("ix_webhook_deliveries_subscription_id_aggregate_id_event_seq"), "webhook_deliveries",
                    ["subscription_id", "aggregate_id", "event_seq"])


def downgrade() -> None:
    op.drop_index(op.f("ix_webhook_deliveries_subscription_id_aggregate_id_event_seq"), "webhook_deliveries")
    with op.batch_alter_table("webhook_deliveries") as batch:
        batch.drop_column("event_seq")
        batch.alter_column("aggregate_id", type_=sa.String(64), existing_type=sa.String(129), existing_nullable=False)
