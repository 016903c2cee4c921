"""Invoice policy: each product, quotation line and order line says whether it is invoiced on ordered or delivered
quantities; existing rows get their kind's policy (services on ordered, goods on delivered).

SQLite keeps the column default the new columns are added with: removing it means rebuilding the table, which its
foreign keys refuse for products while lines point at them. Every insert names the column, so the default is unused.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("products", "quotation_lines", "order_lines")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("invoice_policy", sa.String(length=32), nullable=False,
                                       server_default="delivered"))
        op.execute(f"UPDATE {table} SET invoice_policy = 'ordered' WHERE kind = 'service'")
        if op.get_bind().dialect.name != "sqlite":
            op.alter_column(table, "invoice_policy", server_default=None)


def downgrade() -> None:
    for table in TABLES:
        op.drop_column(table, "invoice_policy")
