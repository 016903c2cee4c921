"""The backlog reads the open sales orders only: a partial index of the orders still to ship (confirmed, partially
issued, or on hold after either), by order date and number, and one of the order lines with goods still to ship, by
order, each holding what the backlog reads of them.

Revision ID: 0037
Revises: 0036
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0037"
down_revision: str | None = "0036"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = ("status = 'confirmed' OR status = 'partially_issued' OR status = 'on_hold' AND "
        "(held_from = 'confirmed' OR held_from = 'partially_issued')")

TO_SHIP = "quantity > quantity_issued AND kind <> 'service'"  # exact NUMERIC on PostgreSQL, text on SQLite
TO_SHIP_SQLITE = "CAST(quantity AS NUMERIC) > CAST(quantity_issued AS NUMERIC) AND kind <> 'service'"


def upgrade() -> None:
    op.create_index("ix_sales_orders_open", "sales_orders", ["created_at", "number"], unique=False,
                    postgresql_include=["id", "status", "customer_id", "branch_id", "currency"],
                    postgresql_where=sa.text(OPEN), sqlite_where=sa.text(OPEN))
    op.create_index("ix_order_lines_open", "order_lines", ["sales_order_id", "position"], unique=False,
                    postgresql_include=["product_id", "sku", "quantity", "quantity_issued", "net"],
                    postgresql_where=sa.text(TO_SHIP), sqlite_where=sa.text(TO_SHIP_SQLITE))


def downgrade() -> None:
    op.drop_index("ix_order_lines_open", table_name="order_lines")
    op.drop_index("ix_sales_orders_open", table_name="sales_orders")
