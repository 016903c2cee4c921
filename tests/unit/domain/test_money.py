"""Money: exact decimals in a currency, rounded half up to its minor unit; floats are refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.money import Currency, Money, decimals_of, to_decimal


@pytest.mark.parametrize(
    ("code", "amount", "expected"),
    [
        ("EUR", "2.345", "2.35"),
        ("EUR", "2.344999", "2.34"),
        ("EUR", "-2.345", "-2.35"),  # half up is half away from zero, also for credits
        ("JPY", "2.5", "3"),
        ("JPY", "2.4", "2"),
        ("KWD", "1.0005", "1.001"),
        ("CLP", "10", "10"),
    ],
)
def test_amounts_round_half_up_to_the_minor_unit_of_their_currency(code: str, amount: str, expected: str) -> None:
    currency = Currency.of(code)

    rounded = currency.round(Decimal(amount))

    assert str(rounded) == expected


@pytest.mark.parametrize(("code", "minor_units"), [("EUR", 2), ("JPY", 0), ("KWD", 3)])
def test_a_currency_knows_its_iso_4217_minor_unit(code: str, minor_units: int) -> None:
    currency = Currency.of(code)

    assert currency.minor_units == minor_units
    assert decimals_of(currency.quantum) == minor_units


@pytest.mark.parametrize("code", ["XXX", "eur", "EURO", ""])
def test_an_unknown_currency_code_is_refused(code: str) -> None:
    with pytest.raises(InvalidValue) as error:
        Currency.of(code)

    assert error.value.field == "currency"


@pytest.mark.parametrize("value", [0.1, 1.0, True])
def test_a_float_is_never_accepted_as_an_amount(value: object) -> None:
    with pytest.raises(InvalidValue) as error:
        Money.of(value, "EUR", field="price")

    assert error.value.field == "price"


@pytest.mark.parametrize(("value", "expected"), [("19.99", "19.99"), (" 5 ", "5"), (7, "7"), (Decimal("0.10"), "0.10")])
def test_strings_integers_and_decimals_are_read_exactly(value: object, expected: str) -> None:
    amount = to_decimal(value, "amount")

    assert str(amount) == expected


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", "1e16", None, [1]])
def test_malformed_infinite_or_absurd_amounts_are_refused(value: object) -> None:
    with pytest.raises(InvalidValue) as error:
        to_decimal(value, "amount")

    assert error.value.field == "amount"


def test_amounts_in_different_currencies_cannot_be_added() -> None:
    euros = Money.of("1.00", "EUR")
    dollars = Money.of("1.00", "USD")

    with pytest.raises(InvalidValue) as error:
        _ = euros + dollars

    assert error.value.field == "currency"


def test_arithmetic_keeps_full_precision_until_rounded() -> None:
    price = Money.of("0.3333", "EUR")

    total = price * 3 + Money.of("0.0001", "EUR")

    assert total.amount == Decimal("1.0000")
    assert total.rounded() == Money(Decimal("1.00"), Currency.of("EUR"))
    assert str(Money.zero(Currency.of("JPY"))) == "0 JPY"
