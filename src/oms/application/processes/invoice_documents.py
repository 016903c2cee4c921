"""Invoices as the customer and the back office read them, across invoicing, sales and master data: the listing
(filtered by the order billed, named by its number) and the document a customer receives (seller, customer,
orders billed, due date). The orders billed are sales orders, or service orders on their own."""

from __future__ import annotations

from datetime import date, datetime

from oms.application.invoicing.queries import get_invoice, invoice_view
from oms.application.invoicing.views import InvoiceDocumentView, InvoicePage, InvoiceSummaryView, PartyView
from oms.application.masterdata.codes import Codes
from oms.application.processes.billed_services import service_orders_of
from oms.application.sales.queries import NO_MATCH
from oms.application.shared.documents import matching_id
from oms.application.shared.views import money
from oms.domain.invoicing.invoices import InvoiceKind, InvoiceStatus
from oms.domain.masterdata.parties import Address
from oms.ports.invoicing.listings import INVOICES, InvoiceSummary
from oms.ports.shared.documents import DocumentRef
from oms.ports.shared.listings import DEFAULT_LIMIT, ListingQuery, Listings
from oms.ports.unit_of_work import UnitOfWork


def summary_view(s: InvoiceSummary) -> InvoiceSummaryView:
    return InvoiceSummaryView(id=s.id, kind=InvoiceKind(s.kind), status=InvoiceStatus(s.status), number=s.number,
                              invoice_date=s.invoice_date, customer_code=s.customer_code, branch_code=s.branch_code,
                              grand_total=money(s.grand_total, s.currency), created_at=s.created_at)


def invoice_page(uow: UnitOfWork, listings: Listings, *, kinds: tuple[str, ...] = (), statuses: tuple[str, ...] = (),
                 customer_code: str | None = None, order: str | None = None, created_from: datetime | None = None,
                 created_until: datetime | None = None, dated_from: date | None = None,
                 dated_until: date | None = None, search: str | None = None, newest_first: bool = True,
                 limit: int = DEFAULT_LIMIT, cursor: str | None = None) -> InvoicePage:
    """A page of invoices and credit notes; a customer code or an order (number or id) that does not exist matches
    nothing. `order`: the documents billing it and the credit notes of those; `dated_from`/`dated_until`: the
    invoice date, both days included (drafts have none); `search`: a part of the number or of the customer's code
    or name."""
    customer = uow.masterdata.customers.by_code(customer_code) if customer_code is not None else None
    filters: dict[str, object] = {
        "kind": kinds, "status": statuses,
        "customer_id": None if customer_code is None else customer.id if customer else NO_MATCH,
        "order_id": matching_id(uow.sales.orders, order, "sales order"), "from": created_from,
        "until": created_until, "dated_from": dated_from, "dated_until": dated_until, "search": search or None}
    page = listings.page(INVOICES, ListingQuery(filters=filters, newest_first=newest_first, limit=limit,
                                                cursor=cursor))
    return InvoicePage(items=[summary_view(s) for s in page.items], next_cursor=page.next_cursor)


def _address(address: Address | None) -> list[str]:
    if address is None:
        return []
    place = " ".join(part for part in (address.postal_code, address.city) if part)
    return [part for part in (address.line1, address.line2, place, address.region, address.country) if part]


def invoice_document(uow: UnitOfWork, ref: DocumentRef) -> InvoiceDocumentView:
    """The invoice or credit note as the customer receives it, its amounts exactly the document's view."""
    invoice = get_invoice(uow, ref)
    customer = uow.masterdata.customers.get(invoice.customer_id)
    branch = uow.masterdata.branches.get(invoice.branch_id)
    credited = uow.invoicing.invoices.get(invoice.credited_invoice_id) if invoice.credited_invoice_id else None
    billed = credited or invoice  # a credit note's lines credit invoice lines: the orders are its invoice's
    order_ids = list(dict.fromkeys(line.source_document_id for line in billed.lines))
    own = {order.id: order.number for order in service_orders_of(uow, order_ids).values()}  # billed on their own
    return InvoiceDocumentView(
        invoice=invoice_view(invoice, Codes(uow)),
        seller=PartyView(code=branch.code, name=branch.name, address=_address(getattr(branch, "address", None))),
        customer=PartyView(code=customer.code, name=customer.name, address=_address(customer.billing_address)),
        due_date=getattr(invoice, "due_date", None),  # given by payment terms, where the invoice has them
        orders=[own.get(order_id) or uow.sales.orders.get(order_id).number for order_id in order_ids],
        credited_invoice=credited.number if credited else None)
