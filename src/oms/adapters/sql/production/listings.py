"""How the listings of bills of materials, work orders and service orders are read: one query a page, the codes of
products, warehouses and customers and the sales order's number joined in; what a work order made and a service
order delivered and invoiced come from correlated subqueries that run for the rows of the page only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, column, exists, func, or_, select, table

from oms.adapters.sql.masterdata.tables import customers, products, warehouses
from oms.adapters.sql.production.service_tables import (
    service_order_billings,
    service_order_labour,
    service_order_milestones,
    service_orders,
)
from oms.adapters.sql.production.tables import bom_lines, bom_operations, boms, work_order_outputs, work_orders
from oms.adapters.sql.shared.listings import SqlListing, containing, number
from oms.domain.production.service_orders import ServiceOrderStatus, ServicePolicy, invoiceable
from oms.ports.production.listings import (
    BOMS,
    SERVICE_ORDERS,
    WORK_ORDERS,
    BomSummary,
    ServiceOrderSummary,
    WorkOrderSummary,
)

_b, _w, _s = boms.c, work_orders.c, service_orders.c
# sales' table, named rather than imported (the contexts' adapters are independent): the number of a linked order
_sales = table("sales_orders", column("id"), column("number"))
_parents = work_orders.alias("parent")
_MICRO = Decimal("0.000001")


def _exact(value: Any) -> Decimal:
    """A sum read back exactly: SQLite sums its exact decimals (kept as text) as floats, exact far beyond the
    millionth a quantity keeps, rounded back to it here without trailing zeros."""
    kept = Decimal(str(value)).quantize(_MICRO)
    return kept.quantize(Decimal(1)) if kept == kept.to_integral_value() else kept.normalize()


def _sum(quantity: Any, *where: ColumnElement[bool]) -> ColumnElement[Any]:
    return select(func.coalesce(func.sum(number(quantity)), 0)).where(*where).scalar_subquery()


def _count(child: Any, *where: ColumnElement[bool]) -> ColumnElement[int]:
    return select(func.count()).select_from(child).where(*where).scalar_subquery()


def _boms() -> Select[Any]:
    """One row a product: its active revision, else its latest."""
    others = boms.alias("other")
    latest = select(func.max(others.c.revision)).where(others.c.product_id == _b.product_id).scalar_subquery()
    has_active = exists().where(others.c.product_id == _b.product_id, others.c.active)
    return (select(_b.id, _b.sku, products.c.name, _b.revision, _b.active,
                   _count(others, others.c.product_id == _b.product_id).label("revisions"), _b.output_quantity,
                   _b.consumption, _count(bom_lines, bom_lines.c.bom_id == _b.id).label("components"),
                   _count(bom_operations, bom_operations.c.bom_id == _b.id).label("operations"))
            .join(products, products.c.id == _b.product_id)
            .where(or_(_b.active, and_(~has_active, _b.revision == latest))))


def _bom(row: Row[Any]) -> BomSummary:
    return BomSummary(id=row.id, sku=row.sku, name=row.name, revision=row.revision, active=bool(row.active),
                      revisions=row.revisions, output_quantity=row.output_quantity, consumption=str(row.consumption),
                      components=row.components, operations=row.operations)


def _work_orders() -> Select[Any]:
    outputs = work_order_outputs.c
    return (select(_w.id, _w.number, _w.status, _w.sku, _w.quantity,
                   _sum(outputs.quantity, outputs.work_order_id == _w.id).label("produced"), _w.warehouse_id,
                   warehouses.c.code.label("warehouse_code"), _w.sales_order_id,
                   _sales.c.number.label("sales_order_number"), _parents.c.number.label("parent_number"),
                   _w.created_at)
            .join(warehouses, warehouses.c.id == _w.warehouse_id)
            .outerjoin(_sales, _sales.c.id == _w.sales_order_id)
            .outerjoin(_parents, _parents.c.id == _w.parent_id))


def _work_order(row: Row[Any]) -> WorkOrderSummary:
    return WorkOrderSummary(
        id=row.id, number=row.number, status=str(row.status), sku=row.sku, quantity=row.quantity,
        produced=_exact(row.produced), warehouse_id=row.warehouse_id, warehouse_code=row.warehouse_code,
        sales_order_id=row.sales_order_id, sales_order_number=row.sales_order_number,
        parent_number=row.parent_number, created_at=row.created_at)


def _service_orders() -> Select[Any]:
    labour, milestones, billings = service_order_labour.c, service_order_milestones.c, service_order_billings.c
    return (select(_s.id, _s.number, _s.status, _s.sku, _s.policy, _s.quantity, _s.unit_price, _s.currency,
                   _s.technician, _s.slot_start, _s.slot_end, _s.customer_id, customers.c.code.label("customer_code"),
                   _s.sales_order_id, _sales.c.number.label("sales_order_number"),
                   _sum(labour.hours, labour.service_order_id == _s.id, labour.billable, labour.approved)
                   .label("approved_hours"),
                   _sum(milestones.quantity, milestones.service_order_id == _s.id, milestones.reached)
                   .label("reached"),
                   _sum(billings.quantity, billings.service_order_id == _s.id).label("invoiced"), _s.created_at)
            .outerjoin(customers, customers.c.id == _s.customer_id)
            .outerjoin(_sales, _sales.c.id == _s.sales_order_id))


def _service_order(row: Row[Any]) -> ServiceOrderSummary:
    """The row, delivered and to invoice by the order's policy (as `ServiceOrder.delivered` and `to_invoice`)."""
    policy, invoiced = ServicePolicy(row.policy), _exact(row.invoiced)
    if policy is ServicePolicy.MILESTONES:
        delivered = _exact(row.reached)
    elif policy is ServicePolicy.FIXED_PRICE:
        delivered = row.quantity if row.status == ServiceOrderStatus.DONE else Decimal(0)
    else:
        delivered = _exact(row.approved_hours)
    status = ServiceOrderStatus(row.status)
    return ServiceOrderSummary(
        id=row.id, number=row.number, status=str(row.status), sku=row.sku, policy=str(policy),
        quantity=row.quantity, unit_price=row.unit_price, currency=row.currency, technician=row.technician,
        slot_start=row.slot_start, slot_end=row.slot_end, customer_id=row.customer_id,
        customer_code=row.customer_code, sales_order_id=row.sales_order_id,
        sales_order_number=row.sales_order_number, delivered=delivered, invoiced=invoiced,
        to_invoice=max(invoiceable(policy, status, row.quantity, delivered) - invoiced, Decimal(0)),
        created_at=row.created_at)


