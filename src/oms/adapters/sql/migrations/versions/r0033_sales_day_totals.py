"""Sales reports: the daily sales summary's totals per day, branch and currency, which reports by period read.

Revision ID: 0033
Revises: 0032
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "report_sales_day_totals",
        sa.Column("basis", sa.String(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("branch_id", sa.String(length=64), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("amount", EXACT, nullable=False),
        sa.Column("cost", EXACT, nullable=False),
        sa.PrimaryKeyConstraint("basis", "day", "branch_id", "currency", name=op.f("pk_report_sales_day_totals")),
    )


def downgrade() -> None:
    op.drop_table("report_sales_day_totals")
