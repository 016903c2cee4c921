"""The one function that prices a document: quotations, orders and invoices all go through `price_document`.

Rules (docs/rules.md lists the tests of each):
- line amount = quantity x unit price - line discount, rounded to the minor unit. It is net when prices are
  tax-exclusive and gross when they are tax-inclusive;
- an order discount given as an amount never takes the total below zero (it is capped at the lines' amount);
- the order discount is spread over the line amounts in proportion, shares rounded, remainder on the largest line;
- tax-exclusive: tax = net x rate. Tax-inclusive: net = gross / (1 + rate), tax = gross - net, so the customer pays
  exactly the price shown;
- per-line rounding rounds each line's tax; global rounding sums the unrounded taxes of each rate, rounds that sum
  once and spreads it back over that rate's lines exactly, so lines still add up to the totals;
- a tax-exempt customer pays no tax, and exactly the net a taxed customer's line shows: with tax-inclusive prices
  the price less the tax it includes, rounded as for a taxed customer (1.05 at 20% is net 0.87 for both).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from attrs import frozen

from oms.domain.shared.discounts import Discount, allocate_exactly
from oms.domain.shared.money import Currency
from oms.domain.shared.tax import TaxCategory, TaxRounding


@frozen(kw_only=True)
class PricingLine:
    quantity: Decimal
    unit_price: Decimal
    tax_rate: Decimal
    tax_category: TaxCategory = TaxCategory.STANDARD
    discount: Discount | None = None


@frozen(kw_only=True)
class PricingTerms:
    currency: Currency
    prices_include_tax: bool = False
    tax_rounding: TaxRounding = TaxRounding.PER_LINE
    tax_exempt: bool = False
    order_discount: Discount | None = None


@frozen(kw_only=True)
class LineTotals:
    """One line's money, every amount rounded to the minor unit; net + tax == total."""

    gross_amount: Decimal  # quantity x unit price, before any discount
    line_discount: Decimal
    order_discount: Decimal
    net: Decimal
    tax: Decimal
    total: Decimal

    @classmethod
    def of(cls, line: object) -> LineTotals:
        """The money a priced line (an order line, an invoice line) stores, read from its attributes."""
        return cls(**{name: getattr(line, name) for name in LINE_MONEY})

    def store_on(self, line: object) -> None:
        """Write this money onto a line that stores it (the attributes named in `LINE_MONEY`)."""
        for name in LINE_MONEY:
            setattr(line, name, getattr(self, name))


LINE_MONEY = ("gross_amount", "line_discount", "order_discount", "net", "tax", "total")
"""The amounts a priced line stores, as `LineTotals` names them."""


@frozen(kw_only=True)
class TaxBreakdown:
    category: TaxCategory
    rate: Decimal
    base: Decimal
    tax: Decimal


@frozen(kw_only=True)
class DocumentTotals:
    """The document's money; every total is the exact sum of the lines' amounts."""

    lines: tuple[LineTotals, ...]
    gross_amount: Decimal
    discount_total: Decimal
    net_total: Decimal
    tax_total: Decimal
    grand_total: Decimal
    taxes: tuple[TaxBreakdown, ...]


def price_document(lines: list[PricingLine], terms: PricingTerms) -> DocumentTotals:
    currency = terms.currency
    gross = [currency.round(line.quantity * line.unit_price) for line in lines]
    line_discounts = [
        line.discount.amount_off(amount, currency, f"lines[{i}].discount") if line.discount else Decimal(0)
        for i, (line, amount) in enumerate(zip(lines, gross, strict=True))
    ]
    amounts = [amount - off for amount, off in zip(gross, line_discounts, strict=True)]
    order_off = (
        terms.order_discount.amount_off(sum(amounts, Decimal(0)), currency, "order_discount", cap=True)
        if terms.order_discount
        else Decimal(0)
    )
    shares = allocate_exactly(order_off, amounts, currency)
    after_discount = [amount - share for amount, share in zip(amounts, shares, strict=True)]
    # One code path for every customer: the taxes a taxed customer's lines would carry, whose nets an exempt
    # customer pays (with tax-inclusive prices that is the price less the tax it includes), with no tax on top.
    taxes = _taxes(lines, after_discount, terms)
    zero = currency.round(Decimal(0))
    line_totals: list[LineTotals] = []
    for i, amount in enumerate(after_discount):
        net = amount - taxes[i] if terms.prices_include_tax else amount
        tax = zero if terms.tax_exempt else taxes[i]
        line_totals.append(
            LineTotals(
                gross_amount=gross[i],
                line_discount=line_discounts[i],
                order_discount=shares[i],
                net=net,
                tax=tax,
                total=net + tax,
            )
        )
    return _sum_up(line_totals, lines, currency)


def _taxes(lines: list[PricingLine], amounts: list[Decimal], terms: PricingTerms) -> list[Decimal]:
    """Each line's tax as a taxed customer would pay it, rounded per line or globally per rate."""
    currency = terms.currency
    unrounded = [
        amount - amount / (1 + line.tax_rate) if terms.prices_include_tax else amount * line.tax_rate
        for line, amount in zip(lines, amounts, strict=True)
    ]
    if terms.tax_rounding is TaxRounding.PER_LINE:
        return [currency.round(tax) for tax in unrounded]
    result = [Decimal(0)] * len(lines)
    groups: dict[Decimal, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        groups[line.tax_rate].append(i)
    for members in groups.values():
        group_tax = currency.round(sum((unrounded[i] for i in members), Decimal(0)))
        for i, share in zip(members, allocate_exactly(group_tax, [unrounded[i] for i in members], currency),
                            strict=True):
            result[i] = share
    return result


def _sum_up(line_totals: list[LineTotals], lines: list[PricingLine], currency: Currency) -> DocumentTotals:
    zero = currency.round(Decimal(0))
    gross = discounts = net = tax_total = grand = zero
    breakdown: dict[tuple[TaxCategory, Decimal], tuple[Decimal, Decimal]] = {}
    for totals, line in zip(line_totals, lines, strict=True):  # one pass, each sum in the lines' order
        gross += totals.gross_amount
        discounts += totals.line_discount + totals.order_discount
        net += totals.net
        tax_total += totals.tax
        grand += totals.total
        base, tax = breakdown.get((line.tax_category, line.tax_rate), (zero, zero))
        breakdown[(line.tax_category, line.tax_rate)] = (base + totals.net, tax + totals.tax)
    return DocumentTotals(
        lines=tuple(line_totals), gross_amount=gross, discount_total=discounts, net_total=net, tax_total=tax_total,
        grand_total=grand,
        taxes=tuple(
            TaxBreakdown(category=category, rate=rate, base=base, tax=tax)
            for (category, rate), (base, tax) in sorted(breakdown.items(), key=lambda item: str(item[0]))
        ),
    )
