"""Quotations and sales orders: listed and shown to viewers, worked as their actions declare. A document is
addressed by its id or its number (Q-000001, Q-000001-R2, SO-000001)."""

from __future__ import annotations

from oms.application.sales import queries
from oms.application.sales.actions import QUOTATION, QUOTATION_ACTIONS, SALES_ORDER, SALES_ORDER_ACTIONS
from oms.application.sales.views import DocumentPage, QuotationView, SalesOrderView
from oms.application.shared.queries import event_list
from oms.application.shared.views import EventList
from oms.domain.access.tokens import Role
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import ApiBlueprint, Call
from oms.entrypoints.http.listing import DOCUMENT_PARAMETERS, Order, QuotationFilter, SalesOrderFilter, parameters
from oms.ports.sales.listings import QUOTATIONS, SALES_ORDERS, DocumentSummary
from oms.ports.shared.listings import Listing

quotations = ApiBlueprint("quotations", __name__, tag=QUOTATION.tag)
sales_orders = ApiBlueprint("sales_orders", __name__, tag=SALES_ORDER.tag)
VIEWER = Role.VIEWER


@quotations.operation("GET", "/quotations", summary="List quotations, newest first, a page at a time", role=VIEWER,
                      response=DocumentPage, query=QuotationFilter)
def list_quotations(call: Call) -> DocumentPage:
    return _page(call, QUOTATIONS, call.query(QuotationFilter))


@quotations.operation("GET", "/quotations/<ref>", summary="Show a quotation with its lines, totals, taxes and "
                      "history", role=VIEWER, response=QuotationView)
def get_quotation(call: Call) -> QuotationView:
    return call.system.read(queries.show_quotation, call.args["ref"])


@quotations.operation("GET", "/quotations/<ref>/events", summary="The quotation's domain events, oldest first",
                      role=VIEWER, response=EventList)
def quotation_events(call: Call) -> EventList:
    return call.system.read(event_list, call.system.quotation(call.args["ref"]).id)


@sales_orders.operation("GET", "/sales-orders", summary="List sales orders, newest first, a page at a time",
                        role=VIEWER, response=DocumentPage, query=SalesOrderFilter)
def list_sales_orders(call: Call) -> DocumentPage:
    return _page(call, SALES_ORDERS, call.query(SalesOrderFilter))


def _page(call: Call, listing: Listing[DocumentSummary], wanted: QuotationFilter | SalesOrderFilter) -> DocumentPage:
    with parameters(DOCUMENT_PARAMETERS):
        return call.system.read(queries.document_page, api().listings, listing,
                                statuses=tuple(s.value for s in wanted.status), customer_code=wanted.customer,
                                branch_code=wanted.branch, created_from=wanted.created_from,
                                created_until=wanted.created_until, search=wanted.search,
                                valid_until_before=wanted.valid_until_before
                                if isinstance(wanted, QuotationFilter) else None,
                                backordered=wanted.backordered if isinstance(wanted, SalesOrderFilter) else None,
                                newest_first=wanted.order is Order.NEWEST, limit=wanted.limit, cursor=wanted.cursor)


@sales_orders.operation("GET", "/sales-orders/<ref>", summary="Show an order: lines, totals, taxes, reservations, "
                        "goods issues and audit trail", role=VIEWER, response=SalesOrderView)
def get_sales_order(call: Call) -> SalesOrderView:
    return call.system.read(queries.show_sales_order, call.args["ref"])


@sales_orders.operation("GET", "/sales-orders/<ref>/events", summary="The order's domain events, oldest first",
                        role=VIEWER, response=EventList)
def sales_order_events(call: Call) -> EventList:
    return call.system.read(event_list, call.system.sales_order(call.args["ref"]).id)


quotations.actions(QUOTATION_ACTIONS)
sales_orders.actions(SALES_ORDER_ACTIONS)
