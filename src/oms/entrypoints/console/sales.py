"""Quotations and sales orders: lists with filters and a search box, paged by cursor; a page per document with its
lines, taxes, totals, reservations, goods issues and audit trail, and the actions its status allows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
from attrs import frozen
from flask import Blueprint, render_template, request, url_for
from werkzeug.wrappers import Response

from oms.application.actions import ACTIONS
from oms.application.invoicing.actions import INVOICE
from oms.application.processes.billing import BILLABLE, order_billing
from oms.application.sales import queries
from oms.application.sales.actions import QUOTATION, SALES_ORDER
from oms.application.shared.actions import Action, Resource
from oms.application.shared.queries import event_list
from oms.domain.sales.quotation import QuotationStatus
from oms.domain.sales.sales_order import SalesOrderStatus
from oms.domain.shared.errors import DomainError
from oms.entrypoints.console.actions import DETAIL_PAGES, FORM_TEMPLATES, action_url, has_inputs, offered, suggestions
from oms.entrypoints.console.auth import require
from oms.entrypoints.console.paging import PAGE_SIZE, day
from oms.entrypoints.http.config import api
from oms.entrypoints.http.problems import problem_for
from oms.ports.sales.listings import QUOTATIONS, SALES_ORDERS, DocumentSummary
from oms.ports.shared.listings import Listing


@frozen(kw_only=True)
class DocumentKind:
    """What the pages of one kind of sales document are made of."""

    resource: Resource
    listing: Listing[DocumentSummary]
    statuses: tuple[str, ...]
    title: str
    list_endpoint: str
    show: Callable[..., Any]


KINDS = {
    "quotation": DocumentKind(resource=QUOTATION, listing=QUOTATIONS, statuses=tuple(QuotationStatus),
                              title="Quotations", list_endpoint="console.quotations", show=queries.show_quotation),
    "sales_order": DocumentKind(resource=SALES_ORDER, listing=SALES_ORDERS, statuses=tuple(SalesOrderStatus),
                                title="Sales orders", list_endpoint="console.sales_orders",
                                show=queries.show_sales_order),
}



def _particular(kind: DocumentKind, wanted: dict[str, str]) -> dict[str, Any]:
    """The filters only one kind takes: quotations about to expire, orders waiting for stock."""
    if kind.resource is QUOTATION:
        expiring = day(wanted["valid_until_before"], "expiring by")
        return {"valid_until_before": expiring.date() if expiring else None}
    return {"backordered": True if wanted["backordered"] == "true" else None}


def document_list(kind: DocumentKind) -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    args = request.args
    wanted = {name: args.get(name, "").strip() for name in ("customer", "branch", "search", "created_from",
                                                            "created_until", "cursor", "valid_until_before",
                                                            "backordered")}
    statuses = tuple(status for status in args.getlist("status") if status)
    page, error = None, None
    try:
        page = api().system.read(
            queries.document_page, api().listings, kind.listing, statuses=statuses,
            customer_code=wanted["customer"] or None, branch_code=wanted["branch"] or None,
            search=wanted["search"] or None, created_from=day(wanted["created_from"], "from"),
            created_until=day(wanted["created_until"], "until", next_day=True), limit=PAGE_SIZE,
            cursor=wanted["cursor"] or None, **_particular(kind, wanted))
    except (DomainError, ValueError) as refused:
        error = str(refused)
    create = next(a for a in ACTIONS if a.resource.name == kind.resource.name and a.name == "create")
    next_url = None
    if page is not None and page.next_cursor:
        kept: dict[str, Any] = {name: values for name, values in args.lists() if name != "cursor"}
        next_url = url_for(kind.list_endpoint, **kept, cursor=page.next_cursor)
    return render_template("console/documents.html", kind=kind, page=page, error=error, wanted=wanted,
                           statuses=statuses, create=create, next_url=next_url)


def _can(action: Action) -> bool:
    from oms.entrypoints.console.auth import can

    return can(action.role)


def document_page(kind: DocumentKind, ref: str) -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    system = api().system
    try:
        view = system.read(kind.show, ref)
        events = system.read(event_list, view.id)
    except DomainError as error:
        problem = problem_for(error)
        return render_template("console/error.html", title=problem.title, detail=problem.detail), problem.status
    actions = offered(kind.resource, str(view.status), _can)
    line_actions = {action.name: action for action in actions if "line_id" in action.url_fields.values()
                    or "line_id" in attrs.fields_dict(action.command)}  # a line's: made to order, its service
    buttons = [action for action in actions if action not in line_actions.values()]
    editing = any(action.name == "add-line" for action in buttons)
    billing = system.read(order_billing, view.id) if kind.resource is SALES_ORDER and str(view.status) in BILLABLE \
        else None
    return render_template(f"console/{kind.resource.name}.html", kind=kind, view=view, events=events,
                           buttons=buttons, line_actions=line_actions, has_inputs=has_inputs,
                           action_url=action_url, datalists=suggestions() if editing else {}, billing=billing,
                           invoicing=next(a for a in ACTIONS if a.resource is INVOICE and a.name == "create"))


def register(bp: Blueprint) -> None:
    for name, kind in KINDS.items():
        plural = kind.list_endpoint.rpartition(".")[2]
        path = kind.resource.path
        bp.add_url_rule(path, plural, lambda kind=kind: document_list(kind))
        bp.add_url_rule(f"{path}/<path:ref>", name, lambda ref, kind=kind: document_page(kind, ref))
        DETAIL_PAGES[kind.resource.name] = f"console.{name}"
    FORM_TEMPLATES[(SALES_ORDER.name, "issue")] = "console/issue_goods.html"
