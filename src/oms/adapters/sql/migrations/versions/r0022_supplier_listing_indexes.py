"""Indexes the keyset listings of vendor bills (by supplier, by 3-way match status) and of payments to suppliers
(by time recorded, of everyone or one supplier) page along, so a page is an index range, not a sort of every row.

Revision ID: 0022
Revises: 0021
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_vendor_bills_supplier_created", "vendor_bills", ["supplier_id", "created_at", "id"]),
    ("ix_vendor_bills_match_created", "vendor_bills", ["match_status", "created_at", "id"]),
    ("ix_supplier_payments_recorded", "supplier_payments", ["recorded_at", "id"]),
    ("ix_supplier_payments_supplier_recorded", "supplier_payments", ["supplier_id", "recorded_at", "id"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
