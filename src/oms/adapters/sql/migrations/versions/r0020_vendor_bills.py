"""Vendor bills and debit notes with their lines; payments to suppliers and their allocations.

Revision ID: 0020
Revises: 0019
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Timestamps are stored in UTC; exact decimals are NUMERIC on PostgreSQL and text on SQLite (see types.py).
TIMESTAMP = sa.DateTime(timezone=True)
EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")
ID = sa.String(length=64)
CODE = sa.String(length=64)
AMOUNTS = ("gross_amount", "line_discount", "order_discount", "net", "tax", "total")


def upgrade() -> None:
    op.create_table(
        "vendor_bills",
        sa.Column("id", ID, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("number", CODE, nullable=True),
        sa.Column("supplier_id", ID, nullable=False),
        sa.Column("branch_id", ID, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("supplier_invoice_number", CODE, nullable=False),
        sa.Column("bill_date", sa.Date(), nullable=False),
        sa.Column("fiscal_year", sa.String(length=8), nullable=False),
        sa.Column("prices_include_tax", sa.Boolean(), nullable=False),
        sa.Column("tax_rounding", sa.String(length=32), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("posted_at", TIMESTAMP, nullable=True),
        sa.Column("posted_by", sa.Text(), nullable=False),
        sa.Column("debited_bill_id", ID, nullable=True),
        sa.Column("claim", sa.String(length=128), nullable=True),
        sa.Column("match_status", sa.String(length=32), nullable=False),
        sa.Column("released_by", sa.Text(), nullable=False),
        sa.Column("released_at", TIMESTAMP, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["supplier_id"], ["suppliers.id"], name=op.f("fk_vendor_bills_supplier_id_suppliers")),
        sa.ForeignKeyConstraint(["branch_id"], ["branches.id"], name=op.f("fk_vendor_bills_branch_id_branches")),
        sa.ForeignKeyConstraint(["debited_bill_id"], ["vendor_bills.id"],
                                name=op.f("fk_vendor_bills_debited_bill_id_vendor_bills")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vendor_bills")),
        sa.UniqueConstraint("number", name=op.f("uq_vendor_bills_number")),
        sa.UniqueConstraint("supplier_id", "claim", name=op.f("uq_vendor_bills_supplier_id_claim")),
    )
    op.create_index(op.f("ix_vendor_bills_debited_bill_id"), "vendor_bills", ["debited_bill_id"])
    op.create_index("ix_vendor_bills_created", "vendor_bills", ["created_at", "id"])
    op.create_table(
        "vendor_bill_lines",
        sa.Column("id", ID, nullable=False),
        sa.Column("bill_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("purchase_order_id", ID, nullable=False),
        sa.Column("po_line_id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("sku", CODE, nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("uom", sa.String(length=16), nullable=False),
        sa.Column("tax_category", sa.String(length=32), nullable=False),
        *(sa.Column(name, EXACT, nullable=False) for name in ("quantity", "unit_price", "po_unit_price", "tax_rate")),
        sa.Column("debited_line_id", ID, nullable=True),
        sa.Column("match_status", sa.String(length=32), nullable=False),
        sa.Column("match_reason", sa.Text(), nullable=False),
        *(sa.Column(name, EXACT, nullable=False) for name in AMOUNTS),
        sa.ForeignKeyConstraint(["bill_id"], ["vendor_bills.id"],
                                name=op.f("fk_vendor_bill_lines_bill_id_vendor_bills"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vendor_bill_lines")),
    )
    op.create_index(op.f("ix_vendor_bill_lines_bill_id_position"), "vendor_bill_lines", ["bill_id", "position"])
    op.create_index(op.f("ix_vendor_bill_lines_purchase_order_id"), "vendor_bill_lines", ["purchase_order_id"])
    op.create_index(op.f("ix_vendor_bill_lines_po_line_id"), "vendor_bill_lines", ["po_line_id"])
    op.create_index(op.f("ix_vendor_bill_lines_debited_line_id"), "vendor_bill_lines", ["debited_line_id"])
    op.create_table(
        "supplier_payments",
        sa.Column("id", ID, nullable=False),
        sa.Column("number", CODE, nullable=False),
        sa.Column("supplier_id", ID, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount", EXACT, nullable=False),
        sa.Column("payment_date", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("recorded_at", TIMESTAMP, nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["supplier_id"], ["suppliers.id"],
                                name=op.f("fk_supplier_payments_supplier_id_suppliers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_payments")),
        sa.UniqueConstraint("number", name=op.f("uq_supplier_payments_number")),
    )
    op.create_index("ix_supplier_payments_date", "supplier_payments", ["payment_date", "recorded_at"])
    op.create_table(
        "supplier_payment_allocations",
        sa.Column("id", ID, nullable=False),
        sa.Column("payment_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("bill_id", ID, nullable=False),
        sa.Column("amount", EXACT, nullable=False),
        sa.Column("allocated_at", TIMESTAMP, nullable=False),
        sa.Column("allocated_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["payment_id"], ["supplier_payments.id"],
                                name=op.f("fk_supplier_payment_allocations_payment_id_supplier_payments"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["bill_id"], ["vendor_bills.id"],
                                name=op.f("fk_supplier_payment_allocations_bill_id_vendor_bills")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_payment_allocations")),
    )
    op.create_index(op.f("ix_supplier_payment_allocations_payment_id_position"), "supplier_payment_allocations",
                    ["payment_id", "position"])
    op.create_index(op.f("ix_supplier_payment_allocations_bill_id"), "supplier_payment_allocations", ["bill_id"])


def downgrade() -> None:
    op.drop_table("supplier_payment_allocations")
    op.drop_table("supplier_payments")
    op.drop_table("vendor_bill_lines")
    op.drop_table("vendor_bills")
