"""Invoices and credit notes: shown to viewers, made, posted, credited and deleted as their actions declare; what an
order has billed and has left to bill."""

from __future__ import annotations

from flask import Response

from oms.application.invoicing.actions import ACTIONS, INVOICE
from oms.application.invoicing.queries import show_invoice
from oms.application.invoicing.views import InvoicePage, InvoiceView, OrderBillingView
from oms.application.processes import actions as processes
from oms.application.processes.billing import order_billing
from oms.application.processes.invoice_documents import invoice_document, invoice_page
from oms.domain.access.tokens import Role
from oms.entrypoints.documents.invoice import document_name, invoice_html, invoice_pdf
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import ApiBlueprint, Call, Rendered
from oms.entrypoints.http.listing import DOCUMENT_PARAMETERS, InvoiceFilter, Order, parameters

bp = ApiBlueprint("invoices", __name__, tag=INVOICE.tag)


@bp.operation("GET", "/invoices", summary="List invoices and credit notes, newest first, a page at a time",
              role=Role.VIEWER, response=InvoicePage, query=InvoiceFilter)
def list_invoices(call: Call) -> InvoicePage:
    wanted = call.query(InvoiceFilter)
    with parameters(DOCUMENT_PARAMETERS):
        return call.system.read(invoice_page, api().listings, kinds=tuple(k.value for k in wanted.kind),
                                statuses=tuple(s.value for s in wanted.status), customer_code=wanted.customer,
                                order=wanted.sales_order, created_from=wanted.created_from,
                                created_until=wanted.created_until, dated_from=wanted.dated_from,
                                dated_until=wanted.dated_until, search=wanted.search,
                                newest_first=wanted.order is Order.NEWEST, limit=wanted.limit, cursor=wanted.cursor)


@bp.operation("GET", "/invoices/<ref>/document", summary="The invoice or credit note as the customer receives it, "
              "as an HTML page to print (a draft is marked DRAFT)", role=Role.VIEWER,
              response=Rendered(media_type="text/html"))
def invoice_document_html(call: Call) -> Response:
    return Response(invoice_html(call.system.read(invoice_document, call.args["ref"])), mimetype="text/html")


@bp.operation("GET", "/invoices/<ref>/document.pdf", summary="The invoice or credit note as the customer receives "
              "it, as a PDF (a draft is marked DRAFT)", role=Role.VIEWER,
              response=Rendered(media_type="application/pdf", binary=True))
def invoice_document_pdf(call: Call) -> Response:
    view = call.system.read(invoice_document, call.args["ref"])
    return Response(invoice_pdf(view), mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{document_name(view)}.pdf"'})


@bp.operation("GET", "/invoices/<ref>", summary="Show an invoice or credit note: lines, totals, taxes and state",
              role=Role.VIEWER, response=InvoiceView)
def get_invoice(call: Call) -> InvoiceView:
    return call.system.read(show_invoice, call.args["ref"], today=call.system.bus.clock.now().date())


@bp.operation("GET", "/sales-orders/<ref>/billing", summary="What the order has invoiced and has left to invoice, "
              "per line", role=Role.VIEWER, response=OrderBillingView)
def sales_order_billing(call: Call) -> OrderBillingView:
    return call.system.read(order_billing, call.args["ref"])


bp.actions([*processes.ACTIONS, *ACTIONS])
