"""The entries of other contexts' documents, from plain values: what a process's in-transaction policy calls, in
the transaction of the command that records the payment or moves the stock, so a policy is one line.

    def post_payment_entry(uow: UnitOfWork, event: DomainEvent) -> None:      # in application/processes
        record_payment(uow, amount=event.amount, unallocated=event.unallocated, currency=event.currency,
                       day=event.occurred_at.date(), reference=event.number, at=event.occurred_at, actor="system")
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from oms.application.accounting.books import record_entry
from oms.domain.accounting.journal import JournalEntry, SourceKind
from oms.domain.accounting.postings import StockPosting, payment_legs, stock_legs
from oms.ports.accounting.repositories import AccountingUnitOfWork


def record_payment(uow: AccountingUnitOfWork, *, amount: Decimal, currency: str, day: date, reference: str,
                   at: datetime, actor: str, unallocated: Decimal = Decimal(0)) -> JournalEntry | None:
    """A payment received: Dr bank `amount` / Cr receivable what was allocated / Cr customer credit the rest."""
    return record_entry(uow, payment_legs(amount, unallocated), entry_date=day, currency=currency,
                        source=(SourceKind.PAYMENT, reference), description=f"Payment {reference}", at=at,
                        actor=actor)


def record_stock_movement(uow: AccountingUnitOfWork, *, kind: StockPosting, value: Decimal, currency: str,
                          day: date, reference: str, at: datetime, actor: str,
                          warehouse: str = "") -> JournalEntry | None:
    """A stock movement with its value (at cost, in the minor unit): goods issue Dr COGS / Cr inventory, receipt
    Dr inventory / Cr GRNI, adjustment (value signed, a gain positive) inventory against stock adjustments, customer
    return Dr inventory / Cr COGS; `warehouse` (its code) may pick the inventory account. A zero value posts
    nothing."""
    return record_entry(uow, stock_legs(kind, value, warehouse), entry_date=day, currency=currency,
                        source=(SourceKind.STOCK, reference), description=f"Stock {kind} {reference}", at=at,
                        actor=actor)
