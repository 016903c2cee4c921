"""Stock valuation and customer returns: a value and an average unit cost per stock level, a value and unit cost per
movement, the cost of the goods issued per goods issue line, the quantity returned per order line, return
authorisations and their receipts, and the RMA number series.

Rows made before valuation existed are worth 0: levels, movements and goods issue lines get value 0 (and movements
unit cost 0), levels no average cost (the next receipt without a cost is valued at zero, see
`oms.domain.stock.valuation`), order lines nothing returned. Adding a column with a constant default rewrites no
row, so the triggers that keep movements immutable are not involved. As in 0009, SQLite keeps the defaults (removing
them means rebuilding tables, which would drop the movements' triggers); every insert names the columns.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)
EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")
ID = sa.String(length=64)
CODE = sa.String(length=64)
# (table, column) added NOT NULL with 0 for the rows there are
ZEROED = (("stock_levels", "value"), ("stock_movements", "value"), ("stock_movements", "unit_cost"),
          ("goods_issue_lines", "value"), ("order_lines", "quantity_returned"))


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table, column in ZEROED:
        op.add_column(table, sa.Column(column, EXACT, nullable=False, server_default="0"))
        if postgres:
            op.alter_column(table, column, server_default=None)
    op.add_column("stock_levels", sa.Column("unit_cost", EXACT, nullable=True))
    op.create_table(
        "customer_returns",
        sa.Column("id", ID, nullable=False),
        sa.Column("sales_order_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", CODE, nullable=False),
        sa.Column("line_id", ID, nullable=False),
        sa.Column("product_id", ID, nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("authorised_at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"],
                                name=op.f("fk_customer_returns_product_id_products")),
        sa.ForeignKeyConstraint(["sales_order_id"], ["sales_orders.id"],
                                name=op.f("fk_customer_returns_sales_order_id_sales_orders"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_returns")),
        sa.UniqueConstraint("number", name=op.f("uq_customer_returns_number")),
    )
    op.create_index(op.f("ix_customer_returns_sales_order_id_position"), "customer_returns",
                    ["sales_order_id", "position"])
    op.create_table(
        "return_receipts",
        sa.Column("id", ID, nullable=False),
        sa.Column("return_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", CODE, nullable=False),
        sa.Column("warehouse_id", ID, nullable=False),
        sa.Column("quantity", EXACT, nullable=False),
        sa.Column("value", EXACT, nullable=False),
        sa.Column("received_at", TIMESTAMP, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["return_id"], ["customer_returns.id"],
                                name=op.f("fk_return_receipts_return_id_customer_returns"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["warehouse_id"], ["warehouses.id"],
                                name=op.f("fk_return_receipts_warehouse_id_warehouses")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_receipts")),
        sa.UniqueConstraint("number", name=op.f("uq_return_receipts_number")),
    )
    op.create_index(op.f("ix_return_receipts_return_id_position"), "return_receipts", ["return_id", "position"])
    if postgres:  # numbers of return authorisations may have gaps, like orders' (see 0007)
        op.execute("CREATE SEQUENCE number_rma AS BIGINT MINVALUE 1")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE number_rma")
    op.drop_table("return_receipts")
    op.drop_table("customer_returns")
    op.drop_column("stock_levels", "unit_cost")
    for table, column in reversed(ZEROED):
        op.drop_column(table, column)
