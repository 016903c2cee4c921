"""Payments: recorded (and posted) with a yearly gapless number, allocated to posted invoices, unallocated.

A payment recorded against an invoice pays up to what the invoice owes; the rest stays unallocated, the customer's
credit, which a later allocation may put against another invoice.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from attrs import field, frozen

from oms.application.invoicing.queries import get_invoice
from oms.application.invoicing.receivables import receivable_of
from oms.application.invoicing.views import AllocationView, PaymentList, PaymentView
from oms.application.masterdata.codes import Codes
from oms.application.masterdata.lookups import customer_by_code
from oms.application.shared.commands import Command, Handlers
from oms.application.shared.documents import find, next_number
from oms.application.shared.views import money
from oms.domain.invoicing.payments import Payment, PaymentMethod
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.ids import DocumentType, new_id
from oms.domain.shared.money import to_decimal
from oms.ports.invoicing.repositories import InvoicingUnitOfWork
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef

KIND = "payment"


def to_amount(value: object) -> Decimal:
    return to_decimal(value, "amount")


def to_optional_amount(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "amount")


@frozen(kw_only=True)
class RecordPayment(Command[str]):
    """A payment received from a customer, posted at once with its number; with `invoice_id` it pays that invoice
    up to what it owes, the rest staying the customer's credit. Returns the payment's id."""

    customer_code: str
    amount: Decimal = field(converter=to_amount)
    currency: str
    payment_date: date | None = None
    method: PaymentMethod = PaymentMethod.BANK_TRANSFER
    reference: str = ""
    invoice_id: DocumentRef | None = None


@frozen(kw_only=True)
class AllocatePayment(Command[None]):
    """Put `amount` of a payment (all it can: the least of what the invoice owes and what the payment has left,
    when not given) against a posted invoice of the same customer and currency."""

    payment_id: DocumentRef
    invoice_id: DocumentRef
    amount: Decimal | None = field(default=None, converter=to_optional_amount)


@frozen(kw_only=True)
class UnallocatePayment(Command[None]):
    """Take a payment off an invoice: what it paid of it becomes the customer's credit again."""

    payment_id: DocumentRef
    invoice_id: DocumentRef


def get_payment(uow: InvoicingUnitOfWork, ref: DocumentRef) -> Payment:
    return find(uow.invoicing.payments, ref, KIND)


def _allocate(uow: InvoicingUnitOfWork, payment: Payment, invoice_ref: DocumentRef, amount: Decimal | None,
              clock: Clock, actor: str) -> None:
    invoice = get_invoice(uow, invoice_ref)
    residual = receivable_of(uow, invoice).residual
    payment.allocate(invoice, residual=residual, amount=amount, allocation_id=new_id(), at=clock.now(), actor=actor)


def record_payment(cmd: RecordPayment, uow: InvoicingUnitOfWork, clock: Clock) -> str:
    customer = customer_by_code(uow, cmd.customer_code, "customer_code")
    now = clock.now()
    day = cmd.payment_date or now.date()
    if day > now.date():
        raise InvalidValue("payment_date", "a payment is recorded when it was received, not before")
    payment = Payment.record(id=new_id(), number=next_number(uow, DocumentType.PAYMENT, period=str(day.year)),
                             customer_id=customer.id, currency=cmd.currency, amount=cmd.amount, payment_date=day,
                             method=cmd.method, reference=cmd.reference, at=now, actor=cmd.actor)
    if cmd.invoice_id is not None:
        _allocate(uow, payment, cmd.invoice_id, None, clock, cmd.actor)
    uow.invoicing.payments.add(payment)
    return payment.id


def allocate_payment(cmd: AllocatePayment, uow: InvoicingUnitOfWork, clock: Clock) -> None:
    _allocate(uow, get_payment(uow, cmd.payment_id), cmd.invoice_id, cmd.amount, clock, cmd.actor)


def unallocate_payment(cmd: UnallocatePayment, uow: InvoicingUnitOfWork, clock: Clock) -> None:
    get_payment(uow, cmd.payment_id).unallocate(get_invoice(uow, cmd.invoice_id))


HANDLERS: Handlers = {RecordPayment: record_payment, AllocatePayment: allocate_payment,
                      UnallocatePayment: unallocate_payment}


def _numbers(uow: InvoicingUnitOfWork, payment: Payment) -> dict[str, str]:
    return {a.invoice_id: uow.invoicing.invoices.get(a.invoice_id).number or a.invoice_id
            for a in payment.allocations}


def payment_view(uow: InvoicingUnitOfWork, payment: Payment) -> PaymentView:
    currency, numbers = payment.currency, _numbers(uow, payment)
    return PaymentView(
        id=payment.id, number=payment.number, customer_code=Codes(uow).customer(payment.customer_id),
        amount=money(payment.amount, currency), payment_date=payment.payment_date, method=payment.method,
        reference=payment.reference, recorded_at=payment.recorded_at, recorded_by=payment.recorded_by,
        allocations=[AllocationView(invoice_id=a.invoice_id, invoice_number=numbers[a.invoice_id],
                                    amount=money(a.amount, currency), allocated_at=a.allocated_at,
                                    allocated_by=a.allocated_by) for a in payment.allocations],
        allocated=money(payment.allocated, currency), unallocated=money(payment.unallocated, currency),
        version=payment.version)


def show_payment(uow: InvoicingUnitOfWork, ref: DocumentRef) -> PaymentView:
    """A payment: its amount, what it pays (its allocations) and what it has left (the customer's credit)."""
    return payment_view(uow, get_payment(uow, ref))


def payment_list(uow: InvoicingUnitOfWork, customer_code: str | None = None) -> PaymentList:
    """Payments, oldest first; a customer's only when `customer_code` is given."""
    found = (uow.invoicing.payments.list() if customer_code is None else
             uow.invoicing.payments.of_customer(customer_by_code(uow, customer_code).id))
    return PaymentList(items=[payment_view(uow, payment) for payment in found])
