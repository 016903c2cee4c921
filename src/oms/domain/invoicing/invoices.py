"""Invoices and credit notes: drafts that bill shares of priced lines, posted once with a number, then immutable.

Rules (peers.md section 5; docs/rules.md lists the tests):
- a draft has no number and may be changed or deleted; posting gives it its number (the application takes it from
  the series' counter in the posting transaction, so a failed posting leaves no gap) and the posting date, which
  must fall after the lock date; a posted document never changes again and is corrected by a credit note only;
- a line bills a share of a source line (an order line for an invoice, an invoice line for a credit note) through
  `proration.share_of`, so the parts billed in any steps add up to the source exactly; it keeps the source's unit
  price, tax category and rate, so a credit note can never credit at a higher price than was billed;
- one document bills one customer in one currency; a credit note credits one posted invoice;
- the totals are the sums of the lines, and the taxes the sums per category and rate.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from attrs import define, field, frozen

from oms.domain.invoicing.proration import Share, share_of
from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.money import Currency
from oms.domain.shared.pricing import LINE_MONEY, LineTotals, TaxBreakdown
from oms.domain.shared.tax import TaxCategory, TaxRounding

DOCUMENT_TYPE = "invoice"


class InvoiceKind(enum.StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class InvoiceStatus(enum.StrEnum):
    DRAFT = "draft"
    POSTED = "posted"


@frozen(kw_only=True)
class Billable:
    """A line that can be billed: an order line (for an invoice) or a posted invoice line (for a credit note),
    with its quantity (`whole`) and its money as it was priced (`totals`)."""

    document_id: str
    line_id: str
    sku: str
    description: str
    uom: str
    unit_price: Decimal
    tax_category: TaxCategory
    tax_rate: Decimal
    whole: Decimal
    totals: LineTotals


@define(slots=False, eq=False, kw_only=True)
class InvoiceLine:
    """A billed share of a source line: `quantity` units of it, with that share's money."""

    id: str
    position: int
    source_document_id: str
    source_line_id: str
    sku: str
    description: str
    uom: str
    quantity: Decimal
    unit_price: Decimal
    tax_category: TaxCategory
    tax_rate: Decimal
    gross_amount: Decimal
    line_discount: Decimal
    order_discount: Decimal
    net: Decimal
    tax: Decimal
    total: Decimal


