"""Journal entries: dated, numbered, balanced to the cent, immutable once posted; and the lock date of the books.

Rules (docs/rules.md, Accounting):
- every entry has at least two lines, each a debit or a credit (never both, never negative), in the entry's
  currency's minor unit, and its debits equal its credits to the cent (UnbalancedJournalEntry); the database refuses
  an unbalanced entry too;
- an entry is posted once, with the next number of its year's gapless series (JE-2026-000001), and never changes:
  a mistake is corrected by another entry;
- nothing is posted on or before the lock date (PeriodIsLocked): invoices, credit notes, payments, stock movements
  and entries alike; a manager or an administrator sets it, to a day before today (LockDateNotPast: a period that has
  not ended cannot be closed, or goods shipped today could not be booked; Odoo refuses the same).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from attrs import define, field, frozen

from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.money import Currency

DOCUMENT_TYPE = "journal entry"
SETTINGS_ID = "ledger"


class SourceKind:
    """What caused an entry: a document of another context, or a person (manual)."""

    MANUAL = "manual"
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"
    PAYMENT = "payment"
    STOCK = "stock"
    VENDOR_BILL = "vendor_bill"
    DEBIT_NOTE = "debit_note"
    SUPPLIER_PAYMENT = "supplier_payment"


@define(slots=False, eq=False, kw_only=True)
class JournalLine:
    id: str
    position: int
    account_code: str
    debit: Decimal
    credit: Decimal
    description: str = ""


@frozen(kw_only=True)
class JournalEntryPosted(DomainEvent):
    """A journal entry was posted to the books (by hand, or for an invoice, a payment or a stock movement)."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "number": "The entry's number (JE-2026-000001).",
        "entry_date": "The day it is booked on.",
        "source_kind": "What caused it: manual, invoice, credit_note, payment or stock.",
        "source_ref": "A reference to what caused it (the document's number, for one).",
        "total": "Its total: the sum of its debits (equal to its credits), in `currency`.",
        "currency": "ISO 4217 code.",
    }

    number: str
    entry_date: date
    source_kind: str
    source_ref: str
    total: Decimal
    currency: str


def check_lock(day: date, lock_date: date | None) -> None:
    """PeriodIsLocked unless `day` falls after the lock date."""
    if lock_date is not None and day <= lock_date:
        raise refuse("PeriodIsLocked", f"the books are locked up to {lock_date}; post on a later date")


def check_balanced(lines: Sequence[JournalLine], currency: Currency) -> Decimal:
    """The entry's total (its debits), or UnbalancedJournalEntry / InvalidValue naming the line at fault."""
    if len(lines) < 2:
        raise refuse("UnbalancedJournalEntry", "an entry needs at least two lines, a debit and a credit")
    for i, line in enumerate(lines):
        for side in ("debit", "credit"):
            amount: Decimal = getattr(line, side)
            if amount < 0 or currency.round(amount) != amount:
                raise InvalidValue(f"lines[{i}].{side}", f"{amount} is not an amount of {currency} of 0 or more")
        if (line.debit > 0) == (line.credit > 0):
            raise InvalidValue(f"lines[{i}]", "a line is a debit or a credit, not both nor neither")
    debits = sum((line.debit for line in lines), Decimal(0))
    credits = sum((line.credit for line in lines), Decimal(0))
    if debits != credits:
        raise refuse("UnbalancedJournalEntry", f"debits {debits} and credits {credits} differ by {debits - credits}")
    return debits


@define(slots=False, eq=False, kw_only=True)
class JournalEntry:
    """A posted entry; `debit_total`, `credit_total` and `line_count` are kept on the entry's row so that the
    database can refuse lines that do not add up to them."""

    id: str
    number: str
    entry_date: date
    currency: str
    source_kind: str
    source_ref: str
    description: str
    posted_at: datetime
    posted_by: str
    lines: list[JournalLine] = field(factory=list)
    debit_total: Decimal = Decimal(0)
    credit_total: Decimal = Decimal(0)
    line_count: int = 0
    events: list[DomainEvent] = field(factory=list)
    version: int = 0

    @classmethod
    def post(cls, *, id: str, number: str, entry_date: date, currency: str, source_kind: str, source_ref: str,
             description: str, lines: Sequence[JournalLine], at: datetime, actor: str,
             lock_date: date | None) -> JournalEntry:
        """Post an entry: balanced, dated after the lock date; it never changes afterwards."""
        check_lock(entry_date, lock_date)
        total = check_balanced(lines, Currency.of(currency))
        entry = cls(id=id, number=number, entry_date=entry_date, currency=currency, source_kind=source_kind,
                    source_ref=source_ref, description=description, posted_at=at, posted_by=actor,
                    lines=list(lines), debit_total=total, credit_total=total, line_count=len(lines))
        entry.events.append(JournalEntryPosted(aggregate_id=id, occurred_at=at, number=number, entry_date=entry_date,
                                               source_kind=source_kind, source_ref=source_ref, total=total,
                                               currency=currency))
        return entry

    def amount_of(self, account_code: str) -> Decimal:
        """Debits less credits on the account in this entry."""
        return sum((line.debit - line.credit for line in self.lines if line.account_code == account_code),
                   Decimal(0))


@define(slots=False, eq=False, kw_only=True)
class LedgerSettings:
    """The books' settings: the lock date (nothing is posted on or before it)."""

    id: str = SETTINGS_ID
    lock_date: date | None = None
    version: int = 0

    def lock(self, lock_date: date | None, today: date) -> None:
        """Lock the books up to `lock_date` (a day before `today`), or unlock them (None)."""
        check_lock_date(lock_date, today)
        self.lock_date = lock_date


def check_lock_date(lock_date: date | None, today: date) -> None:
    """LockDateNotPast unless the lock date is before today (or none)."""
    if lock_date is not None and lock_date >= today:
        raise refuse("LockDateNotPast", f"only a period that has ended can be locked: give a day before {today}")
