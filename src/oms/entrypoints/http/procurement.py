"""Purchase orders and the branches' procurement settings: listed and shown to viewers, worked as their actions
declare. A purchase order is addressed by its id or its number (PO-000001)."""

from __future__ import annotations

from datetime import datetime

import attrs
from attrs import frozen

from oms.application.procurement import queries
from oms.application.procurement.actions import (
    PURCHASE_ORDER,
    PURCHASE_ORDER_ACTIONS,
    SETTINGS_ACTIONS,
)
from oms.application.procurement.listings import purchase_order_page
from oms.application.procurement.views import ProcurementSettingsView, PurchaseOrderList, PurchaseOrderView
from oms.application.shared.queries import event_list
from oms.application.shared.views import EventList
from oms.domain.access.tokens import Role
from oms.domain.procurement.purchase_order import PurchaseOrderStatus
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import ApiBlueprint, Call
from oms.entrypoints.http.listing import CODE, DOCUMENT_PARAMETERS, SEARCH, STATUSES, Order, Paging, parameters

bp = ApiBlueprint("procurement", __name__, tag=PURCHASE_ORDER.tag)
VIEWER = Role.VIEWER


@frozen(kw_only=True)
class PurchaseOrderFilter(Paging):
    """`status` may be repeated (any of them); `supplier` and `branch` are codes (an unknown one matches nothing);
    `created_from` is inclusive, `created_until` exclusive; `search` a part of the number or of the supplier's code
    or name, in any case."""

    status: tuple[PurchaseOrderStatus, ...] = attrs.field(default=(), metadata=STATUSES)
    supplier: str | None = attrs.field(default=None, metadata=CODE)
    branch: str | None = attrs.field(default=None, metadata=CODE)
    created_from: datetime | None = None
    created_until: datetime | None = None
    search: str | None = attrs.field(default=None, metadata=SEARCH)
    order: Order = Order.NEWEST


@bp.operation("GET", "/purchase-orders", summary="List purchase orders, newest first, a page at a time",
              role=VIEWER, response=PurchaseOrderList, query=PurchaseOrderFilter)
def list_purchase_orders(call: Call) -> PurchaseOrderList:
    wanted = call.query(PurchaseOrderFilter)
    with parameters(DOCUMENT_PARAMETERS):
        return call.system.read(purchase_order_page, api().listings, statuses=tuple(s.value for s in wanted.status),
                                supplier_code=wanted.supplier, branch_code=wanted.branch,
                                created_from=wanted.created_from, created_until=wanted.created_until,
                                search=wanted.search, newest_first=wanted.order is Order.NEWEST, limit=wanted.limit,
                                cursor=wanted.cursor)


@bp.operation("GET", "/purchase-orders/<ref>", summary="Show a purchase order: lines with their receipt progress, "
              "totals, taxes, receipts, returns and audit trail", role=VIEWER, response=PurchaseOrderView)
def get_purchase_order(call: Call) -> PurchaseOrderView:
    return call.system.read(queries.show_purchase_order, call.args["ref"])


@bp.operation("GET", "/purchase-orders/<ref>/events", summary="The purchase order's domain events, oldest first",
              role=VIEWER, response=EventList)
def purchase_order_events(call: Call) -> EventList:
    order = call.system.read(queries.get_purchase_order, call.args["ref"])
    return call.system.read(event_list, order.id)


@bp.operation("GET", "/procurement-settings/<code>", summary="Show a branch's procurement settings", role=VIEWER,
              response=ProcurementSettingsView, errors=(422,))
def get_procurement_settings(call: Call) -> ProcurementSettingsView:
    return call.system.read(queries.show_procurement_settings, call.args["code"])


bp.actions(PURCHASE_ORDER_ACTIONS)
bp.actions(SETTINGS_ACTIONS)
