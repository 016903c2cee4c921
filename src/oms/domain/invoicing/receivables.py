"""What a customer owes, derived from posted documents and allocations, never kept as a counter (peers.md I10).

- an invoice's residual = its total - its posted credit notes' totals - the payments allocated to it, never below
  zero: a credit note reduces what its invoice owes, as in ERPNext (a return against an invoice lowers its
  outstanding amount) and Odoo (a reversal is reconciled with its invoice); what a credit note gives back beyond
  what the invoice still owed (the invoice was paid already) is customer credit, like a payment's unallocated rest;
- payment status: not paid, partially paid, paid, or reversed (credit notes cover all of it);
- overdue: residual > 0 and the due date before today;
- ageing puts each overdue residual in a bucket by days past due: current, 1-30, 31-60, 61-90, 90+.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal

from attrs import frozen

from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoiceStatus
from oms.domain.invoicing.payments import Payment

ZERO = Decimal(0)
BUCKETS = ("current", "days_1_30", "days_31_60", "days_61_90", "days_over_90")


class PaymentStatus(enum.StrEnum):
    NOT_PAID = "not_paid"
    PARTIALLY_PAID = "partially_paid"
    PAID = "paid"
    REVERSED = "reversed"


@frozen(kw_only=True)
class Receivable:
    """One posted invoice's account: its total, what credit notes and payments took off, and what is left."""

    invoice_id: str
    total: Decimal
    credited: Decimal
    paid: Decimal

    @property
    def residual(self) -> Decimal:
        return max(self.total - self.credited - self.paid, ZERO)

    @property
    def excess_credit(self) -> Decimal:
        """What credit notes gave back beyond what the invoice still owed: the customer's credit."""
        return max(self.credited + self.paid - self.total, ZERO)

    @property
    def status(self) -> PaymentStatus:
        if self.credited >= self.total:
            return PaymentStatus.REVERSED
        if self.residual == 0:
            return PaymentStatus.PAID
        return PaymentStatus.NOT_PAID if self.residual == self.total else PaymentStatus.PARTIALLY_PAID

    def overdue(self, due_date: date | None, today: date) -> bool:
        return self.residual > 0 and due_date is not None and due_date < today


def is_posted(document: Invoice, as_of: date | None = None) -> bool:
    return document.status is InvoiceStatus.POSTED and (
        as_of is None or (document.invoice_date is not None and document.invoice_date <= as_of))


def paid_by(payments: Iterable[Payment], as_of: date | None = None) -> dict[str, Decimal]:
    """Per invoice id: what the payments (dated on or before `as_of`) allocate to it."""
    paid: dict[str, Decimal] = {}
    for payment in payments:
        if as_of is None or payment.payment_date <= as_of:
            for allocation in payment.allocations:
                paid[allocation.invoice_id] = paid.get(allocation.invoice_id, ZERO) + allocation.amount
    return paid


def receivables(documents: Sequence[Invoice], paid: Mapping[str, Decimal],
                as_of: date | None = None) -> dict[str, Receivable]:
    """The receivable of each posted invoice among `documents` (one customer's, credit notes included), counting
    what was posted (and, in `paid`, paid) on or before `as_of`."""
    credited: dict[str, Decimal] = {}
    for note in documents:
        if note.kind is InvoiceKind.CREDIT_NOTE and note.credited_invoice_id and is_posted(note, as_of):
            credited[note.credited_invoice_id] = credited.get(note.credited_invoice_id, ZERO) + \
                note.totals.grand_total
    return {invoice.id: Receivable(invoice_id=invoice.id, total=invoice.totals.grand_total,
                                   credited=credited.get(invoice.id, ZERO), paid=paid.get(invoice.id, ZERO))
            for invoice in documents if invoice.kind is InvoiceKind.INVOICE and is_posted(invoice, as_of)}


def bucket(due_date: date | None, as_of: date) -> str:
    """The ageing bucket of a residual falling due on `due_date`, seen on `as_of`."""
    late = (as_of - due_date).days if due_date is not None else 0
    if late <= 0:
        return BUCKETS[0]
    if late <= 30:
        return BUCKETS[1]
    if late <= 60:
        return BUCKETS[2]
    return BUCKETS[3] if late <= 90 else BUCKETS[4]
