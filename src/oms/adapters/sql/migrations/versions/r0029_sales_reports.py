"""Sales reports: indexes on the days goods issues, return receipts and posted invoices count on.

Revision ID: 0029
Revises: 0028
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (("goods_issues", ("issued_at",)), ("return_receipts", ("received_at",)),
           ("invoices", ("status", "invoice_date")))


def upgrade() -> None:
    for table, columns in INDEXES:
        op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns))


def downgrade() -> None:
    for table, columns in reversed(INDEXES):
        op.drop_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table_name=table)