LISTINGS = (
    SqlListing(
        listing=BOMS, query=_boms, order=(_b.sku,), row=_bom, position=lambda summary: (summary.sku,),
        filters={
            "status": lambda statuses: _b.active.in_([status == "active" for status in statuses]),
            "product_id": lambda product_id: _b.product_id == product_id,
            "search": lambda text: containing(str(text), _b.sku, products.c.name),
        }),
    SqlListing(
        listing=WORK_ORDERS, query=_work_orders, order=(_w.created_at, _w.id), row=_work_order,
        position=lambda summary: (summary.created_at, summary.id),
        filters={
            "status": lambda statuses: _w.status.in_(list(statuses)),
            "warehouse_id": lambda warehouse_id: _w.warehouse_id == warehouse_id,
            "product_id": lambda product_id: _w.product_id == product_id,
            "sales_order_id": lambda order_id: _w.sales_order_id == order_id,
            "from": lambda start: _w.created_at >= start,
            "until": lambda end: _w.created_at < end,
            "search": lambda text: containing(str(text), _w.number, _w.sku),
        }),
    SqlListing(
        listing=SERVICE_ORDERS, query=_service_orders, order=(_s.created_at, _s.id), row=_service_order,
        position=lambda summary: (summary.created_at, summary.id),
        filters={
            "status": lambda statuses: _s.status.in_(list(statuses)),
            "product_id": lambda product_id: _s.product_id == product_id,
            "customer_id": lambda customer_id: _s.customer_id == customer_id,
            "technician": lambda name: func.lower(_s.technician) == str(name).lower(),
            "sales_order_id": lambda order_id: _s.sales_order_id == order_id,
            "from": lambda start: _s.created_at >= start,
            "until": lambda end: _s.created_at < end,
            "search": lambda text: containing(str(text), _s.number, _s.sku),
        }),
)
