"""Vendor bills and debit notes: what suppliers charge for purchase-order lines, matched three ways at posting.

Rules (peers.md P10-P12; docs/rules.md lists the tests):
- a bill charges purchase-order lines: each of its lines names one PO line, a quantity and the unit price the
  supplier charged (the PO's net unit cost by default); money comes from the one pricing function with the PO
  line's tax category and rate; a debit note gives back part of a posted bill of the same supplier, line by line;
- the supplier's invoice number is unique per supplier, kind and fiscal year (the year of the bill date) among the
  bills not cancelled (`DuplicateSupplierInvoiceNumber`): the check runs when a draft is made and again at posting,
  and a unique index holds it in the database; a second partial bill of the same PO with another number is fine
  (Odoo #59685 blocked it by checking the PO reference instead);
- draft (no number) -> posted (numbered from its yearly gapless series, immutable) -> partially paid -> paid;
  draft -> cancelled; the payment states are derived from the payments allocated (payables.py);
- the 3-way match of a line (`match_line`), computed at posting with the quantities counting the bill being posted:
  billed = received -> ok; nothing received and billed <= ordered -> hold; anything else -> exception; a unit price
  further than the price tolerance from the PO's -> exception. The bill's match is the worst of its lines';
- a bill whose match is not ok is posted (the books must show what we owe) but is not paid until a manager releases
  it for payment (`BillPaymentMustBeReleased`): Odoo's "release to pay", ERPNext's hold on payment.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from attrs import define, field, frozen

from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.items import check_unit_price, unit_of_measure
from oms.domain.shared.money import Currency
from oms.domain.shared.pricing import LINE_MONEY, PricingLine, PricingTerms, TaxBreakdown, price_document
from oms.domain.shared.tax import TaxCategory, TaxRounding

MAX_REFERENCE = 64


class BillKind(enum.StrEnum):
    BILL = "bill"
    DEBIT_NOTE = "debit_note"


class BillStatus(enum.StrEnum):
    DRAFT = "draft"
    POSTED = "posted"
    CANCELLED = "cancelled"


class MatchStatus(enum.StrEnum):
    PENDING = "pending"  # a draft's: matched at posting
    OK = "ok"
    HOLD = "hold"
    EXCEPTION = "exception"


_WORST = (MatchStatus.EXCEPTION, MatchStatus.HOLD, MatchStatus.PENDING, MatchStatus.OK)


@frozen(kw_only=True)
class Match:
    status: MatchStatus
    reason: str = ""


def _shown(value: Decimal) -> str:
    """A price as people write it: 150.00, 5.125 (at least two decimals, no trailing zeros beyond them)."""
    plain = value.normalize()
    return f"{plain if plain != plain.quantize(Decimal('0.01')) else value.quantize(Decimal('0.01')):f}"


def match_line(*, ordered: Decimal, received: Decimal, billed: Decimal, po_price: Decimal, bill_price: Decimal,
               price_tolerance: Decimal) -> Match:
    """The 3-way match of a bill line: `billed` counts every posted bill (less debit notes) of the PO line and this
    one; `price_tolerance` is a percentage of the PO's unit price."""
    if abs(bill_price - po_price) > po_price * price_tolerance / 100:
        return Match(status=MatchStatus.EXCEPTION, reason=f"unit price {_shown(bill_price)} is more than "
                     f"{price_tolerance.normalize():f}% from the order's {_shown(po_price)}")
    if billed == received:
        return Match(status=MatchStatus.OK)
    if received == 0 and billed <= ordered:
        return Match(status=MatchStatus.HOLD, reason=f"nothing received yet; {billed} of {ordered} billed")
    return Match(status=MatchStatus.EXCEPTION, reason=f"{billed} billed, {received} received, {ordered} ordered")


def worst(statuses: list[MatchStatus]) -> MatchStatus:
    for status in _WORST:
        if status in statuses:
            return status
    return MatchStatus.OK


@frozen(kw_only=True)
class BillSource:
    """A PO line as a bill charges it (or, for a debit note, a posted bill line it gives back part of)."""

    purchase_order_id: str
    po_line_id: str
    product_id: str
    sku: str
    description: str
    uom: str
    po_unit_price: Decimal  # the PO's net unit cost, tax excluded
    tax_category: TaxCategory
    tax_rate: Decimal
    debited_line_id: str | None = None


