"""The entries of vendor bills, debit notes and payments to suppliers: in-transaction policies (see accounting.py).

A bill posts Dr goods received not invoiced its lines at the order's net unit cost (the whole billed quantity: the
part received clears what its receipts credited; a part billed before it arrives stays a debit until its receipt
credits it) / Dr purchase price difference what the bill's net differs from that / Dr input tax / Cr accounts
payable; a debit note the reverse. A bill in another currency than its branch's is converted at the bill date's
rate (master data's exchange rates; none: `NoExchangeRate`, and nothing is posted): the total and each tax are
converted and rounded, the price difference takes what the rounding leaves, so the entry balances exactly.
A payment to a supplier posts Dr accounts payable / Cr bank its whole amount, dated as the payment.
"""

from __future__ import annotations

from decimal import Decimal

from oms.application.accounting.books import record_entry
from oms.domain.accounting.journal import SourceKind
from oms.domain.accounting.postings import TaxAmount, bill_legs, supplier_payment_legs
from oms.domain.invoicing.supplier_payments import SupplierPaymentMade
from oms.domain.invoicing.vendor_bills import BillKind, DebitNotePosted, VendorBill, VendorBillPosted
from oms.domain.masterdata.exchange_rates import rate_on
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.money import Currency
from oms.ports.unit_of_work import UnitOfWork


def bill_rate(uow: UnitOfWork, bill: VendorBill, to_currency: str) -> Decimal:
    if bill.currency == to_currency:
        return Decimal(1)
    return rate_on(bill.currency, to_currency, bill.bill_date,
                   uow.masterdata.exchange_rates.on_or_before(bill.currency, to_currency, bill.bill_date))


def post_bill_entry(uow: UnitOfWork, event: DomainEvent) -> None:
    """A posted bill or debit note: its entry in the branch's currency, dated as the bill."""
    assert isinstance(event, VendorBillPosted | DebitNotePosted)
    bill = uow.invoicing.bills.get(event.aggregate_id)
    assert bill.number is not None
    branch = Currency.of(uow.masterdata.branches.get(bill.branch_id).currency)
    rate = bill_rate(uow, bill, branch.code)
    totals = bill.totals
    grni = sum((line.quantity * line.po_unit_price for line in bill.lines), Decimal(0))
    taxes = [TaxAmount(category=str(t.category), rate=t.rate, tax=branch.round(t.tax * rate)) for t in totals.taxes]
    grand_total = branch.round(totals.grand_total * rate)
    net_total = grand_total - sum((t.tax for t in taxes), Decimal(0))
    debit_note = bill.kind is BillKind.DEBIT_NOTE
    kind = SourceKind.DEBIT_NOTE if debit_note else SourceKind.VENDOR_BILL
    record_entry(uow, bill_legs(grand_total=grand_total, net_total=net_total, grni=branch.round(grni * rate),
                                taxes=taxes, debit_note=debit_note),
                 entry_date=bill.bill_date, currency=branch.code, source=(kind, bill.number),
                 description=f"{'Debit note' if debit_note else 'Vendor bill'} {bill.number} "
                             f"({bill.supplier_invoice_number})", at=event.occurred_at, actor=bill.posted_by)


def post_supplier_payment_entry(uow: UnitOfWork, event: DomainEvent) -> None:
    """A payment to a supplier: Dr payable / Cr bank its whole amount, dated as the payment."""
    assert isinstance(event, SupplierPaymentMade)
    payment = uow.invoicing.supplier_payments.get(event.aggregate_id)
    record_entry(uow, supplier_payment_legs(event.amount), entry_date=event.payment_date, currency=event.currency,
                 source=(SourceKind.SUPPLIER_PAYMENT, event.number), description=f"Payment to supplier {event.number}",
                 at=event.occurred_at, actor=payment.recorded_by)
