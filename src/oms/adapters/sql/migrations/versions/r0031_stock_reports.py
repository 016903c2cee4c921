"""Stock reports read the movement ledger by time and by each level's last goods issue: the quantity and value on
hand at a day sums the movements before it (or the levels less the movements after it) from an index that holds
every column it reads; a level's last issue or consumption is one seek down (product_id, warehouse_id, kind, at).

Revision ID: 0031
Revises: 0030
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {"ix_stock_movements_report_at": ["at", "kind", "product_id", "warehouse_id", "quantity", "value"],
           "ix_stock_movements_issues": ["product_id", "warehouse_id", "kind", "at"]}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "stock_movements", columns, unique=False)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="stock_movements")
