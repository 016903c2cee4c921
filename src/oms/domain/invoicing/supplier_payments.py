"""Outgoing payments to suppliers and their allocations to posted bills; what a bill still owes.

Rules (docs/rules.md lists the tests):
- a supplier payment is posted when made, with a number of its yearly gapless series (SPAY-2026-000001), in one
  currency to one supplier; its amount is positive, to the currency's cent;
- an allocation puts part of it against one posted bill of the same supplier and currency that may be paid (matched,
  or released by a manager: `BillPaymentMustBeReleased`), never more than the bill's residual or the payment's rest;
- a bill's residual = its total - its posted debit notes' totals - the payments allocated to it (never below zero);
  its payment status: not paid, partially paid, paid (derived, never counted up).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from attrs import define, field, frozen

from oms.domain.invoicing.payments import PaymentMethod, allocation_amount, check_payment_amount
from oms.domain.invoicing.vendor_bills import BillKind, BillStatus, VendorBill
from oms.domain.shared.errors import refuse
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.money import Currency

ZERO = Decimal(0)


class BillPaymentStatus(enum.StrEnum):
    NOT_PAID = "not_paid"
    PARTIALLY_PAID = "partially_paid"
    PAID = "paid"


@frozen(kw_only=True)
class Payable:
    """One posted bill's account: its total, what debit notes and payments took off, and what is left."""

    bill_id: str
    total: Decimal
    debited: Decimal
    paid: Decimal

    @property
    def residual(self) -> Decimal:
        return max(self.total - self.debited - self.paid, ZERO)

    @property
    def status(self) -> BillPaymentStatus:
        if self.residual == 0:
            return BillPaymentStatus.PAID
        return BillPaymentStatus.NOT_PAID if self.paid == 0 else BillPaymentStatus.PARTIALLY_PAID


def payable(bill: VendorBill, debit_notes: Iterable[VendorBill], paid: Decimal) -> Payable:
    """The bill's account from its posted debit notes and what payments allocated to it."""
    debited = sum((note.totals.grand_total for note in debit_notes
                   if note.status is BillStatus.POSTED and note.debited_bill_id == bill.id), ZERO)
    return Payable(bill_id=bill.id, total=bill.totals.grand_total, debited=debited, paid=paid)


@define(slots=False, eq=False, kw_only=True)
class SupplierAllocation:
    id: str
    bill_id: str
    amount: Decimal
    allocated_at: datetime
    allocated_by: str


@frozen(kw_only=True)
class SupplierPaymentMade(DomainEvent):
    """A payment went out: what the ledger posts Dr payable / Cr bank from."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "number": "The payment's number.", "supplier_id": "The id of the supplier paid.",
        "amount": "How much went out, in its currency.", "currency": "Its currency, ISO 4217.",
        "payment_date": "The day it was paid.", "method": "How it was paid (bank transfer, card, cash, ...)."}

    number: str
    supplier_id: str
    amount: Decimal
    currency: str
    payment_date: date
    method: PaymentMethod


@define(slots=False, eq=False, kw_only=True)
class SupplierPayment:
    id: str
    number: str
    supplier_id: str
    currency: str
    amount: Decimal
    payment_date: date
    method: PaymentMethod
    reference: str
    recorded_at: datetime
    recorded_by: str
    allocations: list[SupplierAllocation] = field(factory=list)
    events: list[DomainEvent] = field(factory=list)
    version: int = 0

    @classmethod
    def make(cls, *, id: str, number: str, supplier_id: str, currency: str, amount: Decimal, payment_date: date,
             method: PaymentMethod, reference: str, at: datetime, actor: str) -> SupplierPayment:
        check_payment_amount(currency, amount)
        payment = cls(id=id, number=number, supplier_id=supplier_id, currency=currency, amount=amount,
                      payment_date=payment_date, method=method, reference=reference, recorded_at=at,
                      recorded_by=actor)
        payment.events.append(SupplierPaymentMade(aggregate_id=id, occurred_at=at, number=number,
                                                  supplier_id=supplier_id, amount=amount, currency=currency,
                                                  payment_date=payment_date, method=method))
        return payment

    @property
    def allocated(self) -> Decimal:
        return sum((a.amount for a in self.allocations), Currency.of(self.currency).round(ZERO))

    @property
    def unallocated(self) -> Decimal:
        return self.amount - self.allocated

    def allocated_to(self, bill_id: str) -> Decimal:
        return sum((a.amount for a in self.allocations if a.bill_id == bill_id), Decimal(0))

    def unallocate(self, bill: VendorBill) -> Decimal:
        """Take the payment off `bill` (all of its allocations to it): the bill owes it again, and the payment has
        it left to allocate elsewhere."""
        freed = self.allocated_to(bill.id)
        if not freed:
            raise refuse("NoSuchAllocation", f"{self.number} pays nothing of {bill.number}")
        self.allocations = [a for a in self.allocations if a.bill_id != bill.id]
        return freed

    def allocate(self, bill: VendorBill, *, residual: Decimal, amount: Decimal | None, allocation_id: str,
                 at: datetime, actor: str) -> SupplierAllocation:
        """Put `amount` (None: as much as both allow) against the posted `bill`, which owes `residual`."""
        if bill.kind is not BillKind.BILL or bill.status is not BillStatus.POSTED:
            raise refuse("PaymentsPayPostedBills", f"{bill.number or 'a draft'} is not a posted bill")
        if (bill.supplier_id, bill.currency) != (self.supplier_id, self.currency):
            raise refuse("PaymentAndBillMustMatch", f"{bill.number} is not of {self.number}'s supplier and "
                         f"currency ({self.currency})")
        if not bill.payable:
            raise refuse("BillPaymentMustBeReleased", f"{bill.number}'s match is {bill.match_status}: a manager "
                         "releases it for payment first")
        wanted = allocation_amount(amount, residual=residual, unallocated=self.unallocated, currency=self.currency,
                                   document=str(bill.number), payment=self.number)
        allocation = SupplierAllocation(id=allocation_id, bill_id=bill.id, amount=wanted, allocated_at=at,
                                        allocated_by=actor)
        self.allocations.append(allocation)
        return allocation
