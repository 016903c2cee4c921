"""Pages of bills of materials, work orders and service orders, read through the listings port: one query a page, not
every document loaded; a code, SKU or sales order that does not exist matches nothing."""

from __future__ import annotations

from datetime import datetime

from oms.application.masterdata.lookups import product_by_sku
from oms.application.production.views import (
    BomList,
    BomRevisionList,
    BomSummaryView,
    ServiceOrderList,
    ServiceOrderSummaryView,
    WorkOrderList,
    WorkOrderSummaryView,
)
from oms.application.shared.documents import find
from oms.application.shared.views import money
from oms.domain.production.boms import ConsumptionMode
from oms.domain.production.records import WorkOrderStatus
from oms.domain.production.service_orders import ServiceOrderStatus, ServicePolicy
from oms.domain.shared.errors import NotFound
from oms.domain.shared.money import Currency
from oms.ports.production.listings import (
    BOMS,
    SERVICE_ORDERS,
    WORK_ORDERS,
    BomSummary,
    ServiceOrderSummary,
    WorkOrderSummary,
)
from oms.ports.shared.listings import DEFAULT_LIMIT, NO_MATCH, ListingQuery, Listings
from oms.ports.unit_of_work import UnitOfWork


def _id_of(wanted: str | None, found_id: str | None) -> str | None:
    """The id a filter by `wanted` looks for: none when nothing is wanted, one no document has for an unknown one."""
    if wanted is None:
        return None
    return NO_MATCH if found_id is None else found_id


def _product_id(uow: UnitOfWork, sku: str | None) -> str | None:
    product = uow.masterdata.products.by_sku(sku) if sku is not None else None
    return _id_of(sku, product.id if product else None)


def _sales_order_id(uow: UnitOfWork, ref: str | None) -> str | None:
    if ref is None:
        return None
    try:
        return find(uow.sales.orders, ref, "sales order").id
    except NotFound:
        return NO_MATCH


def _bom_view(s: BomSummary) -> BomSummaryView:
    return BomSummaryView(sku=s.sku, name=s.name, revision=s.revision, active=s.active, revisions=s.revisions,
                          output_quantity=s.output_quantity, consumption=ConsumptionMode(s.consumption),
                          components=s.components, operations=s.operations)


def bom_page(uow: UnitOfWork, listings: Listings, *, statuses: tuple[str, ...] = (), sku: str | None = None,
             search: str | None = None, limit: int = DEFAULT_LIMIT, cursor: str | None = None) -> BomList:
    """A page of the products' bills of materials by SKU (`statuses`: active, inactive); `search` finds a part of
    the SKU or of the product's name."""
    filters: dict[str, object] = {"status": statuses, "product_id": _product_id(uow, sku), "search": search or None}
    page = listings.page(BOMS, ListingQuery(filters=filters, limit=limit, cursor=cursor))
    return BomList(items=[_bom_view(s) for s in page.items], next_cursor=page.next_cursor)


def bom_revisions(uow: UnitOfWork, sku: str) -> BomRevisionList:
    """Every revision of the product's bill of materials, first revision first (NotFound when it has none)."""
    product = product_by_sku(uow, sku, "sku")
    revisions = uow.production.boms.revisions(product.id)
    if not revisions:
        raise NotFound("bom", sku, "sku")
    return BomRevisionList(items=[BomSummaryView(
        sku=bom.sku, name=product.name, revision=bom.revision, active=bom.active, revisions=len(revisions),
        output_quantity=bom.output_quantity, consumption=bom.consumption, components=len(bom.lines),
        operations=len(bom.operations)) for bom in revisions])


def _work_order_view(s: WorkOrderSummary) -> WorkOrderSummaryView:
    return WorkOrderSummaryView(id=s.id, number=s.number, status=WorkOrderStatus(s.status), sku=s.sku,
                                quantity=s.quantity, produced=s.produced, warehouse_code=s.warehouse_code,
                                sales_order_number=s.sales_order_number, parent_number=s.parent_number,
                                created_at=s.created_at)


def work_order_page(uow: UnitOfWork, listings: Listings, *, statuses: tuple[str, ...] = (),
                    warehouse_code: str | None = None, sku: str | None = None, sales_order: str | None = None,
                    created_from: datetime | None = None, created_until: datetime | None = None,
                    search: str | None = None, newest_first: bool = True, limit: int = DEFAULT_LIMIT,
                    cursor: str | None = None) -> WorkOrderList:
    """A page of work orders, newest first unless `newest_first` is False; `sales_order` is a sales order's number
    or id; `search` finds a part of the number or of the SKU."""
    warehouse = uow.masterdata.warehouses.by_code(warehouse_code) if warehouse_code is not None else None
    filters: dict[str, object] = {
        "status": statuses, "warehouse_id": _id_of(warehouse_code, warehouse.id if warehouse else None),
        "product_id": _product_id(uow, sku), "sales_order_id": _sales_order_id(uow, sales_order),
        "from": created_from, "until": created_until, "search": search or None}
    page = listings.page(WORK_ORDERS, ListingQuery(filters=filters, newest_first=newest_first, limit=limit,
                                                   cursor=cursor))
    return WorkOrderList(items=[_work_order_view(s) for s in page.items], next_cursor=page.next_cursor)


def _service_order_view(s: ServiceOrderSummary) -> ServiceOrderSummaryView:
    return ServiceOrderSummaryView(
        id=s.id, number=s.number, status=ServiceOrderStatus(s.status), sku=s.sku, policy=ServicePolicy(s.policy),
        quantity=s.quantity, technician=s.technician, slot_start=s.slot_start, slot_end=s.slot_end,
        customer_code=s.customer_code, sales_order_number=s.sales_order_number, delivered=s.delivered,
        invoiced=s.invoiced, to_invoice=s.to_invoice,
        amount_to_invoice=money(Currency.of(s.currency).round(s.to_invoice * s.unit_price), s.currency),
        created_at=s.created_at)


def service_order_page(uow: UnitOfWork, listings: Listings, *, statuses: tuple[str, ...] = (),
                       sku: str | None = None, technician: str | None = None, customer_code: str | None = None,
                       sales_order: str | None = None, created_from: datetime | None = None,
                       created_until: datetime | None = None, search: str | None = None, newest_first: bool = True,
                       limit: int = DEFAULT_LIMIT, cursor: str | None = None) -> ServiceOrderList:
    """A page of service orders, newest first unless `newest_first` is False; `technician` is a name in any case,
    `sales_order` a sales order's number or id; `search` finds a part of the number or of the SKU."""
    customer = uow.masterdata.customers.by_code(customer_code) if customer_code is not None else None
    filters: dict[str, object] = {
        "status": statuses, "product_id": _product_id(uow, sku),
        "customer_id": _id_of(customer_code, customer.id if customer else None),
        "technician": technician or None, "sales_order_id": _sales_order_id(uow, sales_order),
        "from": created_from, "until": created_until, "search": search or None}
    page = listings.page(SERVICE_ORDERS, ListingQuery(filters=filters, newest_first=newest_first, limit=limit,
                                                      cursor=cursor))
    return ServiceOrderList(items=[_service_order_view(s) for s in page.items], next_cursor=page.next_cursor)
