"""Reads of invoices and credit notes: one by id or number, as its view."""

from __future__ import annotations

from oms.application.invoicing.views import InvoiceLineView, InvoiceTotalsView, InvoiceView
from oms.application.masterdata.codes import Codes
from oms.application.shared.documents import find
from oms.application.shared.views import TaxView, money, quantity
from oms.domain.invoicing.invoices import Invoice, InvoiceLine
from oms.ports.invoicing.repositories import InvoicingUnitOfWork
from oms.ports.shared.documents import DocumentRef

KIND = "invoice"


def get_invoice(uow: InvoicingUnitOfWork, ref: DocumentRef) -> Invoice:
    return find(uow.invoicing.invoices, ref, KIND)


def _line(line: InvoiceLine, currency: str) -> InvoiceLineView:
    return InvoiceLineView(
        id=line.id, position=line.position, source_document_id=line.source_document_id,
        source_line_id=line.source_line_id, sku=line.sku, description=line.description,
        quantity=quantity(line.quantity, line.uom), unit_price=money(line.unit_price, currency),
        tax_category=line.tax_category, tax_rate=line.tax_rate, gross_amount=money(line.gross_amount, currency),
        line_discount=money(line.line_discount, currency), order_discount=money(line.order_discount, currency),
        net=money(line.net, currency), tax=money(line.tax, currency), total=money(line.total, currency))


def invoice_view(invoice: Invoice, codes: Codes) -> InvoiceView:
    currency = invoice.currency
    totals = invoice.totals
    return InvoiceView(
        id=invoice.id, kind=invoice.kind, status=invoice.status, number=invoice.number,
        invoice_date=invoice.invoice_date, customer_code=codes.customer(invoice.customer_id),
        branch_code=codes.branch(invoice.branch_id), currency=currency, created_at=invoice.created_at,
        posted_at=invoice.posted_at, posted_by=invoice.posted_by, credited_invoice_id=invoice.credited_invoice_id,
        lines=[_line(line, currency) for line in invoice.lines],
        totals=InvoiceTotalsView(net_total=money(totals.net_total, currency),
                                 tax_total=money(totals.tax_total, currency),
                                 grand_total=money(totals.grand_total, currency)),
        taxes=[TaxView(category=t.category, rate=t.rate, base=money(t.base, currency), tax=money(t.tax, currency))
               for t in totals.taxes],
        version=invoice.version)


def show_invoice(uow: InvoicingUnitOfWork, ref: DocumentRef) -> InvoiceView:
    """An invoice or credit note: its lines, totals, taxes and state."""
    return invoice_view(get_invoice(uow, ref), Codes(uow))
