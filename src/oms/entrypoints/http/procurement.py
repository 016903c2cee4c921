"""Purchase orders and the branches' procurement settings: listed and shown to viewers, worked as their actions
declare. A purchase order is addressed by its id or its number (PO-000001)."""

from __future__ import annotations

import attrs
from attrs import frozen

from oms.application.procurement import queries
from oms.application.procurement.actions import (
    PURCHASE_ORDER,
    PURCHASE_ORDER_ACTIONS,
    SETTINGS_ACTIONS,
)
from oms.application.procurement.views import ProcurementSettingsView, PurchaseOrderList, PurchaseOrderView
from oms.application.shared.queries import event_list
from oms.application.shared.views import EventList
from oms.domain.access.tokens import Role
from oms.domain.procurement.purchase_order import PurchaseOrderStatus
from oms.entrypoints.http.endpoints import ApiBlueprint, Call
from oms.entrypoints.http.listing import CODE, STATUSES

bp = ApiBlueprint("procurement", __name__, tag=PURCHASE_ORDER.tag)
VIEWER = Role.VIEWER


@frozen(kw_only=True)
class PurchaseOrderFilter:
    """`status` may be repeated (any of them); `supplier` and `branch` are codes."""

    status: tuple[PurchaseOrderStatus, ...] = attrs.field(default=(), metadata=STATUSES)
    supplier: str | None = attrs.field(default=None, metadata=CODE)
    branch: str | None = attrs.field(default=None, metadata=CODE)


@bp.operation("GET", "/purchase-orders", summary="List purchase orders, newest first", role=VIEWER,
              response=PurchaseOrderList, query=PurchaseOrderFilter)
def list_purchase_orders(call: Call) -> PurchaseOrderList:
    wanted = call.query(PurchaseOrderFilter)
    return call.system.read(queries.purchase_order_list, statuses=tuple(s.value for s in wanted.status),
                            supplier_code=wanted.supplier, branch_code=wanted.branch)


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
