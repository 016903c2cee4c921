"""Invoices and credit notes in the console: a list with filters, paged by cursor; a page per document with its
lines, taxes and totals, the steps its status allows (post, credit, delete) and its printable document; orders and
customers link to their invoices."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, render_template, request, url_for
from werkzeug.wrappers import Response

from oms.application.invoicing.actions import INVOICE
from oms.application.invoicing.queries import show_invoice
from oms.application.invoicing.views import InvoiceDocumentView
from oms.application.processes import invoice_documents
from oms.application.shared.actions import Action
from oms.domain.invoicing.invoices import InvoiceKind, InvoiceStatus
from oms.domain.shared.errors import DomainError
from oms.entrypoints.console.actions import DETAIL_PAGES, action_named, action_url, has_inputs, offered
from oms.entrypoints.console.auth import can, require
from oms.entrypoints.console.paging import PAGE_SIZE, day, next_page_url
from oms.entrypoints.documents.invoice import document_name, invoice_html, invoice_pdf
from oms.entrypoints.http.config import api
from oms.entrypoints.http.problems import problem_for


def _can(action: Action) -> bool:
    return can(action.role)


def invoice_page(ref: str) -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    try:
        view = api().system.read(show_invoice, ref, today=api().system.bus.clock.now().date())
    except DomainError as error:
        problem = problem_for(error)
        return render_template("console/error.html", title=problem.title, detail=problem.detail), problem.status
    buttons = offered(INVOICE, str(view.status), _can)
    record = action_named("payment", "record")
    residual = view.residual.amount if view.residual is not None else 0
    pay_url = action_url(record, customer_code=view.customer_code, currency=view.currency, invoice_id=view.number,
                         amount=residual, _back=request.path) if residual > 0 and _can(record) else None
    return render_template("console/invoice.html", view=view, buttons=buttons, has_inputs=has_inputs,
                           action_url=action_url, pay_url=pay_url)


def _document(ref: str, render: Callable[[InvoiceDocumentView], Response]) -> Any:
    """The document rendered for a signed-in user, or the page saying why there is none."""
    user = require()
    if isinstance(user, Response):
        return user
    try:
        view = api().system.read(invoice_documents.invoice_document, ref)
    except DomainError as error:
        problem = problem_for(error)
        return render_template("console/error.html", title=problem.title, detail=problem.detail), problem.status
    return render(view)


def document_html(ref: str) -> Any:
    """The invoice as the customer receives it, to print (or save as PDF from the browser)."""
    return _document(ref, lambda view: Response(invoice_html(view, pdf_url=url_for("console.invoice_pdf", ref=ref)),
                                                mimetype="text/html"))


def document_pdf(ref: str) -> Any:
    return _document(ref, lambda view: Response(
        invoice_pdf(view), mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{document_name(view)}.pdf"'}))


FILTERS = ("customer", "sales_order", "search", "dated_from", "dated_until", "cursor")


def invoice_list() -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    wanted = {name: request.args.get(name, "").strip() for name in FILTERS}
    kinds = tuple(kind for kind in request.args.getlist("kind") if kind)
    statuses = tuple(status for status in request.args.getlist("status") if status)
    page, error = None, None
    try:
        start, end = day(wanted["dated_from"], "dated from"), day(wanted["dated_until"], "dated until")
        page = api().system.read(
            invoice_documents.invoice_page, api().listings, kinds=kinds, statuses=statuses,
            customer_code=wanted["customer"] or None, order=wanted["sales_order"] or None,
            search=wanted["search"] or None, dated_from=start.date() if start else None,
            dated_until=end.date() if end else None, limit=PAGE_SIZE, cursor=wanted["cursor"] or None)
    except (DomainError, ValueError) as refused:
        error = str(refused)
    return render_template("console/invoices.html", page=page, error=error, wanted=wanted, kinds=kinds,
                           statuses=statuses, all_kinds=tuple(InvoiceKind), all_statuses=tuple(InvoiceStatus),
                           next_url=next_page_url("console.invoices", getattr(page, "next_cursor", None)))


def register(bp: Blueprint) -> None:
    from oms.entrypoints.console.app import add_to_menu

    bp.add_url_rule(INVOICE.path, "invoices", invoice_list)
    bp.add_url_rule(f"{INVOICE.path}/<path:ref>", "invoice", invoice_page)
    bp.add_url_rule("/invoice-document/<path:ref>", "invoice_document", document_html)
    bp.add_url_rule("/invoice-pdf/<path:ref>", "invoice_pdf", document_pdf)
    add_to_menu("console.invoices", "Invoices")
    DETAIL_PAGES[INVOICE.name] = "console.invoice"
