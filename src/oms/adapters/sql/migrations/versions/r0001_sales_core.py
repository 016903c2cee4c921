"""The sales core: master data, stock with its immutable movements, quotations, sales orders, outbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-24 21:21:39.029394
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Timestamps are stored in UTC; exact decimals are NUMERIC on PostgreSQL and text on SQLite (see types.py).
TIMESTAMP = sa.DateTime(timezone=True)
EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "branches",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("tax_jurisdiction", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_branches")),
        sa.UniqueConstraint("code", name=op.f("uq_branches_code")),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("billing_line1", sa.Text(), nullable=False),
        sa.Column("billing_line2", sa.Text(), nullable=False),
        sa.Column("billing_city", sa.Text(), nullable=False),
        sa.Column("billing_postal_code", sa.Text(), nullable=False),
        sa.Column("billing_region", sa.Text(), nullable=False),
        sa.Column("billing_country", sa.Text(), nullable=False),
        sa.Column("shipping_line1", sa.Text(), nullable=False),
        sa.Column("shipping_line2", sa.Text(), nullable=False),
        sa.Column("shipping_city", sa.Text(), nullable=False),
        sa.Column("shipping_postal_code", sa.Text(), nullable=False),
        sa.Column("shipping_region", sa.Text(), nullable=False),
        sa.Column("shipping_country", sa.Text(), nullable=False),
        sa.Column("tax_exempt", sa.Boolean(), nullable=False),
        sa.Column("tax_exemption_reference", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("code", name=op.f("uq_customers_code")),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("aggregate_id", sa.String(length=129), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=False),
        sa.Column("occurred_at", TIMESTAMP, nullable=False),
        sa.Column(
            "payload", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column("published_at", TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
    )
    op.create_index(op.f("ix_outbox_aggregate_id_seq"), "outbox", ["aggregate_id", "seq"], unique=False)
    op.create_index(op.f("ix_outbox_published_at_seq"), "outbox", ["published_at", "seq"], unique=False)
    op.create_table(
        "products",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("uom", sa.String(length=16), nullable=False),
        sa.Column("price", EXACT, nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("tax_category", sa.String(length=32), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
        sa.UniqueConstraint("sku", name=op.f("uq_products_sku")),
    )
    op.create_table(
        "sequences",
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_sequences")),
    )
    op.create_table(
        "tax_rates",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("jurisdiction", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("rate", EXACT, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tax_rates")),
        sa.UniqueConstraint("jurisdiction", "category", name=op.f("uq_tax_rates_jurisdiction_category")),
    )
    op.create_table(
        "quotations",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("branch_id", sa.String(length=64), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("tax_exempt", sa.Boolean(), nullable=False),
        sa.Column("prices_include_tax", sa.Boolean(), nullable=False),
        sa.Column("tax_rounding", sa.String(length=32), nullable=False),
        sa.Column("order_discount_kind", sa.String(length=32), nullable=True),
        sa.Column("order_discount_value", EXACT, nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("gross_amount", EXACT, nullable=False),
        sa.Column("discount_total", EXACT, nullable=False),
        sa.Column("net_total", EXACT, nullable=False),
        sa.Column("tax_total", EXACT, nullable=False),
        sa.Column("grand_total", EXACT, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("revision_of", sa.String(length=64), nullable=True),
        sa.Column("superseded_by", sa.String(length=64), nullable=True),
        sa.Column("sales_order_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["branch_id"], ["branches.id"], name=op.f("fk_quotations_branch_id_branches")),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name=op.f("fk_quotations_customer_id_customers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotations")),
        sa.UniqueConstraint("number", name=op.f("uq_quotations_number")),
    )
    op.create_index("ix_quotations_branch_created", "quotations", ["branch_id", "created_at", "id"], unique=False)
    op.create_index("ix_quotations_created", "quotations", ["created_at", "id"], unique=False)
    op.create_index("ix_quotations_customer_created", "quotations", ["customer_id", "created_at", "id"], unique=False)
    op.create_index(op.f("ix_quotations_revision_of"), "quotations", ["revision_of"], unique=False)
    op.create_index("ix_quotations_status_created", "quotations", ["status", "created_at", "id"], unique=False)
    op.create_index("ix_quotations_status_valid_until", "quotations", ["status", "valid_until"], unique=False)
    op.create_table(
        "sales_orders",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.String(length=64), nullable=False),
        sa.Column("branch_id", sa.String(length=64), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("tax_exempt", sa.Boolean(), nullable=False),
        sa.Column("prices_include_tax", sa.Boolean(), nullable=False),
        sa.Column("tax_rounding", sa.String(length=32), nullable=False),
        sa.Column("order_discount_kind", sa.String(length=32), nullable=True),
        sa.Column("order_discount_value", EXACT, nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("gross_amount", EXACT, nullable=False),
        sa.Column("discount_total", EXACT, nullable=False),
        sa.Column("net_total", EXACT, nullable=False),
        sa.Column("tax_total", EXACT, nullable=False),
        sa.Column("grand_total", EXACT, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("allow_backorder", sa.Boolean(), nullable=False),
        sa.Column("over_delivery_percent", EXACT, nullable=False),
        sa.Column("customer_reference", sa.Text(), nullable=False),
        sa.Column("quotation_id", sa.String(length=64), nullable=True),
        sa.Column("held_from", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["branch_id"], ["branches.id"], name=op.f("fk_sales_orders_branch_id_branches")),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name=op.f("fk_sales_orders_customer_id_customers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales_orders")),
        sa.UniqueConstraint("number", name=op.f("uq_sales_orders_number")),
    )
    op.create_index("ix_sales_orders_branch_created", "sales_orders", ["branch_id", "created_at", "id"], unique=False)
    op.create_index("ix_sales_orders_created", "sales_orders", ["created_at", "id"], unique=False)
    op.create_index(
        "ix_sales_orders_customer_created", "sales_orders", ["customer_id", "created_at", "id"], unique=False
    )
    op.create_index(op.f("ix_sales_orders_quotation_id"), "sales_orders", ["quotation_id"], unique=False)
    op.create_index("ix_sales_orders_status_created", "sales_orders", ["status", "created_at", "id"], unique=False)
    op.create_table(
        "warehouses",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("branch_id", sa.String(length=64), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branches.id"], name=op.f("fk_warehouses_branch_id_branches")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warehouses")),
        sa.UniqueConstraint("code", name=op.f("uq_warehouses_code")),
    )
    op.create_index(op.f("ix_warehouses_branch_id"), "warehouses", ["branch_id"], unique=False)
    op.create_table(
        "goods_issues",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("sales_order_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("warehouse_id", sa.String(length=64), nullable=False),
        sa.Column("issued_at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sales_order_id"],
            ["sales_orders.id"],
            name=op.f("fk_goods_issues_sales_order_id_sales_orders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_goods_issues_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goods_issues")),
        sa.UniqueConstraint("number", name=op.f("uq_goods_issues_number")),
    )
    op.create_index(
        op.f("ix_goods_issues_sales_order_id_position"), "goods_issues", ["sales_order_id", "position"], unique=False
    )
    op.create_table(
        "order_lines",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("sales_order_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.String(length=64), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("uom", sa.String(length=16), nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("unit_price", EXACT, nullable=False),
        sa.Column("tax_category", sa.String(length=32), nullable=False),
        sa.Column("tax_rate", EXACT, nullable=False),
        sa.Column("discount_kind", sa.String(length=32), nullable=True),
        sa.Column("discount_value", EXACT, nullable=True),
        sa.Column("gross_amount", EXACT, nullable=False),
        sa.Column("line_discount", EXACT, nullable=False),
        sa.Column("order_discount", EXACT, nullable=False),
        sa.Column("net", EXACT, nullable=False),
        sa.Column("tax", EXACT, nullable=False),
        sa.Column("total", EXACT, nullable=False),
        sa.Column("quantity_issued", EXACT, nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_order_lines_product_id_products")),
        sa.ForeignKeyConstraint(
            ["sales_order_id"],
            ["sales_orders.id"],
            name=op.f("fk_order_lines_sales_order_id_sales_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_lines")),
    )
    op.create_index(
        op.f("ix_order_lines_sales_order_id_position"), "order_lines", ["sales_order_id", "position"], unique=False
    )
    op.create_table(
        "quotation_history",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("from_status", sa.String(length=32), nullable=False),
        sa.Column("to_status", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["quotations.id"],
            name=op.f("fk_quotation_history_document_id_quotations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "position", name=op.f("pk_quotation_history")),
    )
    op.create_table(
        "quotation_lines",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("quotation_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.String(length=64), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("uom", sa.String(length=16), nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("unit_price", EXACT, nullable=False),
        sa.Column("tax_category", sa.String(length=32), nullable=False),
        sa.Column("tax_rate", EXACT, nullable=False),
        sa.Column("discount_kind", sa.String(length=32), nullable=True),
        sa.Column("discount_value", EXACT, nullable=True),
        sa.Column("gross_amount", EXACT, nullable=False),
        sa.Column("line_discount", EXACT, nullable=False),
        sa.Column("order_discount", EXACT, nullable=False),
        sa.Column("net", EXACT, nullable=False),
        sa.Column("tax", EXACT, nullable=False),
        sa.Column("total", EXACT, nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_quotation_lines_product_id_products")),
        sa.ForeignKeyConstraint(
            ["quotation_id"],
            ["quotations.id"],
            name=op.f("fk_quotation_lines_quotation_id_quotations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotation_lines")),
    )
    op.create_index(
        op.f("ix_quotation_lines_quotation_id_position"), "quotation_lines", ["quotation_id", "position"], unique=False
    )
    op.create_table(
        "reservations",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("sales_order_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.String(length=64), nullable=False),
        sa.Column("product_id", sa.String(length=64), nullable=False),
        sa.Column("warehouse_id", sa.String(length=64), nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("issued", EXACT, nullable=False),
        sa.Column("released", EXACT, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_reservations_product_id_products")),
        sa.ForeignKeyConstraint(
            ["sales_order_id"],
            ["sales_orders.id"],
            name=op.f("fk_reservations_sales_order_id_sales_orders"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_reservations_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reservations")),
    )
    op.create_index(
        op.f("ix_reservations_product_id_warehouse_id"), "reservations", ["product_id", "warehouse_id"], unique=False
    )
    op.create_index(
        op.f("ix_reservations_sales_order_id_position"), "reservations", ["sales_order_id", "position"], unique=False
    )
    op.create_table(
        "sales_order_history",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("from_status", sa.String(length=32), nullable=False),
        sa.Column("to_status", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["sales_orders.id"],
            name=op.f("fk_sales_order_history_document_id_sales_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "position", name=op.f("pk_sales_order_history")),
    )
    op.create_table(
        "stock_levels",
        sa.Column("product_id", sa.String(length=64), nullable=False),
        sa.Column("warehouse_id", sa.String(length=64), nullable=False),
        sa.Column("on_hand", EXACT, nullable=False),
        sa.Column("reserved", EXACT, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_stock_levels_product_id_products")),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["warehouses.id"], name=op.f("fk_stock_levels_warehouse_id_warehouses")
        ),
        sa.PrimaryKeyConstraint("product_id", "warehouse_id", name=op.f("pk_stock_levels")),
    )
    op.create_index(op.f("ix_stock_levels_warehouse_id"), "stock_levels", ["warehouse_id"], unique=False)
    op.create_table(
        "goods_issue_lines",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("goods_issue_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.String(length=64), nullable=False),
        sa.Column("product_id", sa.String(length=64), nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.ForeignKeyConstraint(
            ["goods_issue_id"],
            ["goods_issues.id"],
            name=op.f("fk_goods_issue_lines_goods_issue_id_goods_issues"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_goods_issue_lines_product_id_products")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goods_issue_lines")),
    )
    op.create_index(
        op.f("ix_goods_issue_lines_goods_issue_id_position"),
        "goods_issue_lines",
        ["goods_issue_id", "position"],
        unique=False,
    )
    op.create_table(
        "stock_movements",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("product_id", sa.String(length=64), nullable=False),
        sa.Column("warehouse_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id", "warehouse_id"],
            ["stock_levels.product_id", "stock_levels.warehouse_id"],
            name="fk_stock_movements_level",
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_stock_movements")),
        sa.UniqueConstraint("id", name=op.f("uq_stock_movements_id")),
    )
    op.create_index(
        op.f("ix_stock_movements_product_id_warehouse_id_seq"),
        "stock_movements",
        ["product_id", "warehouse_id", "seq"],
        unique=False,
    )
    op.create_index(
        op.f("ix_stock_movements_warehouse_id_seq"), "stock_movements", ["warehouse_id", "seq"], unique=False
    )
    _refuse_changes_to_movements()


def _refuse_changes_to_movements() -> None:
    """Stock movements are immutable: on_hand is their sum, so an UPDATE or DELETE would falsify the ledger."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION oms_refuse_movement_change() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'stock movements are immutable'; END $$"
        )
        op.execute(
            "CREATE TRIGGER stock_movements_immutable BEFORE UPDATE OR DELETE ON stock_movements "
            "FOR EACH ROW EXECUTE FUNCTION oms_refuse_movement_change()"
        )
    else:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER stock_movements_no_{action.lower()} BEFORE {action} ON stock_movements "
                "BEGIN SELECT RAISE(ABORT, 'stock movements are immutable'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER stock_movements_immutable ON stock_movements")
        op.execute("DROP FUNCTION oms_refuse_movement_change()")
    op.drop_index(op.f("ix_stock_movements_warehouse_id_seq"), table_name="stock_movements")
    op.drop_index(op.f("ix_stock_movements_product_id_warehouse_id_seq"), table_name="stock_movements")
    op.drop_table("stock_movements")
    op.drop_index(op.f("ix_goods_issue_lines_goods_issue_id_position"), table_name="goods_issue_lines")
    op.drop_table("goods_issue_lines")
    op.drop_index(op.f("ix_stock_levels_warehouse_id"), table_name="stock_levels")
    op.drop_table("stock_levels")
    op.drop_table("sales_order_history")
    op.drop_index(op.f("ix_reservations_sales_order_id_position"), table_name="reservations")
    op.drop_index(op.f("ix_reservations_product_id_warehouse_id"), table_name="reservations")
    op.drop_table("reservations")
    op.drop_index(op.f("ix_quotation_lines_quotation_id_position"), table_name="quotation_lines")
    op.drop_table("quotation_lines")
    op.drop_table("quotation_history")
    op.drop_index(op.f("ix_order_lines_sales_order_id_position"), table_name="order_lines")
    op.drop_table("order_lines")
    op.drop_index(op.f("ix_goods_issues_sales_order_id_position"), table_name="goods_issues")
    op.drop_table("goods_issues")
    op.drop_index(op.f("ix_warehouses_branch_id"), table_name="warehouses")
    op.drop_table("warehouses")
    op.drop_index("ix_sales_orders_status_created", table_name="sales_orders")
    op.drop_index(op.f("ix_sales_orders_quotation_id"), table_name="sales_orders")
    op.drop_index("ix_sales_orders_customer_created", table_name="sales_orders")
    op.drop_index("ix_sales_orders_created", table_name="sales_orders")
    op.drop_index("ix_sales_orders_branch_created", table_name="sales_orders")
    op.drop_table("sales_orders")
    op.drop_index("ix_quotations_status_valid_until", table_name="quotations")
    op.drop_index("ix_quotations_status_created", table_name="quotations")
    op.drop_index(op.f("ix_quotations_revision_of"), table_name="quotations")
    op.drop_index("ix_quotations_customer_created", table_name="quotations")
    op.drop_index("ix_quotations_created", table_name="quotations")
    op.drop_index("ix_quotations_branch_created", table_name="quotations")
    op.drop_table("quotations")
    op.drop_table("tax_rates")
    op.drop_table("sequences")
    op.drop_table("products")
    op.drop_index(op.f("ix_outbox_published_at_seq"), table_name="outbox")
    op.drop_index(op.f("ix_outbox_aggregate_id_seq"), table_name="outbox")
    op.drop_table("outbox")
    op.drop_table("customers")
    op.drop_table("branches")
