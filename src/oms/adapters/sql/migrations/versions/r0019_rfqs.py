"""Requests for quotation: the RFQ (number, branch, currency, status), its lines (product, quantity, wanted date), the
invited suppliers (pending, answered, declined), their quotations and quotation lines (price per unit of purchase,
its factor, quantity, minimum, lead time, validity), awards (a key unique per RFQ) and their lines (the purchase
order each went to), and the RFQ's audit trail.

Revision ID: 0019
Revises: 0018
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)
EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")
ID = sa.String(length=64)
CODE = sa.String(length=64)
CURRENCY = sa.String(length=3)
STATUS = sa.String(length=32)


def _child(table: str, parent_table: str, parent_column: str, *columns: sa.Column[object],
           foreign: Sequence[tuple[str, str]] = ()) -> None:
    """A child table: id, the parent's id (deleted with it), its position in the parent's list, then `columns`."""
    op.create_table(
        table,
        sa.Column("id", ID, nullable=False),
        sa.Column(parent_column, ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *columns,
        sa.ForeignKeyConstraint([parent_column], [f"{parent_table}.id"], ondelete="CASCADE",
                                name=op.f(f"fk_{table}_{parent_column}_{parent_table}")),
        *[sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"))
          for column, target in foreign],
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    )
    op.create_index(op.f(f"ix_{table}_{parent_column}_position"), table, [parent_column, "position"])


def upgrade() -> None:
    op.create_table(
        "rfqs",
        sa.Column("id", ID, nullable=False),
        sa.Column("number", CODE, nullable=False),
        sa.Column("branch_id", ID, nullable=False),
        sa.Column("currency", CURRENCY, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("status", STATUS, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branches.id"], name=op.f("fk_rfqs_branch_id_branches")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rfqs")),
        sa.UniqueConstraint("number", name=op.f("uq_rfqs_number")),
    )
    op.create_index("ix_rfqs_created", "rfqs", ["created_at", "id"])
    _child("rfq_lines", "rfqs", "rfq_id",
           sa.Column("product_id", ID, nullable=False),
           sa.Column("sku", CODE, nullable=False),
           sa.Column("description", sa.Text(), nullable=False),
           sa.Column("uom", sa.String(length=16), nullable=False),
           sa.Column("quantity", EXACT, nullable=False),
           sa.Column("wanted_date", sa.Date(), nullable=True),
           foreign=[("product_id", "products")])
    _child("rfq_suppliers", "rfqs", "rfq_id",
           sa.Column("supplier_id", ID, nullable=False),
           sa.Column("status", STATUS, nullable=False),
           sa.Column("reason", sa.Text(), nullable=False),
           foreign=[("supplier_id", "suppliers")])
    _child("rfq_quotations", "rfqs", "rfq_id",
           sa.Column("supplier_id", ID, nullable=False),
           sa.Column("currency", CURRENCY, nullable=False),
           sa.Column("received_at", TIMESTAMP, nullable=False),
           sa.Column("actor", sa.Text(), nullable=False),
           sa.Column("reference", sa.Text(), nullable=False),
           foreign=[("supplier_id", "suppliers")])
    _child("rfq_quotation_lines", "rfq_quotations", "quotation_id",
           sa.Column("rfq_line_id", ID, nullable=False),
           sa.Column("price", EXACT, nullable=False),
           sa.Column("quantity", EXACT, nullable=False),
           sa.Column("min_quantity", EXACT, nullable=False),
           sa.Column("lead_time_days", sa.Integer(), nullable=False),
           sa.Column("valid_until", sa.Date(), nullable=False),
           sa.Column("purchase_unit", sa.Text(), nullable=False),
           sa.Column("unit_factor", EXACT, nullable=False))
    _child("rfq_awards", "rfqs", "rfq_id",
           sa.Column("key", sa.String(length=64), nullable=False),
           sa.Column("awarded_at", TIMESTAMP, nullable=False),
           sa.Column("actor", sa.Text(), nullable=False))
    op.create_index("ix_rfq_awards_rfq_id_key", "rfq_awards", ["rfq_id", "key"], unique=True)
    _child("rfq_award_lines", "rfq_awards", "award_id",
           sa.Column("rfq_line_id", ID, nullable=False),
           sa.Column("supplier_id", ID, nullable=False),
           sa.Column("quotation_id", ID, nullable=False),
           sa.Column("quotation_line_id", ID, nullable=False),
           sa.Column("quantity", EXACT, nullable=False),
           sa.Column("unit_price", EXACT, nullable=False),
           sa.Column("currency", CURRENCY, nullable=False),
           sa.Column("purchase_order_id", ID, nullable=True),
           foreign=[("supplier_id", "suppliers")])
    op.create_table(
        "rfq_history",
        sa.Column("document_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("from_status", STATUS, nullable=False),
        sa.Column("to_status", STATUS, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["rfqs.id"], ondelete="CASCADE",
                                name=op.f("fk_rfq_history_document_id_rfqs")),
        sa.PrimaryKeyConstraint("document_id", "position", name=op.f("pk_rfq_history")),
    )


def downgrade() -> None:
    for table in ("rfq_history", "rfq_award_lines", "rfq_awards", "rfq_quotation_lines", "rfq_quotations",
                  "rfq_suppliers", "rfq_lines", "rfqs"):
        op.drop_table(table)
