"""The tables of purchase planning: reorder rules (one per product and warehouse) and the prepared proposals (one per
day, its key the day: the daily job's claim) with their lines."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Table, Text

from oms.adapters.sql.shared.metadata import CODE, ID, QUANTITY, metadata
from oms.adapters.sql.shared.types import ExactDecimal, UtcDateTime

reorder_rules = Table(
    "reorder_rules", metadata,
    Column("id", String(ID), primary_key=True),
    Column("key", String(2 * ID + 1), nullable=False, unique=True),  # product_id/warehouse_id
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("warehouse_id", String(ID), ForeignKey("warehouses.id"), nullable=False),
    Column("minimum", ExactDecimal(QUANTITY), nullable=False),
    Column("maximum", ExactDecimal(QUANTITY), nullable=False),
    Column("multiple", ExactDecimal(QUANTITY), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
)

proposal_runs = Table(
    "proposal_runs", metadata,
    Column("id", String(ID), primary_key=True),  # the day, ISO: a second run of the day cannot insert its row
    Column("day", Date, nullable=False, unique=True),
    Column("prepared_at", UtcDateTime(), nullable=False),
    Column("actor", Text, nullable=False),
    Column("version", Integer, nullable=False),
)

proposal_lines = Table(
    "proposal_lines", metadata,
    Column("id", String(ID), primary_key=True),
    Column("run_id", String(ID), ForeignKey("proposal_runs.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("product_id", String(ID), nullable=False),
    Column("sku", String(CODE), nullable=False),
    Column("warehouse_id", String(ID), nullable=False),
    Column("warehouse_code", String(CODE), nullable=False),
    Column("available", ExactDecimal(QUANTITY), nullable=False),
    Column("incoming", ExactDecimal(QUANTITY), nullable=False),
    Column("demand", ExactDecimal(QUANTITY), nullable=False),
    Column("minimum", ExactDecimal(QUANTITY), nullable=False),
    Column("maximum", ExactDecimal(QUANTITY), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("supplier_id", String(ID), nullable=True),
    Column("supplier_code", String(CODE), nullable=True),
    Column("unit_price", ExactDecimal(QUANTITY), nullable=True),
    Column("currency", String(3), nullable=True),
)
