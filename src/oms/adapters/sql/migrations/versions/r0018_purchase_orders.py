"""Purchase orders with their lines, goods receipts, returns to the supplier and audit trail, and the procurement
settings of branches (approval threshold, over-receipt tolerance, per-product tolerances); the number sequence of
returns to the supplier (RTS) on PostgreSQL.

Revision ID: 0018
Revises: 0016
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)
EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")
ID = sa.String(length=64)
TABLES = (
    "procurement_settings",
    "purchase_orders",
    "receipt_tolerances",
    "goods_receipts",
    "purchase_order_history",
    "purchase_order_lines",
    "supplier_returns",
    "goods_receipt_lines",
)


def upgrade() -> None:
    op.create_table(
        "procurement_settings",
        sa.Column("id", ID, nullable=False),
        sa.Column("approval_threshold", EXACT, nullable=True),
        sa.Column("over_receipt_percent", EXACT, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["id"], ["branches.id"], name=op.f("fk_procurement_settings_id_branches")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procurement_settings")),
    )
    op.create_table(
        "purchase_orders",
        sa.Column("id", ID, nullable=False),
        sa.Column("number", ID, nullable=False),
        sa.Column("supplier_id", ID, nullable=False),
        sa.Column("branch_id", ID, nullable=False),
        sa.Column("warehouse_id", ID, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("tax_exempt", sa.Boolean(), nullable=False),
        sa.Column("prices_include_tax", sa.Boolean(), nullable=False),
        sa.Column("tax_rounding", sa.String(length=32), nullable=False),
        sa.Column("order_discount_kind", sa.String(length=32), nullable=True),
        sa.Column("order_discount_value", EXACT, nullable=True),
        sa.Column("supplier_reference", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("gross_amount", EXACT, nullable=False),
        sa.Column("discount_total", EXACT, nullable=False),
        sa.Column("net_total", EXACT, nullable=False),
        sa.Column("tax_total", EXACT, nullable=False),
        sa.Column("grand_total", EXACT, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branches.id"], name=op.f("fk_purchase_orders_branch_id_branches")),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["suppliers.id"], name=op.f("fk_purchase_orders_supplier_id_suppliers")
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_purchase_orders_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_orders")),
        sa.UniqueConstraint("number", name=op.f("uq_purchase_orders_number")),
    )
    op.create_index(
        "ix_purchase_orders_branch_created", "purchase_orders", ["branch_id", "created_at", "id"], unique=False
    )
    op.create_index("ix_purchase_orders_created", "purchase_orders", ["created_at", "id"], unique=False)
    op.create_index(
        "ix_purchase_orders_status_created", "purchase_orders", ["status", "created_at", "id"], unique=False
    )
    op.create_index(
        "ix_purchase_orders_supplier_created", "purchase_orders", ["supplier_id", "created_at", "id"], unique=False
    )
    op.create_table(
        "receipt_tolerances",
        sa.Column("id", ID, nullable=False),
        sa.Column("settings_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("percent", EXACT, nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_receipt_tolerances_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["settings_id"],
            ["procurement_settings.id"],
            name=op.f("fk_receipt_tolerances_settings_id_procurement_settings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt_tolerances")),
    )
    op.create_index(
        op.f("ix_receipt_tolerances_settings_id_position"),
        "receipt_tolerances",
        ["settings_id", "position"],
        unique=False,
    )
    op.create_table(
        "goods_receipts",
        sa.Column("id", ID, nullable=False),
        sa.Column("purchase_order_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", ID, nullable=False),
        sa.Column("warehouse_id", ID, nullable=False),
        sa.Column("received_at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("rate", EXACT, nullable=False),
        sa.ForeignKeyConstraint(
            ["purchase_order_id"],
            ["purchase_orders.id"],
            name=op.f("fk_goods_receipts_purchase_order_id_purchase_orders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_goods_receipts_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goods_receipts")),
        sa.UniqueConstraint("number", name=op.f("uq_goods_receipts_number")),
    )
    op.create_index(
        op.f("ix_goods_receipts_purchase_order_id_position"),
        "goods_receipts",
        ["purchase_order_id", "position"],
        unique=False,
    )
    op.create_table(
        "purchase_order_history",
        sa.Column("document_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("from_status", sa.String(length=32), nullable=False),
        sa.Column("to_status", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["purchase_orders.id"],
            name=op.f("fk_purchase_order_history_document_id_purchase_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "position", name=op.f("pk_purchase_order_history")),
    )
    op.create_table(
        "purchase_order_lines",
        sa.Column("id", ID, nullable=False),
        sa.Column("purchase_order_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("sku", ID, nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("uom", sa.String(length=16), nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("unit_price", EXACT, nullable=False),
        sa.Column("tax_category", sa.String(length=32), nullable=False),
        sa.Column("tax_rate", EXACT, nullable=False),
        sa.Column("invoice_policy", sa.String(length=32), nullable=False),
        sa.Column("discount_kind", sa.String(length=32), nullable=True),
        sa.Column("discount_value", EXACT, nullable=True),
        sa.Column("gross_amount", EXACT, nullable=False),
        sa.Column("line_discount", EXACT, nullable=False),
        sa.Column("order_discount", EXACT, nullable=False),
        sa.Column("net", EXACT, nullable=False),
        sa.Column("tax", EXACT, nullable=False),
        sa.Column("total", EXACT, nullable=False),
        sa.Column("billed", EXACT, nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_purchase_order_lines_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["purchase_order_id"],
            ["purchase_orders.id"],
            name=op.f("fk_purchase_order_lines_purchase_order_id_purchase_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_order_lines")),
    )
    op.create_index(
        op.f("ix_purchase_order_lines_purchase_order_id_position"),
        "purchase_order_lines",
        ["purchase_order_id", "position"],
        unique=False,
    )
    op.create_table(
        "supplier_returns",
        sa.Column("id", ID, nullable=False),
        sa.Column("purchase_order_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", ID, nullable=False),
        sa.Column("line_id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("warehouse_id", ID, nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("value", EXACT, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("returned_at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_supplier_returns_product_id_products")),
        sa.ForeignKeyConstraint(
            ["purchase_order_id"],
            ["purchase_orders.id"],
            name=op.f("fk_supplier_returns_purchase_order_id_purchase_orders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_supplier_returns_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_returns")),
        sa.UniqueConstraint("number", name=op.f("uq_supplier_returns_number")),
    )
    op.create_index(
        op.f("ix_supplier_returns_purchase_order_id_position"),
        "supplier_returns",
        ["purchase_order_id", "position"],
        unique=False,
    )
    op.create_table(
        "goods_receipt_lines",
        sa.Column("id", ID, nullable=False),
        sa.Column("goods_receipt_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("line_id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("value", EXACT, nullable=False),
        sa.ForeignKeyConstraint(
            ["goods_receipt_id"],
            ["goods_receipts.id"],
            name=op.f("fk_goods_receipt_lines_goods_receipt_id_goods_receipts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_goods_receipt_lines_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goods_receipt_lines")),
    )
    op.create_index(
        op.f("ix_goods_receipt_lines_goods_receipt_id_position"),
        "goods_receipt_lines",
        ["goods_receipt_id", "position"],
        unique=False,
    )
    op.create_index(op.f("ix_goods_receipt_lines_line_id"), "goods_receipt_lines", ["line_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE SEQUENCE number_rts AS BIGINT MINVALUE 1")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE number_rts")
    for table in reversed(TABLES):
        op.drop_table(table)
