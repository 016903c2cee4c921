"""Sales orders: listed and shown to viewers; created, edited, confirmed, held, released, completed and shipped
(goods issues) by clerks; cancelled by managers. An order is addressed by its id or its number (SO-000001)."""

from __future__ import annotations

from flask import url_for

from oms.application.sales import sales_orders as so
from oms.application.service import OrderManagement
from oms.domain.access.tokens import Role
from oms.entrypoints.http import presenters as present
from oms.entrypoints.http import views as v
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import ApiBlueprint, Call, Reply
from oms.entrypoints.http.listing import SalesOrderFilter, document_page

bp = ApiBlueprint("sales_orders", __name__, tag="sales orders")
REF = {"ref": "order_id"}
LINE = {"ref": "order_id", "line_id": "line_id"}


def show(system: OrderManagement, ref: str) -> v.SalesOrderView:
    with present.reading(system) as (uow, codes):
        return present.sales_order(so.order_by_ref(uow, ref), codes)


@bp.operation("GET", "/sales-orders", summary="List sales orders, newest first, a page at a time", role=Role.VIEWER,
              response=v.DocumentPage, query=SalesOrderFilter)
def list_sales_orders(call: Call) -> v.DocumentPage:
    return document_page(call.system, call.query(SalesOrderFilter), api().listings.sales_orders)


@bp.operation("POST", "/sales-orders", summary="Create a draft sales order", role=Role.CLERK,
              response=v.SalesOrderView, status=201, command=so.CreateSalesOrder)
def create_sales_order(call: Call) -> Reply:
    view = show(call.system, call.handle(call.command(so.CreateSalesOrder)))
    return Reply(view, url_for(".get_sales_order", ref=view.number))


@bp.operation("GET", "/sales-orders/<ref>", summary="Show an order: lines, totals, taxes, reservations, goods issues "
              "and audit trail", role=Role.VIEWER, response=v.SalesOrderView)
def get_sales_order(call: Call) -> v.SalesOrderView:
    return show(call.system, call.args["ref"])


def _change(name: str, method: str, rule: str, command: type[object], summary: str, *, role: Role = Role.CLERK,
            fills: dict[str, str] = REF, status: int = 200, body_field: str | None = None) -> None:
    def change(call: Call) -> v.SalesOrderView:
        call.handle(call.command(command))  # type: ignore[arg-type]
        return show(call.system, call.args["ref"])

    change.__name__ = name
    bp.operation(method, rule, summary=summary, role=role, response=v.SalesOrderView, command=command, fills=fills,
                 status=status, body_field=body_field)(change)


_change("add_order_line", "POST", "/sales-orders/<ref>/lines", so.AddOrderLine, "Add a line to a draft",
        status=201, body_field="line")
_change("update_order_line", "PATCH", "/sales-orders/<ref>/lines/<line_id>", so.UpdateOrderLine,
        "Change a draft's line", fills=LINE)
_change("remove_order_line", "DELETE", "/sales-orders/<ref>/lines/<line_id>", so.RemoveOrderLine,
        "Remove a draft's line", fills=LINE)
_change("set_order_discount", "PUT", "/sales-orders/<ref>/discount", so.SetOrderDiscount,
        "Set or clear (null) a draft's order discount")
_change("confirm_sales_order", "POST", "/sales-orders/<ref>/confirm", so.ConfirmSalesOrder,
        "Confirm a draft and reserve its stock (draft -> confirmed)")
_change("reserve_backorders", "POST", "/sales-orders/<ref>/reserve-backorders", so.ReserveBackorders,
        "Reserve stock that has arrived for what the order could not reserve")
_change("hold_sales_order", "POST", "/sales-orders/<ref>/hold", so.HoldSalesOrder,
        "Put an open order on hold; it keeps its reservations")
_change("release_sales_order", "POST", "/sales-orders/<ref>/release", so.ReleaseSalesOrder,
        "Release a held order to the status it had")
_change("cancel_sales_order", "POST", "/sales-orders/<ref>/cancel", so.CancelSalesOrder,
        "Cancel an order before any goods issue, releasing its reservations", role=Role.MANAGER)
_change("complete_sales_order", "POST", "/sales-orders/<ref>/complete", so.CompleteSalesOrder,
        "Complete an issued order (issued -> completed)")
_change("issue_goods", "POST", "/sales-orders/<ref>/goods-issues", so.IssueGoods,
        "Ship quantities of the order's lines from one warehouse (a goods issue)", status=201)


@bp.operation("GET", "/sales-orders/<ref>/events", summary="The order's domain events, oldest first",
              role=Role.VIEWER, response=v.EventList)
def sales_order_events(call: Call) -> v.EventList:
    order_id = call.system.sales_order(call.args["ref"]).id
    return v.EventList(items=[present.event(e) for e in call.system.events(order_id)])
