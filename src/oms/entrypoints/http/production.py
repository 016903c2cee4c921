"""Production: bills of materials, work orders and service orders, listed and shown to viewers, worked as their actions
declare; a sales order's lines made to order or given their service order. A BOM is addressed by its product's SKU,
a work or service order by its id or its number (WO-000001)."""

from __future__ import annotations

from datetime import datetime

import attrs
from attrs import frozen

from oms.application.processes import make_to_order, service_work
from oms.application.production import queries
from oms.application.production.actions import ACTIONS, BOM
from oms.application.production.listings import bom_page, bom_revisions, service_order_page, work_order_page
from oms.application.production.views import (
    BomList,
    BomRevisionList,
    BomView,
    ServiceOrderList,
    ServiceOrderView,
    WorkOrderList,
    WorkOrderView,
)
from oms.domain.access.tokens import Role
from oms.domain.production.records import WorkOrderStatus
from oms.domain.production.service_orders import ServiceOrderStatus
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import ApiBlueprint, Call
from oms.entrypoints.http.listing import CODE, DOCUMENT_PARAMETERS, SEARCH, STATUSES, Order, Paging, parameters
from oms.ports.production.listings import BomStatus

bp = ApiBlueprint("production", __name__, tag=BOM.tag)
VIEWER = Role.VIEWER


@frozen(kw_only=True)
class BomFilter(Paging):
    """`status` active or inactive (whether the product has an active revision), may be repeated; `sku` one
    product; `search` a part of the SKU or of the product's name, in any case. By SKU."""

    status: tuple[BomStatus, ...] = attrs.field(default=(), metadata=STATUSES)
    sku: str | None = attrs.field(default=None, metadata=CODE)
    search: str | None = attrs.field(default=None, metadata=SEARCH)


@frozen(kw_only=True)
class WorkOrderFilter(Paging):
    """`status` may be repeated (any of them); `warehouse` a code and `sku` a product (an unknown one matches
    nothing); `sales_order` the number or id of the sales order it is made for; `created_from` is inclusive,
    `created_until` exclusive; `search` a part of the number or of the SKU, in any case."""

    status: tuple[WorkOrderStatus, ...] = attrs.field(default=(), metadata=STATUSES)
    warehouse: str | None = attrs.field(default=None, metadata=CODE)
    sku: str | None = attrs.field(default=None, metadata=CODE)
    sales_order: str | None = attrs.field(default=None, metadata=CODE)
    created_from: datetime | None = None
    created_until: datetime | None = None
    search: str | None = attrs.field(default=None, metadata=SEARCH)
    order: Order = Order.NEWEST


@frozen(kw_only=True)
class ServiceOrderFilter(Paging):
    """`status` may be repeated (any of them); `technician` a name, in any case; `customer` a code and `sku` a
    product (an unknown one matches nothing); `sales_order` the number or id of its sales order; `created_from` is
    inclusive, `created_until` exclusive; `search` a part of the number or of the SKU, in any case."""

    status: tuple[ServiceOrderStatus, ...] = attrs.field(default=(), metadata=STATUSES)
    technician: str | None = attrs.field(default=None, metadata=SEARCH)
    customer: str | None = attrs.field(default=None, metadata=CODE)
    sku: str | None = attrs.field(default=None, metadata=CODE)
    sales_order: str | None = attrs.field(default=None, metadata=CODE)
    created_from: datetime | None = None
    created_until: datetime | None = None
    search: str | None = attrs.field(default=None, metadata=SEARCH)
    order: Order = Order.NEWEST


@bp.operation("GET", "/boms", summary="List the products' bills of materials by SKU, a page at a time",
              role=VIEWER, response=BomList, query=BomFilter)
def list_boms(call: Call) -> BomList:
    wanted = call.query(BomFilter)
    with parameters({}):
        return call.system.read(bom_page, api().listings, statuses=tuple(s.value for s in wanted.status),
                                sku=wanted.sku, search=wanted.search, limit=wanted.limit, cursor=wanted.cursor)


@bp.operation("GET", "/boms/<sku>", summary="Show a product's active bill of materials as a tree: components, kits "
              "and sub-assemblies with their own BOMs, operations", role=VIEWER, response=BomView)
def get_bom(call: Call) -> BomView:
    return call.system.read(queries.show_bom, call.args["sku"])


@bp.operation("GET", "/boms/<sku>/revisions", summary="List every revision of a product's bill of materials",
              role=VIEWER, response=BomRevisionList)
def list_bom_revisions(call: Call) -> BomRevisionList:
    return call.system.read(bom_revisions, call.args["sku"])


@bp.operation("GET", "/work-orders", summary="List work orders, newest first, a page at a time", role=VIEWER,
              response=WorkOrderList, query=WorkOrderFilter)
def list_work_orders(call: Call) -> WorkOrderList:
    wanted = call.query(WorkOrderFilter)
    with parameters(DOCUMENT_PARAMETERS):
        return call.system.read(work_order_page, api().listings, statuses=tuple(s.value for s in wanted.status),
                                warehouse_code=wanted.warehouse, sku=wanted.sku, sales_order=wanted.sales_order,
                                created_from=wanted.created_from, created_until=wanted.created_until,
                                search=wanted.search, newest_first=wanted.order is Order.NEWEST, limit=wanted.limit,
                                cursor=wanted.cursor)


@bp.operation("GET", "/work-orders/<ref>", summary="Show a work order: components required, reserved, consumed "
              "and missing; outputs with their cost; deviations and audit trail", role=VIEWER,
              response=WorkOrderView)
def get_work_order(call: Call) -> WorkOrderView:
    return call.system.read(queries.show_work_order, call.args["ref"])


@bp.operation("GET", "/service-orders", summary="List service orders, newest first, a page at a time", role=VIEWER,
              response=ServiceOrderList, query=ServiceOrderFilter)
def list_service_orders(call: Call) -> ServiceOrderList:
    wanted = call.query(ServiceOrderFilter)
    with parameters(DOCUMENT_PARAMETERS):
        return call.system.read(service_order_page, api().listings, statuses=tuple(s.value for s in wanted.status),
                                sku=wanted.sku, technician=wanted.technician, customer_code=wanted.customer,
                                sales_order=wanted.sales_order, created_from=wanted.created_from,
                                created_until=wanted.created_until, search=wanted.search,
                                newest_first=wanted.order is Order.NEWEST, limit=wanted.limit, cursor=wanted.cursor)


@bp.operation("GET", "/service-orders/<ref>", summary="Show a service order: labour lines, milestones, hours "
              "delivered, invoiced and to invoice, audit trail", role=VIEWER, response=ServiceOrderView)
def get_service_order(call: Call) -> ServiceOrderView:
    return call.system.read(queries.show_service_order, call.args["ref"])


bp.actions(ACTIONS)
bp.actions([*make_to_order.ACTIONS, *service_work.ACTIONS])
