"""Exchange rates: how many units of one currency one unit of another buys on a day, and conversions with them.

One rate per pair and day; the rate of a day is the latest on or before it. When a pair has no rate on or before the
day but its inverse has, the inverse's latest is used as 1/rate; the same currency converts at 1. A conversion rounds
to the target currency's minor unit half up, as every stored amount (money.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from attrs import define

from oms.domain.shared.errors import BusinessRuleViolation, InvalidValue
from oms.domain.shared.money import Currency, Money, check_decimals, to_decimal

RATE_DECIMALS = 10
MAX_RATE = Decimal("1000000000")


class NoExchangeRate(BusinessRuleViolation):
    """No rate of the pair (nor of its inverse) on or before the day."""

    def __init__(self, from_currency: str, to_currency: str, day: date) -> None:
        super().__init__("NoExchangeRate", f"no exchange rate {from_currency}/{to_currency} on or before "
                                           f"{day.isoformat()}")
        self.from_currency, self.to_currency, self.day = from_currency, to_currency, day


def rate_key(from_currency: str, to_currency: str, day: date) -> str:
    """The id of the pair's rate of the day: one rate per pair and day, so entering it again finds it."""
    return f"{from_currency}{to_currency}{day.isoformat()}"


def check_rate(rate: object, field: str = "rate") -> Decimal:
    value = check_decimals(to_decimal(rate, field), RATE_DECIMALS, field)
    if value <= 0:
        raise InvalidValue(field, "must be greater than zero")
    if value > MAX_RATE:
        raise InvalidValue(field, f"must not exceed {MAX_RATE}")
    return value


@define(slots=False, eq=False)
class ExchangeRate:
    """1 `from_currency` = `rate` `to_currency` from `day` on (until the pair's next rate)."""

    id: str
    from_currency: str
    to_currency: str
    day: date
    rate: Decimal
    version: int = 0

    def __attrs_post_init__(self) -> None:
        Currency.of(self.from_currency, "from_currency")
        Currency.of(self.to_currency, "to_currency")
        if self.from_currency == self.to_currency:
            raise InvalidValue("to_currency", "must differ from from_currency (a currency converts to itself at 1)")
        self.rate = check_rate(self.rate)

    @classmethod
    def new(cls, from_currency: str, to_currency: str, day: date, rate: object) -> ExchangeRate:
        return cls(rate_key(from_currency, to_currency, day), from_currency, to_currency, day, check_rate(rate))

    def replace(self, rate: object) -> None:
        """Enter the day's rate again: the new one replaces it (its version counts the changes)."""
        self.rate = check_rate(rate)


class RateSource(Protocol):
    def __call__(self, from_currency: str, to_currency: str, day: date) -> Decimal: ...


def rate_on(from_currency: str, to_currency: str, day: date, rates: Iterable[ExchangeRate]) -> Decimal:
    """The rate of the day among `rates`: the pair's latest on or before it, else 1/its inverse's latest."""
    if from_currency == to_currency:
        return Decimal(1)
    direct: ExchangeRate | None = None
    inverse: ExchangeRate | None = None
    for rate in rates:
        if rate.day > day:
            continue
        if (rate.from_currency, rate.to_currency) == (from_currency, to_currency):
            direct = rate if direct is None or rate.day > direct.day else direct
        elif (rate.from_currency, rate.to_currency) == (to_currency, from_currency):
            inverse = rate if inverse is None or rate.day > inverse.day else inverse
    if direct is not None:
        return direct.rate
    if inverse is not None:  # to the places of a stored rate, so documents can keep the rate they used
        return (Decimal(1) / inverse.rate).quantize(Decimal(1).scaleb(-RATE_DECIMALS), ROUND_HALF_UP)
    raise NoExchangeRate(from_currency, to_currency, day)


def convert(money: Money, to_currency: str, day: date, rates: RateSource) -> Money:
    """`money` in `to_currency` at the rate of `day`, rounded half up to that currency's minor unit."""
    target = Currency.of(to_currency)
    if money.currency == target:
        return Money(target.round(money.amount), target)
    return Money(target.round(money.amount * rates(money.currency.code, target.code, day)), target)


def rates_from(rates: Iterable[ExchangeRate]) -> RateSource:
    """A rate source over a known list of rates (tests, demos, a page's worth of rates)."""
    held = list(rates)
    return lambda from_currency, to_currency, day: rate_on(from_currency, to_currency, day, held)
