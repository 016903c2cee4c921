"""What an invoice owes, read from the store: its due date from the customer's terms, its residual and payment
status from its credit notes and the payments allocated to it (domain/invoicing/receivables.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from oms.domain.invoicing.invoices import Invoice, InvoiceKind
from oms.domain.invoicing.receivables import Receivable, paid_by, receivables
from oms.ports.invoicing.repositories import InvoicingUnitOfWork


def due_date_of(uow: InvoicingUnitOfWork, invoice: Invoice) -> date | None:
    """When a posted invoice falls due under its customer's payment terms; a credit note has no due date."""
    if invoice.kind is not InvoiceKind.INVOICE or invoice.invoice_date is None:
        return None
    return uow.masterdata.customers.get(invoice.customer_id).terms.due_date(invoice.invoice_date)


def receivable_of(uow: InvoicingUnitOfWork, invoice: Invoice) -> Receivable:
    """The invoice's account now: its total, its posted credit notes, the payments allocated to it (a draft or a
    credit note owes nothing yet: its total, nothing taken off)."""
    found = receivables([invoice, *uow.invoicing.invoices.credit_notes_of(invoice.id)],
                        paid_by(uow.invoicing.payments.paying(invoice.id))).get(invoice.id)
    return found or Receivable(invoice_id=invoice.id, total=invoice.totals.grand_total, credited=Decimal(0),
                               paid=Decimal(0))