@frozen(kw_only=True)
class InvoicePosted(DomainEvent):
    """An invoice or a credit note was posted: it has its number now and never changes again."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "kind": "invoice or credit_note.",
        "number": "The number it was given (INV-2026-000001).",
        "customer_id": "The id of the customer billed (or credited).",
        "grand_total": "Its grand total, tax included, in `currency`.",
        "currency": "ISO 4217 code.",
    }

    kind: InvoiceKind
    number: str
    customer_id: str
    grand_total: Decimal
    currency: str


@frozen(kw_only=True)
class InvoiceTotals:
    net_total: Decimal
    tax_total: Decimal
    grand_total: Decimal
    taxes: tuple[TaxBreakdown, ...]


@define(slots=False, eq=False, kw_only=True)
class Invoice:
    """An invoice or a credit note (`kind`); `credited_invoice_id` names the invoice a credit note credits."""

    id: str
    kind: InvoiceKind
    customer_id: str
    branch_id: str
    currency: str
    prices_include_tax: bool
    tax_rounding: TaxRounding
    created_at: datetime
    status: InvoiceStatus = InvoiceStatus.DRAFT
    number: str | None = None
    invoice_date: date | None = None
    posted_at: datetime | None = None
    posted_by: str = ""
    credited_invoice_id: str | None = None
    due_date: date | None = None  # an invoice's, from the customer's payment terms at posting; a credit note has none
    lines: list[InvoiceLine] = field(factory=list)
    events: list[DomainEvent] = field(factory=list)
    version: int = 0

    def __attrs_post_init__(self) -> None:
        Currency.of(self.currency)
        if (self.kind is InvoiceKind.CREDIT_NOTE) != (self.credited_invoice_id is not None):
            raise InvalidValue("credited_invoice_id", "a credit note credits one invoice; an invoice credits none")

    @property
    def is_draft(self) -> bool:
        return self.status is InvoiceStatus.DRAFT

    def _must_be_draft(self) -> None:
        if not self.is_draft:
            raise refuse("PostedInvoicesAreImmutable",
                         f"{self.number} is posted; correct it with a credit note")

    def bill(self, source: Billable, *, line_id: str, quantity: Decimal, billed_before: Decimal,
             field_name: str = "quantity") -> InvoiceLine:
        """Add a line billing `quantity` more of `source`, after `billed_before` units of it were billed."""
        self._must_be_draft()
        if any(line.source_line_id == source.line_id for line in self.lines):
            raise refuse("OneLinePerSourceLine", f"{source.sku} is on this draft already: change its quantity")
        try:
            share = Share(whole=source.whole, before=billed_before, quantity=quantity)
        except InvalidValue as error:
            raise InvalidValue(field_name, error.detail) from None
        money = share_of(source.totals, share, Currency.of(self.currency),
                         prices_include_tax=self.prices_include_tax)
        line = InvoiceLine(id=line_id, position=len(self.lines) + 1, source_document_id=source.document_id,
                           source_line_id=source.line_id, sku=source.sku, description=source.description,
                           uom=source.uom, quantity=quantity, unit_price=source.unit_price,
                           tax_category=source.tax_category, tax_rate=source.tax_rate,
                           **{name: getattr(money, name) for name in LINE_MONEY})
        self.lines.append(line)
        return line

    def rebill(self, sources: dict[str, tuple[Billable, Decimal]]) -> None:
        """Bill each line's share again from its source and what posted documents billed before it (`sources` by
        source line id): a draft's amounts are provisional until posting, when other documents may have been
        posted since it was made, so the parts posted add up to the source exactly in the order they were posted."""
        self._must_be_draft()
        currency = Currency.of(self.currency)
        for line in self.lines:
            source, before = sources[line.source_line_id]
            money = share_of(source.totals, Share(whole=source.whole, before=before, quantity=line.quantity),
                             currency, prices_include_tax=self.prices_include_tax)
            money.store_on(line)

    def post(self, *, number: str, invoice_date: date, at: datetime, actor: str,
             lock_date: date | None = None) -> None:
        """Post the draft: its number and date, after which it never changes."""
        self._must_be_draft()
        if not self.lines:
            raise refuse("InvoiceMustHaveLines", "a document without lines cannot be posted")
        if lock_date is not None and invoice_date <= lock_date:
            raise refuse("PeriodIsLocked", f"the books are locked up to {lock_date}; post on a later date")
        self.number, self.invoice_date, self.posted_at, self.posted_by = number, invoice_date, at, actor
        self.status = InvoiceStatus.POSTED
        totals = self.totals
        self.events.append(InvoicePosted(aggregate_id=self.id, occurred_at=at, kind=self.kind, number=number,
                                         customer_id=self.customer_id, grand_total=totals.grand_total,
                                         currency=self.currency))

    def ensure_deletable(self) -> None:
        """Only a draft may be deleted: a posted document is never deleted (its number would leave a gap)."""
        self._must_be_draft()

    def ensure_draft(self) -> None:
        """Refuse anything but a draft (PostedInvoicesAreImmutable): what a use case checks before it posts."""
        self._must_be_draft()

    def billed_of(self, source_line_id: str) -> Decimal:
        return sum((line.quantity for line in self.lines if line.source_line_id == source_line_id), Decimal(0))

    @property
    def totals(self) -> InvoiceTotals:
        zero = Currency.of(self.currency).round(Decimal(0))
        net = tax_total = grand = zero
        by_rate: dict[tuple[TaxCategory, Decimal], list[Decimal]] = defaultdict(lambda: [zero, zero])
        for line in self.lines:  # one pass, each sum in the lines' order
            net += line.net
            tax_total += line.tax
            grand += line.total
            sums = by_rate[(line.tax_category, line.tax_rate)]
            sums[0] += line.net
            sums[1] += line.tax
        return InvoiceTotals(
            net_total=net, tax_total=tax_total, grand_total=grand,
            taxes=tuple(TaxBreakdown(category=category, rate=rate, base=base, tax=tax)
                        for (category, rate), (base, tax) in sorted(by_rate.items(), key=lambda item: str(item[0]))))
