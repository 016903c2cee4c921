"""Sales reports: indexes on the days goods issues, return receipts and posted invoices count on; the daily sales
summary and the outbox position it is up to date with.

Revision ID: 0032
Revises: 0031
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (("goods_issues", ("issued_at",)), ("return_receipts", ("received_at",)),
           ("invoices", ("status", "invoice_date")))


ID = sa.String(length=64)
EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")


def upgrade() -> None:
    for table, columns in INDEXES:
        op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns))
    op.create_table(
        "report_sales_daily",
        sa.Column("basis", sa.String(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("branch_id", ID, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("customer_id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("amount", EXACT, nullable=False),
        sa.Column("cost", EXACT, nullable=False),
        sa.PrimaryKeyConstraint("basis", "day", "branch_id", "currency", "customer_id", "product_id",
                                name=op.f("pk_report_sales_daily")),
    )
    op.create_table(
        "report_summary_cursors",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_report_summary_cursors")),
    )


def downgrade() -> None:
    op.drop_table("report_summary_cursors")
    op.drop_table("report_sales_daily")
    for table, columns in reversed(INDEXES):
        op.drop_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table_name=table)
