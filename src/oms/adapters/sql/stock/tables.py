"""Tables of stock: a level per product and warehouse, and the immutable movement ledger."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, ForeignKeyConstraint, Index, Integer, String, Table, Text

from oms.adapters.sql.shared.metadata import AMOUNT, ID, QUANTITY, SERIAL, metadata
from oms.adapters.sql.shared.types import ExactDecimal, StrEnumType, UtcDateTime
from oms.domain.stock.levels import MovementKind

stock_levels = Table(
    "stock_levels", metadata,
    Column("product_id", String(ID), ForeignKey("products.id"), primary_key=True),
    Column("warehouse_id", String(ID), ForeignKey("warehouses.id"), primary_key=True, index=True),
    Column("on_hand", ExactDecimal(QUANTITY), nullable=False),
    Column("reserved", ExactDecimal(QUANTITY), nullable=False),
    Column("value", ExactDecimal(AMOUNT), nullable=False),
    Column("unit_cost", ExactDecimal(QUANTITY), nullable=True),
    Column("version", Integer, nullable=False),
)


# Immutable: rows are only ever inserted (the migration adds triggers that refuse UPDATE and DELETE).
stock_movements = Table(
    "stock_movements", metadata,
    Column("seq", SERIAL, primary_key=True, autoincrement=True),
    Column("id", String(ID), nullable=False, unique=True),
    Column("product_id", String(ID), nullable=False),
    Column("warehouse_id", String(ID), nullable=False),
    Column("kind", StrEnumType(MovementKind), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("reference", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("value", ExactDecimal(AMOUNT), nullable=False),
    Column("unit_cost", ExactDecimal(QUANTITY), nullable=False),
    ForeignKeyConstraint(["product_id", "warehouse_id"], ["stock_levels.product_id", "stock_levels.warehouse_id"],
                         name="fk_stock_movements_level"),
    Index(None, "product_id", "warehouse_id", "seq"),
    Index(None, "warehouse_id", "seq"),
    # The listing pages by (at, id), filtered by product or warehouse or neither.
    Index(None, "at", "id"),
    Index(None, "product_id", "at", "id"),
    Index(None, "warehouse_id", "at", "id"),
    # Stock reports (0029): the sums before or after a time from the index alone; a level's last goods issue.
    Index("ix_stock_movements_report_at", "at", "kind", "product_id", "warehouse_id", "quantity", "value"),
    Index("ix_stock_movements_issues", "product_id", "warehouse_id", "kind", "at"),
)


# What carts hold for a while (0028): a row per (owner, product), counted while `until` is in the future.
stock_holds = Table(
    "stock_holds", metadata,
    Column("owner_id", String(ID), primary_key=True),
    Column("product_id", String(ID), ForeignKey("products.id"), primary_key=True),
    Column("branch_id", String(ID), ForeignKey("branches.id"), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("until", UtcDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_stock_holds_branch_product", "branch_id", "product_id", "until"),
)
