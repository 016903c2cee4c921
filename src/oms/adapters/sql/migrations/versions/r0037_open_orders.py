"""The backlog reads the open sales orders only: a partial index of the orders still to ship (confirmed, partially
issued, or on hold after either), by order date and number, holding what the backlog reads of them.

Revision ID: 0037
Revises: 0033
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0037"
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = ("status = 'confirmed' OR status = 'partially_issued' OR status = 'on_hold' AND "
        "(held_from = 'confirmed' OR held_from = 'partially_issued')")


def upgrade() -> None:
    op.create_index("ix_sales_orders_open", "sales_orders", ["created_at", "number"], unique=False,
                    postgresql_include=["id", "customer_id", "branch_id", "currency"],
                    postgresql_where=sa.text(OPEN), sqlite_where=sa.text(OPEN))


def downgrade() -> None:
    op.drop_index("ix_sales_orders_open", table_name="sales_orders")
