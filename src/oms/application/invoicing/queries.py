"""Reads of invoices and credit notes: one by id or number, as its view, with what a posted invoice owes."""

from __future__ import annotations

from datetime import date
from typing import Any

from oms.application.invoicing.receivables import receivable_of
from oms.application.invoicing.views import InvoiceLineView, InvoiceTotalsView, InvoiceView
from oms.application.masterdata.codes import Codes
from oms.application.shared.documents import find
from oms.application.shared.views import TaxView, line_money, money, quantity
from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoiceLine, InvoiceStatus
from oms.domain.invoicing.receivables import Receivable
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
        tax_category=line.tax_category, tax_rate=line.tax_rate, **line_money(line, currency))


def invoice_view(invoice: Invoice, codes: Codes, receivable: Receivable | None = None,
                 today: date | None = None) -> InvoiceView:
    """The document; with its `receivable` (a posted invoice's) what it owes, and, given `today`, whether it is
    overdue."""
    currency = invoice.currency
    totals = invoice.totals
    owed: dict[str, Any] = {} if receivable is None else {
        "payment_status": receivable.status, "residual": money(receivable.residual, currency),
        "overdue": None if today is None else receivable.overdue(invoice.due_date, today)}
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
        version=invoice.version, due_date=invoice.due_date, **owed)


def show_invoice(uow: InvoicingUnitOfWork, ref: DocumentRef, today: date | None = None) -> InvoiceView:
    """An invoice or credit note: its lines, totals, taxes and state; a posted invoice's due date, payment status
    and residual, and whether it is overdue on `today` (not told without it)."""
    invoice = get_invoice(uow, ref)
    posted = invoice.kind is InvoiceKind.INVOICE and invoice.status is InvoiceStatus.POSTED
    return invoice_view(invoice, Codes(uow), receivable_of(uow, invoice) if posted else None, today)
