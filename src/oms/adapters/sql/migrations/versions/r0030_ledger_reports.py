"""Reports of purchasing and ageing: posted vendor bills by bill date, goods receipts by the time they arrived.

Revision ID: 0030
Revises: 0029
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_vendor_bills_status_date", "vendor_bills", ["status", "bill_date"])
    op.create_index("ix_goods_receipts_received", "goods_receipts", ["received_at"])


def downgrade() -> None:
    op.drop_index("ix_goods_receipts_received", table_name="goods_receipts")
    op.drop_index("ix_vendor_bills_status_date", table_name="vendor_bills")
