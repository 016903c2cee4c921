"""Tables of production: bills of materials (lines, operations) and production work orders (components with what
each needs a unit made, outputs, consumption lines, transfers, deviations, audit trail); service orders are in
service_tables.py. `position` keeps each list's order; a list of value objects without ids (BOM lines, operations,
transfers, deviations) is keyed by its parent and position.

CHECK constraints repeat the domain's invariants that a bad write could break: positive quantities, a reservation
never below zero, a consumption never taking more from the reservation than it consumed, the tolerance and scrap
percentages in range.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from oms.adapters.sql.production.columns import child_columns, numeric, positive
from oms.adapters.sql.shared.metadata import AMOUNT, CODE, ID, QUANTITY, metadata
from oms.adapters.sql.shared.tables import history_table
from oms.adapters.sql.shared.types import ExactDecimal, ExactFraction, StrEnumType, UtcDateTime
from oms.domain.production.boms import ComponentKind, ConsumptionMode
from oms.domain.production.records import BackflushBasis, WorkOrderStatus

boms = Table(
    "boms", metadata,
    Column("id", String(ID), primary_key=True),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("sku", String(CODE), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("output_quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("output_decimals", Integer, nullable=False),
    Column("overhead_per_unit", ExactDecimal(QUANTITY), nullable=False),
    Column("consumption", StrEnumType(ConsumptionMode), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    # a product's revisions are numbered once each (two creating one at once: one retries); revisions() and
    # active() read by product
    UniqueConstraint("product_id", "revision"),
    *positive("boms", "output_quantity"),
    CheckConstraint("revision >= 1", name="ck_boms_revision"),
)

bom_lines = Table(
    "bom_lines", metadata,
    *child_columns("boms", "bom_id", own_id=False),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("sku", String(CODE), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("decimals", Integer, nullable=False),
    Column("scrap_percent", ExactDecimal(QUANTITY), nullable=False),
    Column("kind", StrEnumType(ComponentKind), nullable=False),
    *positive("bom_lines", "quantity"),
    CheckConstraint(f"{numeric('scrap_percent')} >= 0 AND {numeric('scrap_percent')} < 100",
                    name="ck_bom_lines_scrap_percent"),
)

bom_operations = Table(
    "bom_operations", metadata,
    *child_columns("boms", "bom_id", own_id=False),
    Column("name", Text, nullable=False),
    Column("hours", ExactDecimal(QUANTITY), nullable=False),
    Column("rate", ExactDecimal(QUANTITY), nullable=False),
    *positive("bom_operations", "hours"),
)

work_orders = Table(
    "work_orders", metadata,
    Column("id", String(ID), primary_key=True),
    Column("number", String(CODE), nullable=False, unique=True),
    Column("bom_id", String(ID), ForeignKey("boms.id"), nullable=False),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("sku", String(CODE), nullable=False),
    Column("warehouse_id", String(ID), ForeignKey("warehouses.id"), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("output_decimals", Integer, nullable=False),
    Column("overproduction_percent", ExactDecimal(QUANTITY), nullable=False),
    Column("consumption", StrEnumType(ConsumptionMode), nullable=False),
    Column("labour_cost", ExactDecimal(2 * QUANTITY), nullable=False),  # hours x rate, unrounded
    Column("labour_basis", ExactDecimal(QUANTITY), nullable=False),
    Column("overhead_per_unit", ExactDecimal(QUANTITY), nullable=False),
    Column("backflush", StrEnumType(BackflushBasis), nullable=False),
    Column("parent_id", String(ID), ForeignKey("work_orders.id"), nullable=True, index=True),
    Column("sales_order_id", String(ID), ForeignKey("sales_orders.id"), nullable=True, index=True),
    Column("sales_line_id", String(ID), nullable=True),
    Column("status", StrEnumType(WorkOrderStatus), nullable=False),
    Column("version", Integer, nullable=False),
    *positive("work_orders", "quantity", "labour_basis"),
    CheckConstraint(f"{numeric('overproduction_percent')} >= 0 AND {numeric('overproduction_percent')} <= 100",
                    name="ck_work_orders_overproduction_percent"),
    Index("ix_work_orders_created", "created_at", "id"),  # list() pages by (created_at, id)
)

work_order_components = Table(
    "work_order_components", metadata,
    *child_columns("work_orders", "work_order_id"),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("sku", String(CODE), nullable=False),
    Column("per_unit", ExactFraction, nullable=False),
    Column("decimals", Integer, nullable=False),
    Column("kind", StrEnumType(ComponentKind), nullable=False),
    Column("required", ExactDecimal(QUANTITY), nullable=False),
    Column("held", ExactDecimal(QUANTITY), nullable=False),
    CheckConstraint(f"{numeric('required')} >= 0", name="ck_work_order_components_required"),
    CheckConstraint(f"{numeric('held')} >= 0", name="ck_work_order_components_held"),
)

work_order_outputs = Table(
    "work_order_outputs", metadata,
    *child_columns("work_orders", "work_order_id"),
    Column("reference", String(CODE + 16), nullable=False, unique=True),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    *[Column(name, ExactDecimal(AMOUNT), nullable=False)
      for name in ("component_value", "labour_value", "overhead_value", "value")],
    Column("unit_cost", ExactDecimal(QUANTITY), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    *positive("work_order_outputs", "quantity"),
)

work_order_consumptions = Table(
    "work_order_consumptions", metadata,
    *child_columns("work_orders", "work_order_id"),
    Column("output_id", String(ID), ForeignKey("work_order_outputs.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("component_id", String(ID), ForeignKey("work_order_components.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("from_reservation", ExactDecimal(QUANTITY), nullable=False),
    Column("value", ExactDecimal(AMOUNT), nullable=False),
    *positive("work_order_consumptions", "quantity"),
    CheckConstraint(f"{numeric('from_reservation')} >= 0 AND {numeric('from_reservation')} <= {numeric('quantity')}",
                    name="ck_work_order_consumptions_from_reservation"),
)

work_order_transfers = Table(
    "work_order_transfers", metadata,
    *child_columns("work_orders", "work_order_id", own_id=False),
    Column("component_id", String(ID), ForeignKey("work_order_components.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    *positive("work_order_transfers", "quantity"),
)

work_order_deviations = Table(
    "work_order_deviations", metadata,
    *child_columns("work_orders", "work_order_id", own_id=False),
    Column("output_id", String(ID), ForeignKey("work_order_outputs.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("expected", ExactDecimal(QUANTITY), nullable=False),
    Column("actual", ExactDecimal(QUANTITY), nullable=False),
)

work_order_history = history_table("work_order_history", "work_orders")

from oms.adapters.sql.production import service_tables  # noqa: E402, F401  (service orders' tables, in their own module)
