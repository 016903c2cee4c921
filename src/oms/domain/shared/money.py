"""Money as Decimal with an ISO 4217 currency, rounded to the currency's minor unit."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from attrs import frozen

from oms.domain.shared.errors import InvalidValue

# ISO 4217 minor units of the currencies oms knows; others can be added with `register_currency`.
_MINOR_UNITS: dict[str, int] = {
    "AED": 2, "AUD": 2, "BHD": 3, "BRL": 2, "CAD": 2, "CHF": 2, "CLP": 0, "CNY": 2, "CZK": 2,
    "DKK": 2, "EUR": 2, "GBP": 2, "HKD": 2, "HUF": 2, "IDR": 2, "ILS": 2, "INR": 2, "ISK": 0,
    "JOD": 3, "JPY": 0, "KRW": 0, "KWD": 3, "MXN": 2, "MYR": 2, "NOK": 2, "NZD": 2, "OMR": 3,
    "PHP": 2, "PLN": 2, "SAR": 2, "SEK": 2, "SGD": 2, "THB": 2, "TND": 3, "TRY": 2, "TWD": 2,
    "USD": 2, "VND": 0, "ZAR": 2,
}


_MADE: dict[str, Currency] = {}  # Currency.of is called for every amount: each currency is made once
_QUANTA: dict[int, Decimal] = {}


def register_currency(code: str, minor_units: int) -> None:
    """Teach oms a currency it does not ship with (process-wide)."""
    if len(code) != 3 or not code.isalpha() or not code.isupper():
        raise InvalidValue("currency", f"{code!r} is not a three-letter ISO 4217 code")
    _MINOR_UNITS[code] = minor_units
    _MADE.pop(code, None)


def minor_units_by_code() -> dict[str, int]:
    """Every currency oms knows, with the decimals of its minor unit (a copy)."""
    return dict(_MINOR_UNITS)


@frozen
class Currency:
    """An ISO 4217 currency and the number of decimals of its minor unit."""

    code: str
    minor_units: int

    @classmethod
    def of(cls, code: str, field: str = "currency") -> Currency:
        made = _MADE.get(code) if isinstance(code, str) else None
        if made is not None:
            return made
        if not isinstance(code, str) or code not in _MINOR_UNITS:
            raise InvalidValue(field, f"{code!r} is not a known ISO 4217 currency code")
        made = _MADE[code] = cls(code, _MINOR_UNITS[code])
        return made

    @property
    def quantum(self) -> Decimal:
        found = _QUANTA.get(self.minor_units)
        if found is None:
            found = _QUANTA[self.minor_units] = Decimal(1).scaleb(-self.minor_units)
        return found

    def round(self, amount: Decimal) -> Decimal:
        """Round half up to the minor unit: 2.345 EUR -> 2.35, 2.5 JPY -> 3."""
        quantum = _QUANTA.get(self.minor_units)  # `quantum`'s, without the property's call: amounts round often
        return amount.quantize(self.quantum if quantum is None else quantum, rounding=ROUND_HALF_UP)

    def __str__(self) -> str:
        return self.code


def to_decimal(value: object, field: str) -> Decimal:
    """Read an exact decimal from str, int or Decimal; refuse floats, which cannot hold cents exactly."""
    if isinstance(value, (bool, float)):
        raise InvalidValue(field, "must be a decimal string or an integer, not a float")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise InvalidValue(field, f"{value!r} is not a decimal number") from None
    else:
        raise InvalidValue(field, f"must be a decimal number, got {type(value).__name__}")
    if not result.is_finite():
        raise InvalidValue(field, "must be a finite number")
    if result.adjusted() > 15:
        raise InvalidValue(field, "is too large")
    return result


def check_decimals(value: Decimal, places: int, field: str) -> Decimal:
    """Refuse a value with more than `places` decimals rather than round it silently."""
    if decimals_of(value.normalize()) > places:
        raise InvalidValue(field, f"allows at most {places} decimals")
    return value


def decimals_of(value: Decimal) -> int:
    """How many digits a value has after the decimal point (trailing zeros count: 1.50 has 2)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@frozen
class Money:
    """An exact amount in one currency. Arithmetic keeps full precision; `rounded()` snaps to the minor unit."""

    amount: Decimal
    currency: Currency

    @classmethod
    def of(cls, amount: object, currency: str | Currency, field: str = "amount") -> Money:
        cur = currency if isinstance(currency, Currency) else Currency.of(currency)
        return cls(to_decimal(amount, field), cur)

    @classmethod
    def zero(cls, currency: Currency) -> Money:
        return cls(currency.round(Decimal(0)), currency)

    def rounded(self) -> Money:
        return Money(self.currency.round(self.amount), self.currency)

    def _same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise InvalidValue("currency", f"cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        return Money(self.amount * factor, self.currency)

    def __str__(self) -> str:
        return f"{self.amount} {self.currency.code}"
