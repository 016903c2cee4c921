"""Postings to the books from other contexts' documents, in the transaction of the command that posts them.

These are in-transaction policies (`MessageBus.policies`): run after a command's handler, on the events it raised,
before its answer and its commit, so a document and its journal entry are committed together or not at all.
`POLICIES` is what `bootstrap` wires: posted invoices and credit notes, payments received, valued stock movements
(goods issues, receipts, adjustments, customer returns), posted vendor bills and debit notes and payments to
suppliers (bill_postings.py), outputs of production (production_postings.py); the reservation a sales order
makes of an output made for it (make_to_order.py); and the end of a subscription invoice's dunning when a payment
pays it (subscription_charges.py).

A payment is posted whole against the receivable (Dr bank / Cr receivable), whether allocated yet or not: a
customer's balance on the receivable account is what it owes less its credit, and allocating a payment to an
invoice later moves nothing in the books (Odoo reconciles the same way).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from oms.application.accounting.books import record_entry
from oms.application.accounting.documents import record_payment, record_stock_movement
from oms.application.processes.bill_postings import post_bill_entry, post_supplier_payment_entry
from oms.application.processes.make_to_order import take_output
from oms.application.processes.production_postings import post_output_entry
from oms.application.processes.subscription_charges import settle_subscription_invoices
from oms.domain.accounting.journal import SourceKind
from oms.domain.accounting.postings import Leg, RevenueLine, StockPosting, TaxAmount, invoice_legs
from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoicePosted
from oms.domain.invoicing.payments import PaymentReceived
from oms.domain.invoicing.supplier_payments import SupplierPaymentMade
from oms.domain.invoicing.vendor_bills import DebitNotePosted, VendorBillPosted
from oms.domain.production.events import OutputReported
from oms.domain.shared.events import DomainEvent
from oms.domain.stock.events import StockMoved
from oms.ports.unit_of_work import UnitOfWork

Policy = Callable[[UnitOfWork, DomainEvent], None]


def invoice_entry_legs(invoice: Invoice) -> list[Leg]:
    """The legs of a posted invoice or credit note, from its own lines, totals and taxes."""
    totals = invoice.totals
    return invoice_legs(
        grand_total=totals.grand_total, credit_note=invoice.kind is InvoiceKind.CREDIT_NOTE,
        lines=[RevenueLine(net=line.net, sku=line.sku, tax_category=str(line.tax_category)) for line in invoice.lines],
        taxes=[TaxAmount(category=str(tax.category), rate=tax.rate, tax=tax.tax) for tax in totals.taxes])


def post_invoice_entry(uow: UnitOfWork, event: DomainEvent) -> None:
    """A posted invoice: Dr receivable / Cr revenue / Cr tax payable; a credit note the reverse; dated as the
    document."""
    assert isinstance(event, InvoicePosted)
    invoice = uow.invoicing.invoices.get(event.aggregate_id)
    assert invoice.invoice_date is not None
    assert invoice.number is not None
    kind = SourceKind.INVOICE if invoice.kind is InvoiceKind.INVOICE else SourceKind.CREDIT_NOTE
    record_entry(uow, invoice_entry_legs(invoice), entry_date=invoice.invoice_date, currency=invoice.currency,
                 source=(kind, invoice.number), description=f"{kind.replace('_', ' ').capitalize()} {invoice.number}",
                 at=event.occurred_at, actor=invoice.posted_by)


def post_payment_entry(uow: UnitOfWork, event: DomainEvent) -> None:
    """A payment received: Dr bank / Cr receivable its whole amount, dated as the payment."""
    assert isinstance(event, PaymentReceived)
    payment = uow.invoicing.payments.get(event.aggregate_id)
    record_payment(uow, amount=event.amount, currency=event.currency, day=event.payment_date,
                   reference=event.number, at=event.occurred_at, actor=payment.recorded_by)


POSTED_MOVEMENTS = {"issue": StockPosting.ISSUE, "receipt": StockPosting.RECEIPT,
                    "adjustment": StockPosting.ADJUSTMENT, "return": StockPosting.RETURN,
                    "supplier_return": StockPosting.SUPPLIER_RETURN}
"""The movement kinds that carry value into or out of the books (reservations move none)."""


def post_stock_entry(uow: UnitOfWork, event: DomainEvent) -> None:
    """Valued stock movements: a goods issue Dr cost of goods sold / Cr inventory at the cost it took out, a receipt
    Dr inventory / Cr goods received not invoiced, an adjustment against stock adjustments, a customer return
    Dr inventory / Cr cost of goods sold at the cost it left with; dated as the movement. The movements a command
    made for one document, of one kind, in one warehouse (the lines of a goods issue) post one entry: the first of
    them posts their sum, the others nothing."""
    assert isinstance(event, StockMoved)
    kind = POSTED_MOVEMENTS.get(event.kind)
    if kind is None:
        return
    together = [moved for moved in uow.pending_events() if isinstance(moved, StockMoved)
                and (moved.reference, moved.kind, moved.warehouse_id) == (event.reference, event.kind,
                                                                         event.warehouse_id)]
    if together[0] is not event:
        return
    value = sum((moved.value for moved in together), Decimal(0))
    warehouse = uow.masterdata.warehouses.get(event.warehouse_id)
    record_stock_movement(uow, kind=kind, value=-value if kind is StockPosting.ISSUE else value,
                          currency=event.currency, day=event.occurred_at.date(), reference=event.reference,
                          at=event.occurred_at, actor=event.actor, warehouse=warehouse.code)


POLICIES: Mapping[type[DomainEvent], Sequence[Policy]] = {
    InvoicePosted: (post_invoice_entry,),
    PaymentReceived: (post_payment_entry, settle_subscription_invoices),
    StockMoved: (post_stock_entry,),
    VendorBillPosted: (post_bill_entry,),
    DebitNotePosted: (post_bill_entry,),
    SupplierPaymentMade: (post_supplier_payment_entry,),
    OutputReported: (post_output_entry, take_output),
}
