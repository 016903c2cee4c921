"""In-memory repositories of invoices and credit notes (and what they billed), and of payments."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from decimal import Decimal

from oms.adapters.memory.repository import InMemoryRepository, Session
from oms.adapters.memory.vendor_bills import InMemorySupplierPaymentRepository, InMemoryVendorBillRepository
from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoiceLine, InvoiceStatus
from oms.domain.invoicing.payments import Payment


def _sum(lines: Iterable[tuple[str, Decimal]]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for line_id, quantity in lines:
        totals[line_id] += quantity
    return dict(totals)


class InMemoryInvoiceRepository(InMemoryRepository[Invoice]):
    kind = "invoice"

    @staticmethod
    def natural_key(invoice: Invoice) -> str | None:
        return invoice.number

    def by_number(self, number: str) -> Invoice | None:
        return self._by_natural_key(number)

    def remove(self, invoice: Invoice) -> None:
        self._remove(invoice)

    def _lines(self, kind: InvoiceKind | None, status: InvoiceStatus | None) -> list[InvoiceLine]:
        return [line for invoice in self.list() if kind in (None, invoice.kind) and status in (None, invoice.status)
                for line in invoice.lines]

    def invoiced(self, order_line_ids: Collection[str]) -> Mapping[str, Decimal]:
        wanted = set(order_line_ids)
        billed = {line.id: line.source_line_id for line in self._lines(None, None)}
        on_invoices = [(line.source_line_id, line.quantity)
                       for line in self._lines(InvoiceKind.INVOICE, InvoiceStatus.POSTED)]
        on_credit_notes = [(billed.get(line.source_line_id, ""), -line.quantity)
                           for line in self._lines(InvoiceKind.CREDIT_NOTE, InvoiceStatus.POSTED)]
        return _sum((line_id, quantity) for line_id, quantity in on_invoices + on_credit_notes if line_id in wanted)

    def credited(self, invoice_line_ids: Collection[str]) -> Mapping[str, Decimal]:
        wanted = set(invoice_line_ids)
        return _sum((line.source_line_id, line.quantity)
                    for line in self._lines(InvoiceKind.CREDIT_NOTE, InvoiceStatus.POSTED)
                    if line.source_line_id in wanted)

    def drafts_billing(self, source_line_ids: Collection[str]) -> Mapping[str, Decimal]:
        wanted = set(source_line_ids)
        return _sum((line.source_line_id, line.quantity) for line in self._lines(None, InvoiceStatus.DRAFT)
                    if line.source_line_id in wanted)

    def of_customer(self, customer_id: str) -> Sequence[Invoice]:
        return sorted((invoice for invoice in self.list() if invoice.customer_id == customer_id),
                      key=lambda invoice: (invoice.created_at, invoice.id))

    def credit_notes_of(self, invoice_id: str) -> Sequence[Invoice]:
        return sorted((note for note in self.list() if note.credited_invoice_id == invoice_id),
                      key=lambda note: (note.created_at, note.id))


class InMemoryPaymentRepository(InMemoryRepository[Payment]):
    kind = "payment"

    @staticmethod
    def natural_key(payment: Payment) -> str | None:
        return payment.number

    def by_number(self, number: str) -> Payment | None:
        return self._by_natural_key(number)

    def list(self) -> Sequence[Payment]:
        return sorted(super().list(), key=lambda payment: (payment.payment_date, payment.recorded_at, payment.id))

    def of_customer(self, customer_id: str) -> Sequence[Payment]:
        return [payment for payment in self.list() if payment.customer_id == customer_id]

    def paying(self, invoice_id: str) -> Sequence[Payment]:
        return [payment for payment in self.list() if any(a.invoice_id == invoice_id for a in payment.allocations)]


class InMemoryInvoicingDocuments:
    """The invoicing repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.invoices = InMemoryInvoiceRepository(session)
        self.payments = InMemoryPaymentRepository(session)
        self.bills = InMemoryVendorBillRepository(session)
        self.supplier_payments = InMemorySupplierPaymentRepository(session)
