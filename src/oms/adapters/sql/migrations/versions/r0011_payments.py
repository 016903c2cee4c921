"""Payments and their allocations to invoices; an invoice's due date; a customer's payment terms.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Timestamps are stored in UTC; exact decimals are NUMERIC on PostgreSQL and text on SQLite (see types.py).
TIMESTAMP = sa.DateTime(timezone=True)
EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")
ID = sa.String(length=64)


def upgrade() -> None:
    # Customers kept so far are paid immediately (net 0), as before.
    # (SQLite keeps the default: taking it off would copy the table, which the tables pointing at it forbid.)
    op.add_column("customers", sa.Column("payment_terms", sa.Text(), nullable=False, server_default="immediate"))
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("customers", "payment_terms", server_default=None)
    op.add_column("invoices", sa.Column("due_date", sa.Date(), nullable=True))
    op.create_table(
        "payments",
        sa.Column("id", ID, nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("customer_id", ID, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount", EXACT, nullable=False),
        sa.Column("payment_date", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("recorded_at", TIMESTAMP, nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name=op.f("fk_payments_customer_id_customers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint("number", name=op.f("uq_payments_number")),
    )
    op.create_index("ix_payments_customer_date", "payments", ["customer_id", "payment_date", "recorded_at"])
    op.create_index("ix_payments_date", "payments", ["payment_date", "recorded_at"])
    op.create_table(
        "payment_allocations",
        sa.Column("id", ID, nullable=False),
        sa.Column("payment_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("invoice_id", ID, nullable=False),
        sa.Column("amount", EXACT, nullable=False),
        sa.Column("allocated_at", TIMESTAMP, nullable=False),
        sa.Column("allocated_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["payment_id"], ["payments.id"],
                                name=op.f("fk_payment_allocations_payment_id_payments"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["invoice_id"], ["invoices.id"],
                                name=op.f("fk_payment_allocations_invoice_id_invoices")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_allocations")),
    )
    op.create_index(op.f("ix_payment_allocations_payment_id_position"), "payment_allocations",
                    ["payment_id", "position"])
    op.create_index(op.f("ix_payment_allocations_invoice_id"), "payment_allocations", ["invoice_id"])


def downgrade() -> None:
    op.drop_table("payment_allocations")
    op.drop_table("payments")
    op.drop_column("invoices", "due_date")
    op.drop_column("customers", "payment_terms")
