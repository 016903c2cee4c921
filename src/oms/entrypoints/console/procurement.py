"""Purchase orders in the console: the list (filtered by status, supplier and branch) and an order with its lines'
receipt progress, receipts, returns to the supplier, audit trail and the buttons of its actions (send, order,
approve, receive, return, close, cancel), whose forms come from the action table."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from oms.application.actions import ACTIONS
from oms.application.invoicing.bill_actions import BILL
from oms.application.procurement.actions import PURCHASE_ORDER
from oms.application.procurement.listings import purchase_order_page as order_page
from oms.application.procurement.queries import show_purchase_order
from oms.domain.procurement.purchase_order import PurchaseOrderStatus
from oms.entrypoints.console.actions import DETAIL_PAGES, FORM_TEMPLATES, action_url, has_inputs, offered
from oms.entrypoints.console.auth import can
from oms.entrypoints.console.pages import viewer_page
from oms.entrypoints.console.paging import PAGE_SIZE, next_page_url
from oms.entrypoints.http.config import api


def purchase_orders_page() -> Any:
    statuses = tuple(s for s in request.args.getlist("status") if s)
    wanted = {name: request.args.get(name, "").strip() for name in ("supplier", "branch", "search", "cursor")}
    create = [action for action in ACTIONS if action.resource is PURCHASE_ORDER and action.collection]
    return viewer_page("console/purchase_orders.html", lambda: api().system.read(
        order_page, api().listings, statuses=statuses, supplier_code=wanted["supplier"] or None,
        branch_code=wanted["branch"] or None, search=wanted["search"] or None, limit=PAGE_SIZE,
        cursor=wanted["cursor"] or None),
        statuses=statuses, supplier=wanted["supplier"], branch=wanted["branch"], search=wanted["search"],
        all_statuses=[str(s) for s in PurchaseOrderStatus], actions=create, action_url=action_url,
        next_url=lambda cursor: next_page_url("console.purchase_orders", cursor))


def purchase_order_page(ref: str) -> Any:
    def read() -> Any:
        return api().system.read(show_purchase_order, ref)

    def buttons(view: Any) -> list[Any]:
        return offered(PURCHASE_ORDER, str(view.status), lambda action: can(action.role))

    bill = next(action for action in ACTIONS if action.resource is BILL and action.name == "create")
    return viewer_page("console/purchase_order.html", read, buttons=buttons, has_inputs=has_inputs,
                       action_url=action_url, bill=bill, can_bill=can(bill.role))


def register(bp: Blueprint) -> None:
    bp.add_url_rule(PURCHASE_ORDER.path, "purchase_orders", purchase_orders_page)
    bp.add_url_rule(f"{PURCHASE_ORDER.path}/<ref>", "purchase_order", purchase_order_page)
    DETAIL_PAGES[PURCHASE_ORDER.name] = "console.purchase_order"
    FORM_TEMPLATES[(PURCHASE_ORDER.name, "receive")] = "console/receive_goods.html"
