"""A renewal's sales order: the billing record of a renewal names the order it made with its invoice (peers.md 3b
S15: one order and one invoice a period).

Revision ID: 0027
Revises: 0026
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("subscription_billing", sa.Column("order_id", sa.String(length=64), nullable=True))
    op.add_column("subscription_billing", sa.Column("order_number", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("subscription_billing") as batch:
        batch.drop_column("order_number")
        batch.drop_column("order_id")
