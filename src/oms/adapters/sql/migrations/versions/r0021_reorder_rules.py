"""Purchase planning: reorder rules (minimum, maximum, multiple, active; one per product and warehouse) and the
prepared purchase proposals, one per day (the day is the key: the daily job's claim), with their lines (and the
draft purchase order or request for quotation each was turned into).

Revision ID: 0021
Revises: 0020
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")
TIMESTAMP = sa.DateTime(timezone=True)
ID = sa.String(length=64)
CODE = sa.String(length=64)


def upgrade() -> None:
    op.create_table(
        "reorder_rules",
        sa.Column("id", ID, nullable=False),
        sa.Column("key", sa.String(length=129), nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("warehouse_id", ID, nullable=False),
        sa.Column("minimum", EXACT, nullable=False),
        sa.Column("maximum", EXACT, nullable=False),
        sa.Column("multiple", EXACT, nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_reorder_rules_product_id_products")),
        sa.ForeignKeyConstraint(["warehouse_id"], ["warehouses.id"],
                                name=op.f("fk_reorder_rules_warehouse_id_warehouses")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reorder_rules")),
        sa.UniqueConstraint("key", name=op.f("uq_reorder_rules_key")),
    )
    op.create_table(
        "proposal_runs",
        sa.Column("id", ID, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("prepared_at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal_runs")),
        sa.UniqueConstraint("day", name=op.f("uq_proposal_runs_day")),
    )
    op.create_table(
        "proposal_lines",
        sa.Column("id", ID, nullable=False),
        sa.Column("run_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("sku", CODE, nullable=False),
        sa.Column("warehouse_id", ID, nullable=False),
        sa.Column("warehouse_code", CODE, nullable=False),
        *[sa.Column(name, EXACT, nullable=False)
          for name in ("available", "incoming", "demand", "minimum", "maximum", "quantity")],
        sa.Column("supplier_id", ID, nullable=True),
        sa.Column("supplier_code", CODE, nullable=True),
        sa.Column("unit_price", EXACT, nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("purchase_order", CODE, nullable=True),
        sa.Column("rfq", CODE, nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["proposal_runs.id"], name=op.f("fk_proposal_lines_run_id_proposal_runs"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposal_lines")),
    )
    op.create_index(op.f("ix_proposal_lines_run_id"), "proposal_lines", ["run_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_proposal_lines_run_id"), table_name="proposal_lines")
    op.drop_table("proposal_lines")
    op.drop_table("proposal_runs")
    op.drop_table("reorder_rules")