@define(slots=False, eq=False, kw_only=True)
class VendorBillLine:
    id: str
    position: int
    purchase_order_id: str
    po_line_id: str
    product_id: str
    sku: str
    description: str
    uom: str
    quantity: Decimal
    unit_price: Decimal
    po_unit_price: Decimal
    tax_category: TaxCategory
    tax_rate: Decimal
    debited_line_id: str | None = None
    match_status: MatchStatus = MatchStatus.PENDING
    match_reason: str = ""
    gross_amount: Decimal = Decimal(0)
    line_discount: Decimal = Decimal(0)
    order_discount: Decimal = Decimal(0)
    net: Decimal = Decimal(0)
    tax: Decimal = Decimal(0)
    total: Decimal = Decimal(0)

    def pricing(self) -> PricingLine:
        return PricingLine(quantity=self.quantity, unit_price=self.unit_price, tax_rate=self.tax_rate,
                           tax_category=self.tax_category)


@frozen(kw_only=True)
class VendorBillPosted(DomainEvent):
    """A vendor bill was posted: what the ledger posts Dr goods received not invoiced (and price difference, input
    tax) / Cr payable from."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "number": "The bill's number (BILL-).", "supplier_id": "The id of the supplier who billed.",
        "supplier_invoice_number": "The supplier's own invoice number.",
        "grand_total": "The bill's total with tax, in its currency.", "currency": "Its currency, ISO 4217.",
        "match_status": "The 3-way match of its lines at posting: ok, hold or exception."}

    number: str
    supplier_id: str
    supplier_invoice_number: str
    grand_total: Decimal
    currency: str
    match_status: MatchStatus


@frozen(kw_only=True)
class DebitNotePosted(DomainEvent):
    """A debit note against a posted bill was posted: the reverse of the bill's posting for what it takes back."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "number": "The debit note's number (DN-).", "supplier_id": "The id of the supplier.",
        "debited_bill_id": "The id of the bill it takes back from.",
        "grand_total": "Its total with tax, in its currency.", "currency": "Its currency, ISO 4217."}

    number: str
    supplier_id: str
    debited_bill_id: str
    grand_total: Decimal
    currency: str


@frozen(kw_only=True)
class VendorBillCancelled(DomainEvent):
    """A draft vendor bill was cancelled; its supplier invoice number is free again."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "supplier_id": "The id of the supplier.", "supplier_invoice_number": "The supplier's own invoice number.",
        "actor": "Who cancelled it."}

    supplier_id: str
    supplier_invoice_number: str
    actor: str


@frozen(kw_only=True)
class BillReleasedForPayment(DomainEvent):
    """A manager released a bill whose match was hold or exception: it may be paid."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "number": "The bill's number.", "match_status": "Its match when it was released: hold or exception.",
        "actor": "Who released it."}

    number: str
    match_status: MatchStatus
    actor: str


@frozen(kw_only=True)
class BillTotals:
    net_total: Decimal
    tax_total: Decimal
    grand_total: Decimal
    taxes: tuple[TaxBreakdown, ...]


def supplier_claim(kind: BillKind, fiscal_year: str, supplier_invoice_number: str) -> str:
    """What is unique per supplier among bills not cancelled: the kind, fiscal year and supplier invoice number
    (in any case: INV-7 and inv-7 are the same invoice)."""
    return f"{kind}:{fiscal_year}:{supplier_invoice_number.casefold()}"


def check_supplier_invoice_number(value: str, field_name: str = "supplier_invoice_number") -> str:
    number = value.strip()
    if not number or len(number) > MAX_REFERENCE:
        raise InvalidValue(field_name, f"the supplier's invoice number: 1 to {MAX_REFERENCE} characters")
    return number


