"""Pricing a document: line and order discounts, tax exclusive and inclusive, per-line and global rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest

from oms.domain.shared.discounts import Discount
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.money import Currency
from oms.domain.shared.pricing import PricingLine, PricingTerms, price_document
from oms.domain.shared.tax import TaxCategory, TaxRounding


def priced(quantity: str, unit_price: str, rate: str = "0.19", *, discount: Discount | None = None,
           category: TaxCategory = TaxCategory.STANDARD) -> PricingLine:
    return PricingLine(quantity=Decimal(quantity), unit_price=Decimal(unit_price), tax_rate=Decimal(rate),
                       tax_category=category, discount=discount)


def amounts(*values: str) -> list[Decimal]:
    return [Decimal(value) for value in values]


def test_a_100_percent_order_discount_totals_zero(eur: Currency) -> None:
    lines = [priced("2", "100.00"), priced("3", "20.00", "0.07", category=TaxCategory.REDUCED)]

    totals = price_document(lines, PricingTerms(currency=eur, order_discount=Discount.percent("100")))

    assert str(totals.grand_total) == "0.00"
    assert totals.net_total == totals.tax_total == Decimal("0.00")
    assert totals.discount_total == totals.gross_amount == Decimal("260.00")
    assert [line.total for line in totals.lines] == amounts("0.00", "0.00")


def test_a_100_percent_line_discount_makes_the_line_free_and_leaves_the_others_alone(eur: Currency) -> None:
    lines = [priced("1", "100.00", discount=Discount.percent("100")), priced("1", "10.00")]

    totals = price_document(lines, PricingTerms(currency=eur))

    assert [(line.net, line.tax, line.total) for line in totals.lines] == [
        (Decimal("0.00"), Decimal("0.00"), Decimal("0.00")), (Decimal("10.00"), Decimal("1.90"), Decimal("11.90"))]
    assert totals.grand_total == Decimal("11.90")


def test_the_order_discount_remainder_lands_on_the_largest_line_and_lines_sum_to_the_total(eur: Currency) -> None:
    # 10 % of 33.33 + 33.33 + 33.34 = 10.00. Shares: 3.333 -> 3.33, 3.333 -> 3.33, 3.334 -> 3.33 = 9.99;
    # the missing 0.01 goes to the largest line, the third: 3.34. Every net is then 30.00, its tax 5.70.
    lines = [priced("1", "33.33"), priced("1", "33.33"), priced("1", "33.34")]

    totals = price_document(lines, PricingTerms(currency=eur, order_discount=Discount.percent("10")))

    assert [line.order_discount for line in totals.lines] == amounts("3.33", "3.33", "3.34")
    assert [line.net for line in totals.lines] == amounts("30.00", "30.00", "30.00")
    assert totals.discount_total == Decimal("10.00")
    assert totals.net_total == Decimal("90.00")
    assert totals.tax_total == Decimal("17.10")
    assert totals.grand_total == sum((line.total for line in totals.lines), Decimal(0)) == Decimal("107.10")


def test_the_line_discount_comes_before_the_order_discount_and_tax_is_on_the_net(eur: Currency) -> None:
    # 4 x 25.00 = 100.00; 10 % line discount -> 90.00; 5 % order discount 4.50 -> net 85.50;
    # tax 85.50 x 19 % = 16.245 -> 16.25; total 101.75.
    lines = [priced("4", "25.00", discount=Discount.percent("10"))]

    totals = price_document(lines, PricingTerms(currency=eur, order_discount=Discount.percent("5")))

    line = totals.lines[0]
    assert (line.gross_amount, line.line_discount, line.order_discount) == tuple(amounts("100.00", "10.00", "4.50"))
    assert (line.net, line.tax, line.total) == tuple(amounts("85.50", "16.25", "101.75"))


def test_an_order_discount_amount_larger_than_the_lines_is_capped_at_their_amount(eur: Currency) -> None:
    lines = [priced("1", "10.00")]

    totals = price_document(lines, PricingTerms(currency=eur, order_discount=Discount.amount("10.01")))

    assert totals.discount_total == Decimal("10.00")
    assert str(totals.grand_total) == "0.00"


def test_a_line_discount_amount_larger_than_the_line_is_refused(eur: Currency) -> None:
    lines = [priced("1", "10.00"), priced("2", "5.00", discount=Discount.amount("10.01"))]

    with pytest.raises(InvalidValue) as error:
        price_document(lines, PricingTerms(currency=eur))

    assert error.value.field == "lines[1].discount"


def test_per_line_and_global_tax_rounding_give_their_documented_results_where_they_differ(eur: Currency) -> None:
    # Three lines of 2.50 at 19 % owe 0.475 each.
    # Per line: each rounds half up to 0.48, so the tax is 3 x 0.48 = 1.44 and the total 7.50 + 1.44 = 8.94.
    # Global: 0.475 x 3 = 1.425 rounds once to 1.43 (total 8.93); spread back, 1.43 / 3 = 0.4767 -> 0.48 each is
    # 0.01 too much, taken from the first of the equal lines: 0.47, 0.48, 0.48.
    lines = [priced("1", "2.50"), priced("1", "2.50"), priced("1", "2.50")]

    per_line = price_document(lines, PricingTerms(currency=eur, tax_rounding=TaxRounding.PER_LINE))
    global_ = price_document(lines, PricingTerms(currency=eur, tax_rounding=TaxRounding.GLOBAL))

    assert [line.tax for line in per_line.lines] == amounts("0.48", "0.48", "0.48")
    assert (per_line.tax_total, per_line.grand_total) == (Decimal("1.44"), Decimal("8.94"))
    assert [line.tax for line in global_.lines] == amounts("0.47", "0.48", "0.48")
    assert (global_.tax_total, global_.grand_total) == (Decimal("1.43"), Decimal("8.93"))
    assert global_.grand_total == sum((line.total for line in global_.lines), Decimal(0))


def test_global_rounding_rounds_each_tax_rate_on_its_own(eur: Currency) -> None:
    # 19 %: 2 x 0.475 = 0.95. 7 %: 0.35 x 7 % = 0.0245 twice = 0.049 -> 0.05 (per line: 0.02 + 0.02 = 0.04).
    lines = [priced("1", "2.50"), priced("1", "0.35", "0.07"), priced("1", "2.50"), priced("1", "0.35", "0.07")]

    totals = price_document(lines, PricingTerms(currency=eur, tax_rounding=TaxRounding.GLOBAL))

    assert {(tax.rate, tax.base, tax.tax) for tax in totals.taxes} == {
        (Decimal("0.19"), Decimal("5.00"), Decimal("0.95")), (Decimal("0.07"), Decimal("0.70"), Decimal("0.05"))}
    assert totals.tax_total == Decimal("1.00")


@pytest.mark.parametrize(
    ("price", "net", "tax"),
    [
        ("119.00", "100.00", "19.00"),
        # 10.00 / 1.19 = 8.4033..; the tax it includes is 1.5966.. -> 1.60, so the net is 10.00 - 1.60 = 8.40.
        ("10.00", "8.40", "1.60"),
        # 0.01 / 1.19 = 0.0084..: the tax 0.0016 rounds to 0.00, the whole cent is net.
        ("0.01", "0.01", "0.00"),
    ],
)
def test_a_tax_inclusive_price_is_split_into_net_and_tax_and_the_customer_pays_the_price_shown(
        eur: Currency, price: str, net: str, tax: str) -> None:
    totals = price_document([priced("1", price)], PricingTerms(currency=eur, prices_include_tax=True))

    line = totals.lines[0]
    assert (line.net, line.tax, line.total) == (Decimal(net), Decimal(tax), Decimal(price))
    assert totals.grand_total == Decimal(price)


def test_tax_inclusive_prices_with_global_rounding_still_total_the_prices_shown(eur: Currency) -> None:
    # Three lines of 10.00 including 19 %: each includes 1.5966.. of tax; per line 3 x 1.60 = 4.80.
    # Globally 3 x 1.5966.. = 4.7899.. -> 4.79, spread 1.59 + 1.60 + 1.60; the nets are 8.41, 8.40, 8.40.
    lines = [priced("1", "10.00"), priced("1", "10.00"), priced("1", "10.00")]

    per_line = price_document(lines, PricingTerms(currency=eur, prices_include_tax=True))
    global_ = price_document(lines, PricingTerms(currency=eur, prices_include_tax=True,
                                                 tax_rounding=TaxRounding.GLOBAL))

    assert (per_line.net_total, per_line.tax_total, per_line.grand_total) == tuple(amounts("25.20", "4.80", "30.00"))
    assert [line.tax for line in global_.lines] == amounts("1.59", "1.60", "1.60")
    assert (global_.net_total, global_.tax_total, global_.grand_total) == tuple(amounts("25.21", "4.79", "30.00"))


def test_a_tax_exempt_customer_pays_no_tax(eur: Currency) -> None:
    lines = [priced("2", "100.00"), priced("1", "20.00", "0.07")]

    totals = price_document(lines, PricingTerms(currency=eur, tax_exempt=True))

    assert (totals.net_total, totals.tax_total, totals.grand_total) == tuple(amounts("220.00", "0.00", "220.00"))


def test_a_tax_exempt_customer_pays_the_net_of_a_tax_inclusive_price(eur: Currency) -> None:
    totals = price_document([priced("1", "119.00")], PricingTerms(currency=eur, prices_include_tax=True,
                                                                  tax_exempt=True))

    assert (totals.net_total, totals.tax_total, totals.grand_total) == tuple(amounts("100.00", "0.00", "100.00"))


@pytest.mark.parametrize(("price", "net", "tax"), [("1.05", "0.87", "0.18"), ("0.03", "0.02", "0.01")])
@pytest.mark.parametrize("rounding", list(TaxRounding))
def test_an_exempt_customer_pays_at_a_rounding_tie_exactly_the_net_a_taxed_customer_sees(
        eur: Currency, price: str, net: str, tax: str, rounding: TaxRounding) -> None:
    # 1.05 / 1.2 = 0.875 and 0.03 / 1.2 = 0.025: rounding the net on its own would give the exempt customer 0.88
    # and 0.03, a cent more than the net of the taxed customer's line.
    line = [priced("1", price, "0.20")]

    taxed = price_document(line, PricingTerms(currency=eur, prices_include_tax=True, tax_rounding=rounding))
    exempt = price_document(line, PricingTerms(currency=eur, prices_include_tax=True, tax_rounding=rounding,
                                               tax_exempt=True))

    assert (taxed.net_total, taxed.tax_total) == tuple(amounts(net, tax))
    assert (exempt.net_total, exempt.tax_total, exempt.grand_total) == tuple(amounts(net, "0.00", net))


def test_a_unit_price_with_more_decimals_than_the_currency_is_rounded_only_on_the_line(eur: Currency) -> None:
    # 3 x 0.333333 = 0.999999 -> 1.00; tax 0.19.
    totals = price_document([priced("3", "0.333333")], PricingTerms(currency=eur))

    assert (totals.gross_amount, totals.tax_total, totals.grand_total) == tuple(amounts("1.00", "0.19", "1.19"))


def test_a_currency_without_minor_unit_prices_in_whole_units() -> None:
    # 3 x 333 JPY = 999; 10 % tax = 99.9 -> 100.
    totals = price_document([priced("3", "333", "0.10")], PricingTerms(currency=Currency.of("JPY")))

    assert (str(totals.net_total), str(totals.tax_total), str(totals.grand_total)) == ("999", "100", "1099")


def test_the_tax_breakdown_has_one_entry_per_category_and_rate(eur: Currency) -> None:
    lines = [priced("1", "100.00"), priced("1", "20.00", "0.07", category=TaxCategory.REDUCED),
             priced("1", "5.00", "0", category=TaxCategory.ZERO), priced("2", "50.00")]

    totals = price_document(lines, PricingTerms(currency=eur))

    assert {(tax.category, tax.base, tax.tax) for tax in totals.taxes} == {
        (TaxCategory.STANDARD, Decimal("200.00"), Decimal("38.00")),
        (TaxCategory.REDUCED, Decimal("20.00"), Decimal("1.40")),
        (TaxCategory.ZERO, Decimal("5.00"), Decimal("0.00")),
    }
    assert sum((tax.tax for tax in totals.taxes), Decimal(0)) == totals.tax_total
