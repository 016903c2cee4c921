"""The event relay: the order in which the relay hands outbox rows out (`outbox.published_seq`, given once a row is
committed) and each subscriber's progress (`relay_progress`, with the sequencer's own row). Rows already in the outbox
are sequenced by the relay's first pass, in `seq` order.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)
SEQUENCER = "(sequencer)"


def upgrade() -> None:
    op.add_column("outbox", sa.Column("published_seq", sa.BigInteger(), nullable=True))
    op.create_index(op.f("ix_outbox_published_seq"), "outbox", ["published_seq"], unique=True)
    progress = op.create_table(
        "relay_progress",
        sa.Column("subscriber", sa.String(length=128), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=True),
        sa.Column("leased_until", TIMESTAMP, nullable=True),
        sa.Column("retry_at", TIMESTAMP, nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("subscriber", name=op.f("pk_relay_progress")),
    )
    op.bulk_insert(progress, [{"subscriber": SEQUENCER, "seq": 0, "failures": 0}])


def downgrade() -> None:
    op.drop_table("relay_progress")
    op.drop_index(op.f("ix_outbox_published_seq"), table_name="outbox")
    op.drop_column("outbox", "published_seq")