@define(slots=False, eq=False, kw_only=True)
class VendorBill:
    """A vendor bill or debit note (`kind`); `debited_bill_id` names the bill a debit note gives back part of."""

    id: str
    kind: BillKind
    supplier_id: str
    branch_id: str
    currency: str
    supplier_invoice_number: str
    bill_date: date
    fiscal_year: str = ""
    prices_include_tax: bool = False
    tax_rounding: TaxRounding = TaxRounding.PER_LINE
    created_at: datetime
    created_by: str = ""
    status: BillStatus = BillStatus.DRAFT
    number: str | None = None
    due_date: date | None = None
    posted_at: datetime | None = None
    posted_by: str = ""
    debited_bill_id: str | None = None
    claim: str | None = None  # supplier_claim(...) while not cancelled: unique per supplier (a unique index)
    match_status: MatchStatus = MatchStatus.PENDING
    released_by: str = ""
    released_at: datetime | None = None
    lines: list[VendorBillLine] = field(factory=list)
    events: list[DomainEvent] = field(factory=list)
    version: int = 0

    def __attrs_post_init__(self) -> None:
        Currency.of(self.currency)
        self.supplier_invoice_number = check_supplier_invoice_number(self.supplier_invoice_number)
        self.fiscal_year = str(self.bill_date.year)
        self.claim = supplier_claim(self.kind, self.fiscal_year, self.supplier_invoice_number)
        if (self.kind is BillKind.DEBIT_NOTE) != (self.debited_bill_id is not None):
            raise InvalidValue("debited_bill_id", "a debit note gives back part of one bill; a bill of none")

    def _must_be_draft(self) -> None:
        if self.status is not BillStatus.DRAFT:
            raise refuse("PostedBillsAreImmutable", f"{self.number or self.supplier_invoice_number} is "
                         f"{self.status}; only a draft changes")

    def ensure_draft(self) -> None:
        self._must_be_draft()

    def check_unique(self, others: list[VendorBill]) -> None:
        """Refuse a supplier invoice number another bill of the supplier not cancelled has in the same year."""
        if any(other.id != self.id for other in others):
            raise refuse("DuplicateSupplierInvoiceNumber", f"the supplier's {self.kind.replace('_', ' ')} "
                         f"{self.supplier_invoice_number} of {self.fiscal_year} is recorded already "
                         "[supplier_invoice_number]")

    def charge(self, source: BillSource, *, line_id: str, quantity: Decimal, unit_price: Decimal | None = None,
               field_name: str = "lines") -> VendorBillLine:
        """Add a line charging `quantity` of the source at `unit_price` (the PO's net unit cost when not given)."""
        self._must_be_draft()
        if quantity <= 0:
            raise InvalidValue(f"{field_name}.quantity", "must be greater than zero")
        unit_of_measure(source.uom).check(quantity, f"{field_name}.quantity")
        key = source.debited_line_id or source.po_line_id
        if any((line.debited_line_id or line.po_line_id) == key for line in self.lines):
            raise refuse("OneLinePerSourceLine", f"{source.sku} is on this draft already [{field_name}]")
        price = source.po_unit_price if unit_price is None else check_unit_price(unit_price,
                                                                                   f"{field_name}.unit_price")
        line = VendorBillLine(id=line_id, position=len(self.lines) + 1, purchase_order_id=source.purchase_order_id,
                              po_line_id=source.po_line_id, product_id=source.product_id, sku=source.sku,
                              description=source.description, uom=source.uom, quantity=quantity, unit_price=price,
                              po_unit_price=source.po_unit_price, tax_category=source.tax_category,
                              tax_rate=source.tax_rate, debited_line_id=source.debited_line_id)
        self.lines.append(line)
        self.reprice()
        return line

    def reprice(self) -> None:
        terms = PricingTerms(currency=Currency.of(self.currency), prices_include_tax=self.prices_include_tax,
                             tax_rounding=self.tax_rounding)
        totals = price_document([line.pricing() for line in self.lines], terms)
        for line, money in zip(self.lines, totals.lines, strict=True):
            money.store_on(line)

    def purchase_order_ids(self) -> list[str]:
        return sorted({line.purchase_order_id for line in self.lines})

    def quantity_of(self, po_line_id: str) -> Decimal:
        """What this document charges of a PO line (a debit note's quantities given back, positive)."""
        return sum((line.quantity for line in self.lines if line.po_line_id == po_line_id), Decimal(0))

    def post(self, *, number: str, matches: dict[str, Match], due_date: date | None, at: datetime, actor: str,
             lock_date: date | None = None) -> None:
        """Post the draft with its number; `matches` by line id (a bill's; a debit note is not matched)."""
        self._must_be_draft()
        if not self.lines:
            raise refuse("BillMustHaveLines", "a bill without lines cannot be posted")
        if lock_date is not None and self.bill_date <= lock_date:
            raise refuse("PeriodIsLocked", f"the books are locked up to {lock_date}; date the bill later [bill_date]")
        for line in self.lines:
            found = matches.get(line.id, Match(status=MatchStatus.OK))
            line.match_status, line.match_reason = found.status, found.reason
        self.match_status = worst([line.match_status for line in self.lines])
        self.number, self.due_date, self.posted_at, self.posted_by = number, due_date, at, actor
        self.status = BillStatus.POSTED
        total = self.totals.grand_total
        if self.kind is BillKind.BILL:
            self.events.append(VendorBillPosted(
                aggregate_id=self.id, occurred_at=at, number=number, supplier_id=self.supplier_id,
                supplier_invoice_number=self.supplier_invoice_number, grand_total=total, currency=self.currency,
                match_status=self.match_status))
        else:
            assert self.debited_bill_id is not None
            self.events.append(DebitNotePosted(aggregate_id=self.id, occurred_at=at, number=number,
                                               supplier_id=self.supplier_id, debited_bill_id=self.debited_bill_id,
                                               grand_total=total, currency=self.currency))

    def cancel(self, at: datetime, actor: str) -> None:
        """Cancel a draft: its supplier invoice number is free again."""
        self._must_be_draft()
        self.status, self.claim = BillStatus.CANCELLED, None
        self.events.append(VendorBillCancelled(aggregate_id=self.id, occurred_at=at, supplier_id=self.supplier_id,
                                               supplier_invoice_number=self.supplier_invoice_number, actor=actor))

    @property
    def payable(self) -> bool:
        """Whether payments may go against it: posted, and matched or released by a manager."""
        return self.status is BillStatus.POSTED and (self.match_status is MatchStatus.OK or bool(self.released_by))

    def release_for_payment(self, at: datetime, actor: str) -> None:
        """A manager accepts a bill that is on hold or in exception: it may be paid."""
        if self.kind is not BillKind.BILL or self.status is not BillStatus.POSTED:
            raise refuse("OnlyPostedBillsAreReleased", f"{self.number or 'a draft'} is not a posted bill")
        if self.payable:
            raise refuse("BillIsPayableAlready", f"{self.number} is matched ({self.match_status}) or released")
        self.released_by, self.released_at = actor, at
        assert self.number is not None
        self.events.append(BillReleasedForPayment(aggregate_id=self.id, occurred_at=at, number=self.number,
                                                  match_status=self.match_status, actor=actor))

    def rematch(self, matches: dict[str, Match]) -> None:
        """Match a posted bill again (goods arrived since): a hold may become ok."""
        if self.kind is not BillKind.BILL or self.status is not BillStatus.POSTED:
            raise refuse("OnlyPostedBillsAreReleased", f"{self.number or 'a draft'} is not a posted bill")
        for line in self.lines:
            found = matches[line.id]
            line.match_status, line.match_reason = found.status, found.reason
        self.match_status = worst([line.match_status for line in self.lines])

    @property
    def totals(self) -> BillTotals:
        zero = Currency.of(self.currency).round(Decimal(0))
        by_rate: dict[tuple[TaxCategory, Decimal], list[Decimal]] = {}
        for line in self.lines:
            sums = by_rate.setdefault((line.tax_category, line.tax_rate), [zero, zero])
            sums[0] += line.net
            sums[1] += line.tax
        return BillTotals(
            net_total=sum((line.net for line in self.lines), zero),
            tax_total=sum((line.tax for line in self.lines), zero),
            grand_total=sum((line.total for line in self.lines), zero),
            taxes=tuple(TaxBreakdown(category=category, rate=rate, base=base, tax=tax)
                        for (category, rate), (base, tax) in sorted(by_rate.items(), key=lambda i: str(i[0]))))


LINE_AMOUNTS = LINE_MONEY
