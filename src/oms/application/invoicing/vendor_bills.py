"""Vendor bills within invoicing: reading them, debit notes of posted bills, cancelling drafts, releasing a bill
that is not matched for payment, and payments to suppliers with their allocations.

Bills are made from purchase orders and posted by a process that reads them (`application/processes/
vendor_billing.py`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from attrs import field, frozen

from oms.application.invoicing.bill_views import (
    BillLineView,
    BillView,
    SupplierAllocationView,
    SupplierPaymentView,
)
from oms.application.invoicing.payments import to_amount, to_optional_amount
from oms.application.invoicing.views import InvoiceTotalsView
from oms.application.shared.commands import Command, Handlers, to_quantity
from oms.application.shared.documents import find, next_number
from oms.application.shared.views import TaxView, line_money, money, quantity
from oms.domain.invoicing.payments import PaymentMethod
from oms.domain.invoicing.supplier_payments import Payable, SupplierPayment, payable
from oms.domain.invoicing.vendor_bills import (
    BillKind,
    BillSource,
    BillStatus,
    VendorBill,
    VendorBillLine,
)
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.errors import InvalidValue, NotFound, refuse
from oms.domain.shared.ids import DocumentType, new_id
from oms.ports.invoicing.repositories import InvoicingUnitOfWork
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef

KIND = "vendor bill"


def get_bill(uow: InvoicingUnitOfWork, ref: DocumentRef) -> VendorBill:
    return find(uow.invoicing.bills, ref, KIND)


def supplier_by_code(uow: InvoicingUnitOfWork, code: str, field_name: str = "supplier_code") -> Supplier:
    found = uow.masterdata.suppliers.by_code(code)
    if found is None:
        raise NotFound("supplier", code, field_name)
    return found


def check_unique(uow: InvoicingUnitOfWork, bill: VendorBill) -> None:
    """The supplier invoice number of a bill not cancelled: unique per supplier, kind and fiscal year."""
    if bill.claim is not None:
        bill.check_unique(list(uow.invoicing.bills.claiming(bill.supplier_id, bill.claim)))


def payable_of(uow: InvoicingUnitOfWork, bill: VendorBill) -> Payable:
    paid = sum((a.amount for payment in uow.invoicing.supplier_payments.paying(bill.id)
                for a in payment.allocations if a.bill_id == bill.id), Decimal(0))
    return payable(bill, uow.invoicing.bills.debit_notes_of(bill.id), paid)


# -- commands ---------------------------------------------------------------------------------------------------
@frozen(kw_only=True)
class DebitLine:
    """`quantity` of a bill line (its id or its position, #) to give back."""

    line: str
    quantity: Decimal = field(converter=to_quantity)


@frozen(kw_only=True)
class CreateDebitNote(Command[str]):
    """A draft debit note of a posted bill: the `lines` given, or everything not yet debited; the supplier's own
    credit-note number. Returns its id."""

    bill_id: DocumentRef
    supplier_invoice_number: str
    bill_date: date | None = None
    lines: tuple[DebitLine, ...] = ()


@frozen(kw_only=True)
class CancelVendorBill(Command[None]):
    """Cancel a draft bill or debit note: its supplier invoice number is free again."""

    bill_id: DocumentRef


@frozen(kw_only=True)
class ReleaseBillForPayment(Command[None]):
    """Accept a posted bill whose 3-way match is on hold or an exception, so it may be paid."""

    bill_id: DocumentRef


@frozen(kw_only=True)
class PaySupplier(Command[str]):
    """A payment to a supplier, posted at once with its number; with `bill_id` it pays that bill up to what it owes.
    Returns the payment's id."""

    supplier_code: str
    amount: Decimal = field(converter=to_amount)
    currency: str
    payment_date: date | None = None
    method: PaymentMethod = PaymentMethod.BANK_TRANSFER
    reference: str = ""
    bill_id: DocumentRef | None = None


@frozen(kw_only=True)
class PayBill(Command[str]):
    """Pay a posted bill: what it owes (or `amount`), to its supplier in its currency, posted at once with its
    number. Returns the payment's id."""

    bill_id: DocumentRef
    amount: Decimal | None = field(default=None, converter=to_optional_amount)
    payment_date: date | None = None
    method: PaymentMethod = PaymentMethod.BANK_TRANSFER
    reference: str = ""


@frozen(kw_only=True)
class AllocateSupplierPayment(Command[None]):
    """Put `amount` of a payment to a supplier (all it can when not given) against a posted bill of the supplier."""

    payment_id: DocumentRef
    bill_id: DocumentRef
    amount: Decimal | None = field(default=None, converter=to_optional_amount)


@frozen(kw_only=True)
class UnallocateSupplierPayment(Command[None]):
    """Take a payment to a supplier off a bill: the bill owes what it paid of it again, and the payment has it left
    to allocate to another bill."""

    payment_id: DocumentRef
    bill_id: DocumentRef


def _bill_line(bill: VendorBill, given: str, field_name: str) -> VendorBillLine:
    for line in bill.lines:
        if given in (line.id, str(line.position)):
            return line
    raise InvalidValue(field_name, f"{bill.number} has no line {given!r}")


def create_debit_note(cmd: CreateDebitNote, uow: InvoicingUnitOfWork, clock: Clock) -> str:
    bill = get_bill(uow, cmd.bill_id)
    if bill.kind is not BillKind.BILL or bill.status is not BillStatus.POSTED:
        raise refuse("DebitNotesDebitPostedBills", f"{bill.number or 'a draft'} is not a posted bill")
    debited = uow.invoicing.bills.debited([line.id for line in bill.lines])
    wanted = ([(_bill_line(bill, given.line, f"lines[{i}].line"), given.quantity, f"lines[{i}]")
               for i, given in enumerate(cmd.lines)] if cmd.lines else
              [(line, line.quantity - debited.get(line.id, Decimal(0)), "lines") for line in bill.lines])
    now = clock.now()
    note = VendorBill(id=new_id(), kind=BillKind.DEBIT_NOTE, supplier_id=bill.supplier_id, branch_id=bill.branch_id,
                      currency=bill.currency, supplier_invoice_number=cmd.supplier_invoice_number,
                      bill_date=cmd.bill_date or now.date(), prices_include_tax=bill.prices_include_tax,
                      tax_rounding=bill.tax_rounding, created_at=now, created_by=cmd.actor, debited_bill_id=bill.id)
    for line, amount, field_name in wanted:
        if amount <= 0 and not cmd.lines:
            continue
        left = line.quantity - debited.get(line.id, Decimal(0))
        if amount > left:
            raise refuse("CannotDebitMoreThanBilled", f"{line.sku}: {amount} asked, {left} left to give back "
                         f"[{field_name}.quantity]")
        note.charge(BillSource(purchase_order_id=line.purchase_order_id, po_line_id=line.po_line_id,
                               product_id=line.product_id, sku=line.sku, description=line.description, uom=line.uom,
                               po_unit_price=line.po_unit_price, tax_category=line.tax_category,
                               tax_rate=line.tax_rate, debited_line_id=line.id),
                    line_id=new_id(), quantity=amount, unit_price=line.unit_price, field_name=field_name)
    if not note.lines:
        raise refuse("NothingToDebit", f"everything on {bill.number} is given back already")
    check_unique(uow, note)
    uow.invoicing.bills.add(note)
    return note.id


def cancel_vendor_bill(cmd: CancelVendorBill, uow: InvoicingUnitOfWork, clock: Clock) -> None:
    get_bill(uow, cmd.bill_id).cancel(clock.now(), cmd.actor)


def release_bill_for_payment(cmd: ReleaseBillForPayment, uow: InvoicingUnitOfWork, clock: Clock) -> None:
    get_bill(uow, cmd.bill_id).release_for_payment(clock.now(), cmd.actor)


def get_supplier_payment(uow: InvoicingUnitOfWork, ref: DocumentRef) -> SupplierPayment:
    return find(uow.invoicing.supplier_payments, ref, "supplier payment")


def _allocate(uow: InvoicingUnitOfWork, payment: SupplierPayment, bill_ref: DocumentRef, amount: Decimal | None,
              clock: Clock, actor: str) -> None:
    bill = get_bill(uow, bill_ref)
    residual = payable_of(uow, bill).residual if bill.status is BillStatus.POSTED else Decimal(0)
    payment.allocate(bill, residual=residual, amount=amount, allocation_id=new_id(), at=clock.now(), actor=actor)


def pay_supplier(cmd: PaySupplier, uow: InvoicingUnitOfWork, clock: Clock) -> str:
    supplier = supplier_by_code(uow, cmd.supplier_code)
    now = clock.now()
    day = cmd.payment_date or now.date()
    if day > now.date():
        raise InvalidValue("payment_date", "a payment is recorded when it was made, not before")
    payment = SupplierPayment.make(
        id=new_id(), number=next_number(uow, DocumentType.SUPPLIER_PAYMENT, period=str(day.year)),
        supplier_id=supplier.id, currency=cmd.currency, amount=cmd.amount, payment_date=day, method=cmd.method,
        reference=cmd.reference, at=now, actor=cmd.actor)
    if cmd.bill_id is not None:
        _allocate(uow, payment, cmd.bill_id, None, clock, cmd.actor)
    uow.invoicing.supplier_payments.add(payment)
    return payment.id


def pay_bill(cmd: PayBill, uow: InvoicingUnitOfWork, clock: Clock) -> str:
    bill = get_bill(uow, cmd.bill_id)
    if bill.kind is not BillKind.BILL or bill.status is not BillStatus.POSTED:
        raise refuse("PaymentsPayPostedBills", f"{bill.number or 'a draft'} is not a posted bill")
    amount = payable_of(uow, bill).residual if cmd.amount is None else cmd.amount
    if amount <= 0:
        raise refuse("NothingToPay", f"{bill.number or 'the draft'} owes nothing")
    return pay_supplier(PaySupplier(supplier_code=uow.masterdata.suppliers.get(bill.supplier_id).code,
                                    amount=amount, currency=bill.currency, payment_date=cmd.payment_date,
                                    method=cmd.method, reference=cmd.reference, bill_id=bill.id, actor=cmd.actor),
                        uow, clock)


def allocate_supplier_payment(cmd: AllocateSupplierPayment, uow: InvoicingUnitOfWork, clock: Clock) -> None:
    _allocate(uow, get_supplier_payment(uow, cmd.payment_id), cmd.bill_id, cmd.amount, clock, cmd.actor)


def unallocate_supplier_payment(cmd: UnallocateSupplierPayment, uow: InvoicingUnitOfWork, clock: Clock) -> None:
    get_supplier_payment(uow, cmd.payment_id).unallocate(get_bill(uow, cmd.bill_id))


HANDLERS: Handlers = {CreateDebitNote: create_debit_note, CancelVendorBill: cancel_vendor_bill,
                      ReleaseBillForPayment: release_bill_for_payment, PaySupplier: pay_supplier, PayBill: pay_bill,
                      AllocateSupplierPayment: allocate_supplier_payment,
                      UnallocateSupplierPayment: unallocate_supplier_payment}


# -- reads ------------------------------------------------------------------------------------------------------
def _line_view(line: VendorBillLine, currency: str) -> BillLineView:
    return BillLineView(
        id=line.id, position=line.position, purchase_order_id=line.purchase_order_id, po_line_id=line.po_line_id,
        debited_line_id=line.debited_line_id, sku=line.sku, description=line.description,
        quantity=quantity(line.quantity, line.uom), unit_price=money(line.unit_price, currency),
        po_unit_price=money(line.po_unit_price, currency), tax_category=line.tax_category, tax_rate=line.tax_rate,
        match_status=line.match_status, match_reason=line.match_reason, **line_money(line, currency))


def bill_view(uow: InvoicingUnitOfWork, bill: VendorBill) -> BillView:
    currency, totals = bill.currency, bill.totals
    owed = payable_of(uow, bill) if bill.kind is BillKind.BILL and bill.status is BillStatus.POSTED else None
    return BillView(
        id=bill.id, kind=bill.kind, status=bill.status, number=bill.number,
        supplier_code=uow.masterdata.suppliers.get(bill.supplier_id).code,
        branch_code=uow.masterdata.branches.get(bill.branch_id).code, currency=currency,
        supplier_invoice_number=bill.supplier_invoice_number, bill_date=bill.bill_date, due_date=bill.due_date,
        created_at=bill.created_at, created_by=bill.created_by, posted_at=bill.posted_at, posted_by=bill.posted_by,
        debited_bill_id=bill.debited_bill_id, match_status=bill.match_status, released_by=bill.released_by,
        payable=bill.payable, lines=[_line_view(line, currency) for line in bill.lines],
        totals=InvoiceTotalsView(net_total=money(totals.net_total, currency),
                                 tax_total=money(totals.tax_total, currency),
                                 grand_total=money(totals.grand_total, currency)),
        taxes=[TaxView(category=t.category, rate=t.rate, base=money(t.base, currency), tax=money(t.tax, currency))
               for t in totals.taxes],
        version=bill.version, payment_status=None if owed is None else owed.status,
        residual=None if owed is None else money(owed.residual, currency))


def show_bill(uow: InvoicingUnitOfWork, ref: DocumentRef) -> BillView:
    """A vendor bill or debit note: its lines with their 3-way match, totals, taxes, and what a posted bill owes."""
    return bill_view(uow, get_bill(uow, ref))


def supplier_payment_view(uow: InvoicingUnitOfWork, payment: SupplierPayment) -> SupplierPaymentView:
    currency = payment.currency
    numbers = {a.bill_id: uow.invoicing.bills.get(a.bill_id).number or a.bill_id for a in payment.allocations}
    return SupplierPaymentView(
        id=payment.id, number=payment.number, supplier_code=uow.masterdata.suppliers.get(payment.supplier_id).code,
        amount=money(payment.amount, currency), payment_date=payment.payment_date, method=payment.method,
        reference=payment.reference, recorded_at=payment.recorded_at, recorded_by=payment.recorded_by,
        allocations=[SupplierAllocationView(bill_id=a.bill_id, bill_number=numbers[a.bill_id],
                                            amount=money(a.amount, currency), allocated_at=a.allocated_at,
                                            allocated_by=a.allocated_by) for a in payment.allocations],
        allocated=money(payment.allocated, currency), unallocated=money(payment.unallocated, currency),
        version=payment.version)


def show_supplier_payment(uow: InvoicingUnitOfWork, ref: DocumentRef) -> SupplierPaymentView:
    """A payment to a supplier: its amount, the bills it pays and what it has left."""
    return supplier_payment_view(uow, get_supplier_payment(uow, ref))
