"""Tables of service orders: the order (one a sales order line at most), its labour lines, milestones, the
quantities posted invoice and credit-note lines billed of it (a list of value objects, keyed by the order and
position), and its audit trail."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Column, Date, ForeignKey, Index, Integer, String, Table, Text

from oms.adapters.sql.production.columns import child_columns, numeric, positive
from oms.adapters.sql.shared.metadata import CODE, ID, QUANTITY, metadata
from oms.adapters.sql.shared.tables import history_table
from oms.adapters.sql.shared.types import ExactDecimal, StrEnumType, UtcDateTime
from oms.domain.production.service_orders import ServiceOrderStatus, ServicePolicy

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
    *child_columns("service_orders", "service_order_id"),
    Column("person", Text, nullable=False),
    Column("day", Date, nullable=False),
    Column("hours", ExactDecimal(QUANTITY), nullable=False),
    Column("billable", Boolean, nullable=False),
    Column("approved", Boolean, nullable=False),
    Column("invoice_line_id", String(ID), nullable=True),
    CheckConstraint(f"{numeric('hours')} > 0 AND {numeric('hours')} <= 24", name="ck_service_order_labour_hours"),
)

service_order_milestones = Table(
    "service_order_milestones", metadata,
    *child_columns("service_orders", "service_order_id"),
    Column("name", Text, nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("reached", Boolean, nullable=False),
    *positive("service_order_milestones", "quantity"),
)

service_order_billings = Table(
    "service_order_billings", metadata,
    *child_columns("service_orders", "service_order_id", own_id=False),
    Column("document_line_id", String(ID), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),  # negative: a credit-note line
)

service_order_history = history_table("service_order_history", "service_orders")
