"""Quotations: listed and shown to viewers; created, edited, sent, accepted, rejected, revised and converted by
clerks. A quotation is addressed by its id or its number (Q-000001, Q-000001-R2)."""

from __future__ import annotations

from flask import url_for

from oms.application.sales import quotations as q
from oms.application.sales.sales_orders import order_by_ref
from oms.application.service import OrderManagement
from oms.domain.access.tokens import Role
from oms.entrypoints.http import presenters as present
from oms.entrypoints.http import views as v
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import ApiBlueprint, Call, Reply
from oms.entrypoints.http.listing import QuotationFilter, document_page

bp = ApiBlueprint("quotations", __name__, tag="quotations")
REF = {"ref": "quotation_id"}
LINE = {"ref": "quotation_id", "line_id": "line_id"}


def show(system: OrderManagement, ref: str) -> v.QuotationView:
    with present.reading(system) as (uow, codes):
        return present.quotation(q.quotation_by_ref(uow, ref), codes)


def _created(system: OrderManagement, quotation_id: str) -> Reply:
    view = show(system, quotation_id)
    return Reply(view, url_for("quotations.get_quotation", ref=view.number))


@bp.operation("GET", "/quotations", summary="List quotations, newest first, a page at a time", role=Role.VIEWER,
              response=v.DocumentPage, query=QuotationFilter)
def list_quotations(call: Call) -> v.DocumentPage:
    return document_page(call.system, call.query(QuotationFilter), api().listings.quotations)


@bp.operation("POST", "/quotations", summary="Create a draft quotation", role=Role.CLERK, response=v.QuotationView,
              status=201, command=q.CreateQuotation)
def create_quotation(call: Call) -> Reply:
    return _created(call.system, call.handle(call.command(q.CreateQuotation)))


@bp.operation("GET", "/quotations/<ref>", summary="Show a quotation with its lines, totals, taxes and history",
              role=Role.VIEWER, response=v.QuotationView)
def get_quotation(call: Call) -> v.QuotationView:
    return show(call.system, call.args["ref"])


@bp.operation("PATCH", "/quotations/<ref>", summary="Change a draft's order discount, validity or notes",
              role=Role.CLERK, response=v.QuotationView, command=q.SetQuotationTerms, fills=REF)
def set_quotation_terms(call: Call) -> v.QuotationView:
    call.handle(call.command(q.SetQuotationTerms))
    return show(call.system, call.args["ref"])


@bp.operation("POST", "/quotations/<ref>/lines", summary="Add a line to a draft", role=Role.CLERK,
              response=v.QuotationView, status=201, command=q.AddQuotationLine, fills=REF, body_field="line")
def add_quotation_line(call: Call) -> v.QuotationView:
    call.handle(call.command(q.AddQuotationLine))
    return show(call.system, call.args["ref"])


@bp.operation("PATCH", "/quotations/<ref>/lines/<line_id>", summary="Change a draft's line", role=Role.CLERK,
              response=v.QuotationView, command=q.UpdateQuotationLine, fills=LINE)
def update_quotation_line(call: Call) -> v.QuotationView:
    call.handle(call.command(q.UpdateQuotationLine))
    return show(call.system, call.args["ref"])


@bp.operation("DELETE", "/quotations/<ref>/lines/<line_id>", summary="Remove a draft's line", role=Role.CLERK,
              response=v.QuotationView, command=q.RemoveQuotationLine, fills=LINE)
def remove_quotation_line(call: Call) -> v.QuotationView:
    call.handle(call.command(q.RemoveQuotationLine))
    return show(call.system, call.args["ref"])


def _transition(name: str, command: type[object], summary: str) -> None:
    def change(call: Call) -> v.QuotationView:
        call.handle(call.command(command))  # type: ignore[arg-type]
        return show(call.system, call.args["ref"])

    change.__name__ = f"{name}_quotation"
    bp.operation("POST", f"/quotations/<ref>/{name}", summary=summary, role=Role.CLERK, response=v.QuotationView,
                 command=command, fills=REF)(change)


_transition("send", q.SendQuotation, "Send a draft to the customer (draft -> sent)")
_transition("accept", q.AcceptQuotation, "Record the customer's acceptance (sent -> accepted)")
_transition("reject", q.RejectQuotation, "Record the customer's rejection (draft/sent -> rejected)")
_transition("cancel", q.CancelQuotation, "Cancel an open quotation (draft/sent -> cancelled)")


@bp.operation("POST", "/quotations/<ref>/revise", summary="Supersede the quotation with a new draft revision",
              role=Role.CLERK, response=v.QuotationView, status=201, command=q.ReviseQuotation, fills=REF)
def revise_quotation(call: Call) -> Reply:
    return _created(call.system, call.handle(call.command(q.ReviseQuotation)))


@bp.operation("POST", "/quotations/<ref>/convert", summary="Turn an accepted quotation into a draft sales order",
              role=Role.CLERK, response=v.SalesOrderView, status=201, command=q.ConvertQuotation, fills=REF)
def convert_quotation(call: Call) -> Reply:
    order_id = call.handle(call.command(q.ConvertQuotation))
    with present.reading(call.system) as (uow, codes):
        order = present.sales_order(order_by_ref(uow, order_id), codes)
    return Reply(order, url_for("sales_orders.get_sales_order", ref=order.number))


@bp.operation("GET", "/quotations/<ref>/events", summary="The quotation's domain events, oldest first",
              role=Role.VIEWER, response=v.EventList)
def quotation_events(call: Call) -> v.EventList:
    quotation_id = call.system.quotation(call.args["ref"]).id
    return v.EventList(items=[present.event(e) for e in call.system.events(quotation_id)])
