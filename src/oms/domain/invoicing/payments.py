"""Incoming payments and their allocations to posted invoices (peers.md I10).

Rules (docs/rules.md lists the tests):
- a payment is posted when recorded, with a number of its yearly gapless series (PAY-2026-000001), and received in
  one currency from one customer; its amount is positive, to the currency's cent;
- an allocation puts part of a payment against one posted invoice of the same customer and currency: never more
  than the invoice's residual (`CannotAllocateMoreThanResidual`), never more than what the payment has left
  (`CannotAllocateMoreThanUnallocated`); what is not allocated is the customer's credit, usable later;
- what an invoice owes and what a payment has left are derived from the stored allocations, never kept as counters.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from attrs import define, field, frozen

from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoiceStatus
from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.money import Currency


class PaymentMethod(enum.StrEnum):
    BANK_TRANSFER = "bank_transfer"
    CASH = "cash"
    CARD = "card"


def allocation_amount(amount: Decimal | None, *, residual: Decimal, unallocated: Decimal, currency: str,
                      document: str, payment: str) -> Decimal:
    """What an allocation of `amount` (None: as much as both allow) puts against a document owing `residual` from a
    payment with `unallocated` left: positive, to the cent, never more than either (an incoming payment's and a
    payment to a supplier's alike)."""
    wanted = min(residual, unallocated) if amount is None else amount
    if wanted <= 0:
        detail = f"{document} owes nothing" if residual <= 0 else f"{payment} has nothing left"
        raise refuse("NothingToAllocate", detail) if amount is None else InvalidValue(
            "amount", "an allocation is a positive amount")
    if Currency.of(currency).round(wanted) != wanted:
        raise InvalidValue("amount", f"{currency} amounts are rounded to the cent")
    if wanted > residual:
        raise refuse("CannotAllocateMoreThanResidual", f"{document} owes {residual} {currency}, {wanted} asked "
                     "[amount]")
    if wanted > unallocated:
        raise refuse("CannotAllocateMoreThanUnallocated", f"{payment} has {unallocated} {currency} left, {wanted} "
                     "asked [amount]")
    return wanted


@define(slots=False, eq=False, kw_only=True)
class Allocation:
    """`amount` of the payment put against the posted invoice `invoice_id`."""

    id: str
    invoice_id: str
    amount: Decimal
    allocated_at: datetime
    allocated_by: str


@frozen(kw_only=True)
class PaymentReceived(DomainEvent):
    """A payment was recorded: what the ledger posts Dr bank / Cr receivable from."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "number": "The payment's number (PAY-2026-000001).",
        "customer_id": "The id of the customer who paid.",
        "amount": "The amount received, in `currency`.",
        "currency": "ISO 4217 code.",
        "payment_date": "The day it was received.",
        "method": "How it was paid.",
    }

    number: str
    customer_id: str
    amount: Decimal
    currency: str
    payment_date: date
    method: PaymentMethod


def check_payment_amount(currency: str, amount: Decimal) -> None:
    """A payment, in or out, is a positive amount in whole minor units of its currency."""
    money = Currency.of(currency)
    if amount <= 0:
        raise InvalidValue("amount", "a payment is a positive amount")
    if money.round(amount) != amount:
        raise InvalidValue("amount", f"{currency} amounts have {money.minor_units} decimals")


@define(slots=False, eq=False, kw_only=True)
class Payment:
    """Money received from a customer, recorded (and posted) once; its allocations say which invoices it pays."""

    id: str
    number: str
    customer_id: str
    currency: str
    amount: Decimal
    payment_date: date
    method: PaymentMethod
    reference: str
    recorded_at: datetime
    recorded_by: str
    allocations: list[Allocation] = field(factory=list)
    events: list[DomainEvent] = field(factory=list)
    version: int = 0

    @classmethod
    def record(cls, *, id: str, number: str, customer_id: str, currency: str, amount: Decimal, payment_date: date,
               method: PaymentMethod, reference: str, at: datetime, actor: str) -> Payment:
        check_payment_amount(currency, amount)
        payment = cls(id=id, number=number, customer_id=customer_id, currency=currency, amount=amount,
                      payment_date=payment_date, method=method, reference=reference, recorded_at=at,
                      recorded_by=actor)
        payment.events.append(PaymentReceived(aggregate_id=id, occurred_at=at, number=number, customer_id=customer_id,
                                              amount=amount, currency=currency, payment_date=payment_date,
                                              method=method))
        return payment

    @property
    def allocated(self) -> Decimal:
        return sum((allocation.amount for allocation in self.allocations), Currency.of(self.currency).round(Decimal(0)))

    @property
    def unallocated(self) -> Decimal:
        """What is left of the payment: the customer's credit."""
        return self.amount - self.allocated

    def allocated_to(self, invoice_id: str) -> Decimal:
        return sum((a.amount for a in self.allocations if a.invoice_id == invoice_id), Decimal(0))

    def allocate(self, invoice: Invoice, *, residual: Decimal, amount: Decimal | None, allocation_id: str,
                 at: datetime, actor: str) -> Allocation:
        """Put `amount` (None: as much as both allow) against the posted `invoice`, which owes `residual`."""
        if invoice.kind is not InvoiceKind.INVOICE or invoice.status is not InvoiceStatus.POSTED:
            raise refuse("PaymentsPayPostedInvoices", f"{invoice.number or 'a draft'} is not a posted invoice")
        if (invoice.customer_id, invoice.currency) != (self.customer_id, self.currency):
            raise refuse("PaymentAndInvoiceMustMatch", f"{invoice.number} is not of {self.number}'s customer "
                         f"and currency ({self.currency})")
        wanted = allocation_amount(amount, residual=residual, unallocated=self.unallocated, currency=self.currency,
                                   document=str(invoice.number), payment=self.number)
        allocation = Allocation(id=allocation_id, invoice_id=invoice.id, amount=wanted, allocated_at=at,
                                allocated_by=actor)
        self.allocations.append(allocation)
        return allocation

    def unallocate(self, invoice: Invoice) -> Decimal:
        """Take the payment off `invoice` (all of its allocations to it); what it freed is credit again."""
        freed = self.allocated_to(invoice.id)
        if not freed:
            raise refuse("NoSuchAllocation", f"{self.number} pays nothing of {invoice.number}")
        self.allocations = [a for a in self.allocations if a.invoice_id != invoice.id]
        return freed
