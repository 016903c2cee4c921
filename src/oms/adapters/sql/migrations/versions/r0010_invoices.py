"""Invoices and credit notes with their lines; number series per period (a counter row per kind and fiscal year).

Revision ID: 0010
Revises: 0008
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Timestamps are stored in UTC; exact decimals are NUMERIC on PostgreSQL and text on SQLite (see types.py).
TIMESTAMP = sa.DateTime(timezone=True)
EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")
ID = sa.String(length=64)
AMOUNTS = ("gross_amount", "line_discount", "order_discount", "net", "tax", "total")


def upgrade() -> None:
    # The counters kept so far are the series without a period ("").
    with op.batch_alter_table("sequences") as batch:
        batch.add_column(sa.Column("period", sa.String(length=8), nullable=False, server_default=""))
        batch.drop_constraint("pk_sequences", type_="primary")
        batch.create_primary_key("pk_sequences", ["kind", "period"])
    with op.batch_alter_table("sequences") as batch:
        batch.alter_column("period", existing_type=sa.String(length=8), server_default=None)
    op.create_table(
        "invoices",
        sa.Column("id", ID, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=True),
        sa.Column("customer_id", ID, nullable=False),
        sa.Column("branch_id", ID, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("prices_include_tax", sa.Boolean(), nullable=False),
        sa.Column("tax_rounding", sa.String(length=32), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("invoice_date", sa.Date(), nullable=True),
        sa.Column("posted_at", TIMESTAMP, nullable=True),
        sa.Column("posted_by", sa.Text(), nullable=False),
        sa.Column("credited_invoice_id", ID, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branches.id"], name=op.f("fk_invoices_branch_id_branches")),
        sa.ForeignKeyConstraint(["credited_invoice_id"], ["invoices.id"],
                                name=op.f("fk_invoices_credited_invoice_id_invoices")),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name=op.f("fk_invoices_customer_id_customers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint("number", name=op.f("uq_invoices_number")),
    )
    op.create_index(op.f("ix_invoices_credited_invoice_id"), "invoices", ["credited_invoice_id"])
    op.create_index("ix_invoices_customer_created", "invoices", ["customer_id", "created_at", "id"])
    op.create_index("ix_invoices_status_created", "invoices", ["status", "created_at", "id"])
    op.create_table(
        "invoice_lines",
        sa.Column("id", ID, nullable=False),
        sa.Column("invoice_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source_document_id", ID, nullable=False),
        sa.Column("source_line_id", ID, nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("uom", sa.String(length=16), nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("unit_price", EXACT, nullable=False),
        sa.Column("tax_category", sa.String(length=32), nullable=False),
        sa.Column("tax_rate", EXACT, nullable=False),
        *(sa.Column(name, EXACT, nullable=False) for name in AMOUNTS),
        sa.ForeignKeyConstraint(["invoice_id"], ["invoices.id"], name=op.f("fk_invoice_lines_invoice_id_invoices"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_lines")),
    )
    op.create_index(op.f("ix_invoice_lines_invoice_id_position"), "invoice_lines", ["invoice_id", "position"])
    op.create_index(op.f("ix_invoice_lines_source_document_id"), "invoice_lines", ["source_document_id"])
    op.create_index(op.f("ix_invoice_lines_source_line_id"), "invoice_lines", ["source_line_id"])


def downgrade() -> None:
    op.drop_table("invoice_lines")
    op.drop_table("invoices")
    op.execute("DELETE FROM sequences WHERE period <> ''")
    with op.batch_alter_table("sequences") as batch:
        batch.drop_constraint("pk_sequences", type_="primary")
        batch.create_primary_key("pk_sequences", ["kind"])
        batch.drop_column("period")
