"""Tables of production: bills of materials (lines, operations), production work orders (components with what
each needs a unit made, outputs, consumption lines, transfers, deviations, audit trail) and service orders (labour
lines, milestones, invoice and credit-note quantities, audit trail). `position` keeps each list's order; a list of
value objects without ids (BOM lines, operations, transfers, deviations, billings) is keyed by its parent and
position.

CHECK constraints repeat the domain's invariants that a bad write could break: positive quantities, a reservation
never below zero, a consumption never taking more from the reservation than it consumed, the tolerance and scrap
percentages in range. Decimals are compared as numbers (`CAST(... AS NUMERIC)`): SQLite keeps them as text.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.schema import SchemaItem

from oms.adapters.sql.shared.metadata import AMOUNT, CODE, ID, QUANTITY, metadata
from oms.adapters.sql.shared.types import ExactDecimal, ExactFraction, StrEnumType, UtcDateTime
from oms.domain.production.boms import ComponentKind, ConsumptionMode
from oms.domain.production.records import BackflushBasis, WorkOrderStatus
from oms.domain.production.service_orders import ServiceOrderStatus, ServicePolicy


def _number(column: str) -> str:
    return f"CAST({column} AS NUMERIC)"


def _positive(table: str, *columns: str) -> list[SchemaItem]:
    return [CheckConstraint(f"{_number(column)} > 0", name=f"ck_{table}_{column}_positive") for column in columns]


def _child(parent_table: str, parent_column: str, *, own_id: bool = True) -> list[SchemaItem]:
    """The columns that tie a child row to its parent: its own id, or (parent, position) as its key."""
    parent = Column(parent_column, String(ID), ForeignKey(f"{parent_table}.id", ondelete="CASCADE"), nullable=False,
                    primary_key=not own_id)
    position = Column("position", Integer, nullable=False, primary_key=not own_id)
    if not own_id:
        return [parent, position]
    return [Column("id", String(ID), primary_key=True), parent, position, Index(None, parent_column, "position")]


def _history(name: str, parent_table: str) -> Table:
    return Table(
        name, metadata,
        Column("document_id", String(ID), ForeignKey(f"{parent_table}.id", ondelete="CASCADE"), primary_key=True),
        Column("position", Integer, primary_key=True),
        Column("at", UtcDateTime, nullable=False),
        Column("actor", Text, nullable=False),
        Column("from_status", String(32), nullable=False),
        Column("to_status", String(32), nullable=False),
        Column("reason", Text, nullable=False),
    )


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
    *_positive("boms", "output_quantity"),
    CheckConstraint("revision >= 1", name="ck_boms_revision"),
)

bom_lines = Table(
    "bom_lines", metadata,
    *_child("boms", "bom_id", own_id=False),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("sku", String(CODE), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("decimals", Integer, nullable=False),
    Column("scrap_percent", ExactDecimal(QUANTITY), nullable=False),
    Column("kind", StrEnumType(ComponentKind), nullable=False),
    *_positive("bom_lines", "quantity"),
    CheckConstraint(f"{_number('scrap_percent')} >= 0 AND {_number('scrap_percent')} < 100",
                    name="ck_bom_lines_scrap_percent"),
)

bom_operations = Table(
    "bom_operations", metadata,
    *_child("boms", "bom_id", own_id=False),
    Column("name", Text, nullable=False),
    Column("hours", ExactDecimal(QUANTITY), nullable=False),
    Column("rate", ExactDecimal(QUANTITY), nullable=False),
    *_positive("bom_operations", "hours"),
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
    *_positive("work_orders", "quantity", "labour_basis"),
    CheckConstraint(f"{_number('overproduction_percent')} >= 0 AND {_number('overproduction_percent')} <= 100",
                    name="ck_work_orders_overproduction_percent"),
    Index("ix_work_orders_created", "created_at", "id"),  # list() pages by (created_at, id)
)

work_order_components = Table(
    "work_order_components", metadata,
    *_child("work_orders", "work_order_id"),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("sku", String(CODE), nullable=False),
    Column("per_unit", ExactFraction, nullable=False),
    Column("decimals", Integer, nullable=False),
    Column("kind", StrEnumType(ComponentKind), nullable=False),
    Column("required", ExactDecimal(QUANTITY), nullable=False),
    Column("held", ExactDecimal(QUANTITY), nullable=False),
    CheckConstraint(f"{_number('required')} >= 0", name="ck_work_order_components_required"),
    CheckConstraint(f"{_number('held')} >= 0", name="ck_work_order_components_held"),
)

work_order_outputs = Table(
    "work_order_outputs", metadata,
    *_child("work_orders", "work_order_id"),
    Column("reference", String(CODE + 16), nullable=False, unique=True),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    *[Column(name, ExactDecimal(AMOUNT), nullable=False)
      for name in ("component_value", "labour_value", "overhead_value", "value")],
    Column("unit_cost", ExactDecimal(QUANTITY), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    *_positive("work_order_outputs", "quantity"),
)

work_order_consumptions = Table(
    "work_order_consumptions", metadata,
    *_child("work_orders", "work_order_id"),
    Column("output_id", String(ID), ForeignKey("work_order_outputs.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("component_id", String(ID), ForeignKey("work_order_components.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("from_reservation", ExactDecimal(QUANTITY), nullable=False),
    Column("value", ExactDecimal(AMOUNT), nullable=False),
    *_positive("work_order_consumptions", "quantity"),
    CheckConstraint(f"{_number('from_reservation')} >= 0 AND {_number('from_reservation')} <= {_number('quantity')}",
                    name="ck_work_order_consumptions_from_reservation"),
)

work_order_transfers = Table(
    "work_order_transfers", metadata,
    *_child("work_orders", "work_order_id", own_id=False),
    Column("component_id", String(ID), ForeignKey("work_order_components.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    *_positive("work_order_transfers", "quantity"),
)

work_order_deviations = Table(
    "work_order_deviations", metadata,
    *_child("work_orders", "work_order_id", own_id=False),
    Column("output_id", String(ID), ForeignKey("work_order_outputs.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("expected", ExactDecimal(QUANTITY), nullable=False),
    Column("actual", ExactDecimal(QUANTITY), nullable=False),
)

work_order_history = _history("work_order_history", "work_orders")

service_orders = Table(
    "service_orders", metadata,
    Column("id", String(ID), primary_key=True),
    Column("number", String(CODE), nullable=False, unique=True),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("sku", String(CODE), nullable=False),
    Column("policy", StrEnumType(ServicePolicy), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("unit_price", ExactDecimal(QUANTITY), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("customer_id", String(ID), ForeignKey("customers.id"), nullable=True),
    Column("sales_order_id", String(ID), ForeignKey("sales_orders.id"), nullable=True, index=True),
    # one service order a sales order line (processes/service_work.py): two made at once, one retries
    Column("sales_line_id", String(ID), nullable=True, unique=True),
    Column("status", StrEnumType(ServiceOrderStatus), nullable=False),
    Column("technician", Text, nullable=False),
    Column("slot_start", UtcDateTime, nullable=True),
    Column("slot_end", UtcDateTime, nullable=True),
    Column("version", Integer, nullable=False),
    Index("ix_service_orders_created", "created_at", "id"),
)

service_order_labour = Table(
    "service_order_labour", metadata,
    *_child("service_orders", "service_order_id"),
    Column("person", Text, nullable=False),
    Column("day", Date, nullable=False),
    Column("hours", ExactDecimal(QUANTITY), nullable=False),
    Column("billable", Boolean, nullable=False),
    Column("approved", Boolean, nullable=False),
    Column("invoice_line_id", String(ID), nullable=True),
    CheckConstraint(f"{_number('hours')} > 0 AND {_number('hours')} <= 24", name="ck_service_order_labour_hours"),
)

service_order_milestones = Table(
    "service_order_milestones", metadata,
    *_child("service_orders", "service_order_id"),
    Column("name", Text, nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("reached", Boolean, nullable=False),
    *_positive("service_order_milestones", "quantity"),
)

service_order_billings = Table(
    "service_order_billings", metadata,
    *_child("service_orders", "service_order_id", own_id=False),
    Column("document_line_id", String(ID), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),  # negative: a credit-note line
)

service_order_history = _history("service_order_history", "service_orders")
