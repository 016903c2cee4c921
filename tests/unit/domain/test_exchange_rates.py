"""Exchange rates: the rate of a day is the pair's latest on or before it, else 1/its inverse's; conversions round to
the target currency's minor unit."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oms.domain.masterdata.exchange_rates import ExchangeRate, NoExchangeRate, convert, rate_on, rates_from
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.money import Currency, Money

START = date(2026, 1, 1)
RATES = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("10000"), places=6, allow_nan=False,
                    allow_infinity=False)


def test_the_rate_of_a_day_is_the_latest_on_or_before_it() -> None:
    rates = [ExchangeRate.new("EUR", "USD", date(2026, 3, d), f"1.0{d}") for d in (2, 5)]

    found = [rate_on("EUR", "USD", date(2026, 3, d), rates) for d in (2, 4, 5, 30)]

    assert found == [Decimal("1.02"), Decimal("1.02"), Decimal("1.05"), Decimal("1.05")]


def test_only_the_inverse_pair_gives_one_over_its_rate_and_a_currency_converts_to_itself_at_one() -> None:
    rates = [ExchangeRate.new("USD", "EUR", date(2026, 3, 1), "0.8")]

    assert rate_on("EUR", "USD", date(2026, 3, 2), rates) == Decimal("1.25")
    assert rate_on("GBP", "GBP", date(2026, 3, 2), []) == 1
    # 1/1.08 to the ten places of a stored rate, so a document can keep the rate it was converted at
    assert rate_on("USD", "EUR", date(2026, 3, 2), [ExchangeRate.new("EUR", "USD", date(2026, 3, 1), "1.08")]) == (
        Decimal("0.9259259259"))


def test_no_rate_on_or_before_the_day_names_the_pair_and_the_day() -> None:
    rates = [ExchangeRate.new("EUR", "USD", date(2026, 3, 5), "1.08")]

    with pytest.raises(NoExchangeRate, match="EUR/USD on or before 2026-03-04") as raised:
        rate_on("EUR", "USD", date(2026, 3, 4), rates)

    assert raised.value.rule == "NoExchangeRate"


@pytest.mark.parametrize(("rate", "field"), [("0", "rate"), ("-1", "rate"), ("1.12345678901", "rate"),
                                             (1.1, "rate")])
def test_a_rate_must_be_positive_with_at_most_ten_decimals_and_never_a_float(rate: object, field: str) -> None:
    with pytest.raises(InvalidValue) as raised:
        ExchangeRate.new("EUR", "USD", START, rate)

    assert raised.value.field == field


def test_a_pair_needs_two_known_different_currencies() -> None:
    with pytest.raises(InvalidValue) as same:
        ExchangeRate.new("EUR", "EUR", START, "1")
    with pytest.raises(InvalidValue) as unknown:
        ExchangeRate.new("EUR", "XXX", START, "1")

    assert (same.value.field, unknown.value.field) == ("to_currency", "to_currency")


def test_a_conversion_rounds_half_up_to_the_target_currencys_minor_unit() -> None:
    rates = rates_from([ExchangeRate.new("EUR", "JPY", START, "162.5"), ExchangeRate.new("EUR", "USD", START, "1.1")])

    assert convert(Money.of("1.01", "EUR"), "JPY", START, rates) == Money.of("164", "JPY")  # 164.125
    assert convert(Money.of("0.05", "EUR"), "USD", START, rates) == Money.of("0.06", "USD")  # 0.055


@given(days=st.dictionaries(st.integers(0, 60), RATES, min_size=1, max_size=12), asked=st.integers(0, 70))
def test_property_the_rate_of_a_day_is_the_one_of_the_latest_day_on_or_before_it(
        days: dict[int, Decimal], asked: int) -> None:
    rates = [ExchangeRate.new("EUR", "USD", START + timedelta(days=d), rate) for d, rate in days.items()]
    earlier = [d for d in days if d <= asked]

    if not earlier:
        with pytest.raises(NoExchangeRate):
            rate_on("EUR", "USD", START + timedelta(days=asked), rates)
    else:
        assert rate_on("EUR", "USD", START + timedelta(days=asked), rates) == days[max(earlier)]


@given(rate=RATES, cents=st.integers(1, 10**9), to=st.sampled_from(["USD", "JPY", "KWD"]))
def test_property_converting_there_and_back_with_the_inverse_returns_the_amount_within_rounding(
        rate: Decimal, cents: int, to: str) -> None:
    rates = rates_from([ExchangeRate.new("EUR", to, START, rate)])
    money = Money(Decimal(cents).scaleb(-2), Currency.of("EUR"))

    back = convert(convert(money, to, START, rates), "EUR", START, rates)

    # the trip rounds twice: half a minor unit of the target, worth quantum/2 / rate euros, and half a cent; and the
    # inverse rate is kept to ten places (off by at most 5e-11 per unit converted back)
    there = convert(money, to, START, rates).amount
    bound = Currency.of(to).quantum / 2 / rate + Decimal("0.005") + there * Decimal("5e-11")
    assert abs(back.amount - money.amount) <= bound
