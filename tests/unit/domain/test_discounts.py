"""Discounts, and the exact spreading of an amount over weights (order discounts, globally rounded taxes)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oms.domain.shared.discounts import Discount, DiscountKind, allocate_exactly
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.money import Currency, decimals_of


def decimals(*values: str) -> list[Decimal]:
    return [Decimal(value) for value in values]


@pytest.mark.parametrize(
    ("kind", "value", "field"),
    [
        ("percent", "100.01", "discount.value"),
        ("percent", "-1", "discount.value"),
        ("amount", "-0.01", "discount.value"),
        ("fraction", "5", "discount.kind"),
        ("amount", 1.5, "discount.value"),
    ],
)
def test_a_discount_out_of_range_or_of_an_unknown_kind_is_refused(kind: str, value: object, field: str) -> None:
    with pytest.raises(InvalidValue) as error:
        Discount.parse(kind, value)

    assert error.value.field == field


def test_a_percent_discount_is_rounded_half_up_to_the_minor_unit(eur: Currency) -> None:
    discount = Discount.percent("12.5")

    off = discount.amount_off(Decimal("0.99"), eur, "discount")  # 0.99 x 12.5 % = 0.12375

    assert off == Decimal("0.12")
    assert discount.kind is DiscountKind.PERCENT


def test_an_amount_discount_larger_than_what_it_applies_to_is_refused(eur: Currency) -> None:
    discount = Discount.amount("10.01")

    with pytest.raises(InvalidValue) as error:
        discount.amount_off(Decimal("10.00"), eur, "lines[0].discount")

    assert error.value.field == "lines[0].discount"


def test_an_amount_equal_to_the_base_takes_it_all(eur: Currency) -> None:
    off = Discount.amount("10").amount_off(Decimal("10.00"), eur, "discount")

    assert off == Decimal("10.00")


def test_the_rounding_remainder_of_a_split_goes_to_the_largest_weight(eur: Currency) -> None:
    # 10.00 over 3 x 10.00: each share is 3.333.. -> 3.33; 3 x 3.33 = 9.99, the missing 0.01 goes to the
    # largest weight, the first of equals.
    shares = allocate_exactly(Decimal("10.00"), decimals("10.00", "10.00", "10.00"), eur)

    assert shares == decimals("3.34", "3.33", "3.33")


def test_a_negative_remainder_is_taken_from_the_largest_weight(eur: Currency) -> None:
    # 1.00 over 1.00 / 2.00 / 2.00 (sum 5.00): 0.20, 0.40, 0.40 exactly. 0.05 over 1 / 1 / 1: 0.0166 -> 0.02 each,
    # 0.06 is 0.01 too much, taken from the first of the (equal) largest.
    exact = allocate_exactly(Decimal("1.00"), decimals("1.00", "2.00", "2.00"), eur)
    over = allocate_exactly(Decimal("0.05"), decimals("1", "1", "1"), eur)

    assert exact == decimals("0.20", "0.40", "0.40")
    assert over == decimals("0.01", "0.02", "0.02")


def test_a_share_never_exceeds_its_weight_the_remainder_moves_on(eur: Currency) -> None:
    # 1.01 over 1.00 and 0.01: 1.01 x 1.00 / 1.01 = 1.00, 1.01 x 0.01 / 1.01 = 0.01; exact.
    # 0.03 over 0.01 / 0.01 / 0.01: exact too. 0.02 over 0.01 / 0.01 / 0.01: 0.0067 -> 0.01 each, 0.01 too much.
    full = allocate_exactly(Decimal("1.01"), decimals("1.00", "0.01"), eur)
    tiny = allocate_exactly(Decimal("0.02"), decimals("0.01", "0.01", "0.01"), eur)

    assert full == decimals("1.00", "0.01")
    assert tiny == decimals("0.00", "0.01", "0.01")


def test_splitting_over_nothing_gives_nothing_and_over_zero_weights_puts_it_all_on_the_first(eur: Currency) -> None:
    assert allocate_exactly(Decimal("5.00"), [], eur) == []
    assert allocate_exactly(Decimal("0.00"), decimals("0", "0"), eur) == decimals("0.00", "0")


def test_unrounded_weights_still_give_shares_in_the_minor_unit(eur: Currency) -> None:
    # Globally rounded tax: three lines of 1.76 at 19 % owe 0.3344 each, 1.0032 together -> 1.00.
    # Each share rounds to 0.33 (0.99 together); the missing 0.01 goes to the first line: 0.34, 0.33, 0.33.
    shares = allocate_exactly(Decimal("1.00"), decimals("0.3344", "0.3344", "0.3344"), eur)

    assert shares == decimals("0.34", "0.33", "0.33")


currencies = st.sampled_from([Currency.of("EUR"), Currency.of("JPY"), Currency.of("KWD")])


@settings(max_examples=200, deadline=None)
@given(currency=currencies, cents=st.lists(st.integers(0, 10**7), min_size=1, max_size=12), data=st.data())
def test_a_split_adds_up_exactly_and_no_share_exceeds_its_weight(currency: Currency, cents: list[int],
                                                                 data: st.DataObject) -> None:
    weights = [Decimal(c).scaleb(-currency.minor_units) for c in cents]
    total_units = data.draw(st.integers(0, sum(cents)), label="total in minor units")
    total = Decimal(total_units).scaleb(-currency.minor_units)

    shares = allocate_exactly(total, weights, currency)

    assert sum(shares, Decimal(0)) == total
    assert all(Decimal(0) <= share <= weight for share, weight in zip(shares, weights, strict=True))
    assert all(decimals_of(share) <= currency.minor_units for share in shares)


@settings(max_examples=200, deadline=None)
@given(currency=currencies,
       weights=st.lists(st.decimals(min_value=0, max_value=10**6, places=6), min_size=1, max_size=12))
def test_a_rounded_total_split_over_unrounded_weights_stays_in_the_minor_unit(currency: Currency,
                                                                              weights: list[Decimal]) -> None:
    total = currency.round(sum(weights, Decimal(0)))

    shares = allocate_exactly(total, weights, currency)

    assert sum(shares, Decimal(0)) == total
    assert all(share == currency.round(share) and decimals_of(share) <= currency.minor_units for share in shares)
    assert all(abs(share - weight) <= len(weights) * currency.quantum for share, weight in zip(shares, weights,
                                                                                              strict=True))
