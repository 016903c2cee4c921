"""The movement ledger is listed a page at a time by (at, id), by product, by warehouse or in all: an index each.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {"ix_stock_movements_at_id": ["at", "id"],
           "ix_stock_movements_product_id_at_id": ["product_id", "at", "id"],
           "ix_stock_movements_warehouse_id_at_id": ["warehouse_id", "at", "id"]}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "stock_movements", columns, unique=False)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="stock_movements")
