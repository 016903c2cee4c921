"""The listings of production: bills of materials (one row a product, by SKU), work orders and service orders (one
row a document, newest or oldest first), filtered by status, product, warehouse or customer, creation time (`from`
inclusive, `until` exclusive) and a search."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from attrs import frozen

from oms.domain.production.records import WorkOrderStatus
from oms.domain.production.service_orders import ServiceOrderStatus
from oms.ports.shared.listings import Listing

BOM_STATUSES = frozenset({"active", "inactive"})


@frozen(kw_only=True)
class BomSummary:
    """A product's bill of materials: its active revision, or its latest when none is active (`active` false)."""

    id: str
    sku: str
    name: str
    revision: int
    active: bool
    revisions: int
    output_quantity: Decimal
    consumption: str
    components: int
    operations: int


@frozen(kw_only=True)
class WorkOrderSummary:
    """One row of the work orders: what is made where, how much of it is made, and the sales order it is made for."""

    id: str
    number: str
    status: str
    sku: str
    quantity: Decimal
    produced: Decimal
    warehouse_id: str
    warehouse_code: str
    sales_order_id: str | None
    sales_order_number: str | None
    parent_number: str | None
    created_at: datetime


@frozen(kw_only=True)
class ServiceOrderSummary:
    """One row of the service orders: who works when for which customer, and the hours delivered and to invoice
    (by the order's policy, as `ServiceOrder.delivered` and `to_invoice` say)."""

    id: str
    number: str
    status: str
    sku: str
    policy: str
    quantity: Decimal
    unit_price: Decimal
    currency: str
    technician: str
    slot_start: datetime | None
    slot_end: datetime | None
    customer_id: str | None
    customer_code: str | None
    sales_order_id: str | None
    sales_order_number: str | None
    delivered: Decimal
    invoiced: Decimal
    to_invoice: Decimal
    created_at: datetime


# `status`: active (the product has an active revision) or inactive; `product_id`; `search`: a part of the SKU or of
# the product's name, in any case.
BOMS: Listing[BomSummary] = Listing(
    name="boms", filters=frozenset({"status", "product_id", "search"}), by_time=False,
    choices={"status": BOM_STATUSES})

# `search`: a part of the number or of the SKU, in any case.
WORK_ORDERS: Listing[WorkOrderSummary] = Listing(
    name="work_orders",
    filters=frozenset({"status", "warehouse_id", "product_id", "sales_order_id", "from", "until", "search"}),
    choices={"status": frozenset(WorkOrderStatus)})

# `technician`: the name, in any case; `search`: a part of the number or of the SKU, in any case.
SERVICE_ORDERS: Listing[ServiceOrderSummary] = Listing(
    name="service_orders",
    filters=frozenset({"status", "product_id", "customer_id", "technician", "sales_order_id", "from", "until",
                       "search"}),
    choices={"status": frozenset(ServiceOrderStatus)})
