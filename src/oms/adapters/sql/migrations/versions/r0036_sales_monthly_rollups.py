"""Sales reports: the daily sales summary's whole months per product and per customer, which reports by product or
customer read for the whole months of their range; filled from the daily summary as it stands (whose cursor they
then share).

Revision ID: 0036
Revises: 0035
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0036"
down_revision: str | None = "0035"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(length=64)
EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")
ROLLUPS = (("report_sales_monthly_products", "product_id"), ("report_sales_monthly_customers", "customer_id"))


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    month = "CAST(date_trunc('month', CAST(day AS TIMESTAMP)) AS DATE)" if postgres else \
        "date(day, 'start of month')"
    for table, party in ROLLUPS:
        op.create_table(
            table,
            sa.Column("basis", sa.String(length=16), nullable=False),
            sa.Column("month", sa.Date(), nullable=False),
            sa.Column("branch_id", ID, nullable=False),
            sa.Column("currency", sa.String(length=3), nullable=False),
            sa.Column(party, ID, nullable=False),
            sa.Column("quantity", EXACT, nullable=False),
            sa.Column("amount", EXACT, nullable=False),
            sa.Column("cost", EXACT, nullable=False),
            sa.PrimaryKeyConstraint("basis", "month", "branch_id", "currency", party, name=op.f(f"pk_{table}")),
        )
        op.execute(f"INSERT INTO {table} (basis, month, branch_id, currency, {party}, quantity, amount, cost) "
                   f"SELECT basis, {month}, branch_id, currency, {party}, SUM(quantity), SUM(amount), SUM(cost) "
                   f"FROM report_sales_daily GROUP BY basis, {month}, branch_id, currency, {party}")


def downgrade() -> None:
    for table, _ in reversed(ROLLUPS):
        op.drop_table(table)
