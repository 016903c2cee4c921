"""Column types that keep the domain's values exact: aware UTC datetimes, exact decimals and fractions, enums as
strings."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any, Generic, TypeVar

from sqlalchemy import DateTime, Dialect, Integer, Numeric, String, Text
from sqlalchemy.types import TypeDecorator, TypeEngine

from oms.domain.shared.money import decimals_of

E = TypeVar("E", bound=enum.StrEnum)


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp that refuses naive datetimes and always comes back aware, in UTC, on SQLite too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        utc = _in_utc(value)
        # SQLite has no timezone type: store UTC without offset, in a format that sorts chronologically.
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return utc_datetime(value)

    # The conversions of every value bound and read, in one call each: TypeDecorator's own go through two more
    # (and SQLite's DateTime formats and parses with Python code), which added up to a tenth of a placement.

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], Any]:
        if dialect.name == "sqlite":
            return _sqlite_text

        def bind(value: datetime | None) -> datetime | None:
            return None if value is None else _in_utc(value)

        return bind

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any]:
        return utc_datetime


_last_text: tuple[datetime, str] | None = None  # the time last written as text, and its text


def _sqlite_text(value: datetime | None) -> str | None:
    """SQLite has no timezone type: UTC without offset, as SQLAlchemy's DateTime writes it (it sorts). A command
    writes its one time in many rows (the order's, its reservations', its history's and events'): the text of the
    time written last is kept and given again for the same object."""
    global _last_text
    if value is None:
        return None
    last = _last_text
    if last is not None and last[0] is value:
        return last[1]
    text = _in_utc(value).replace(tzinfo=None).isoformat(" ", "microseconds")
    _last_text = (value, text)
    return text


def _in_utc(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"refusing to store the naive datetime {value!r}: give it a timezone")
    return value if value.tzinfo is UTC else value.astimezone(UTC)


def utc_datetime(value: datetime | str | None) -> datetime | None:
    """A time read back (SQLite gives the text it was stored as, JSON its ISO text), aware and in UTC."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is UTC:
        return value
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class ExactDecimal(TypeDecorator[Decimal]):
    """A Decimal stored exactly as given (2.50 comes back as 2.50, as the in-memory store keeps it).

    PostgreSQL uses an unconstrained NUMERIC, which keeps each value's own scale; SQLite has no exact numeric type
    (NUMERIC columns become floats there), so the value is stored as text. `scale` is the most decimals a value may
    have; more is refused rather than silently rounded.
    """

    impl = Numeric
    cache_ok = True

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Text())
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Decimal | str | None:
        return None if value is None else _exact(value, self.scale, dialect.name == "sqlite")

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], Any]:
        """The conversion in one call (TypeDecorator's own goes through two more for every value bound)."""
        scale, as_text = self.scale, dialect.name == "sqlite"
        return lambda value: None if value is None else _exact(value, scale, as_text)

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any]:
        return exact_decimal

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return exact_decimal(value)


def _exact(value: Decimal, scale: int, as_text: bool) -> Decimal | str:
    """The value as stored (its text on SQLite), refused unless an exact finite Decimal of at most `scale`
    decimals."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError(f"refusing to store {value!r}: an exact finite Decimal is required")
    text = str(value)  # cheaper than as_tuple() to count the decimals by, unless in exponent notation
    point = text.find(".")
    decimals = decimals_of(value) if "E" in text else 0 if point < 0 else len(text) - point - 1
    if decimals > scale and decimals_of(value.normalize()) > scale:
        raise ValueError(f"refusing to store {value}: more than {scale} decimals")
    return text if as_text else value


def exact_decimal(value: Any) -> Decimal | None:
    """A decimal read back exactly: PostgreSQL gives a Decimal, SQLite the text it was stored as, JSON an int or
    a Decimal."""
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


class ExactFraction(TypeDecorator[Fraction]):
    """An exact fraction (a component's quantity per unit made: 8 / 0.95 = 160/19) kept as its text, "160/19"."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Fraction | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Fraction):
            raise ValueError(f"refusing to store {value!r}: an exact Fraction is required")
        return str(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Fraction | None:
        return exact_fraction(value)


def exact_fraction(value: Any) -> Fraction | None:
    """A fraction read back from its text (or from JSON)."""
    return None if value is None else Fraction(str(value))


class StrEnumType(TypeDecorator[E], Generic[E]):
    """A StrEnum stored as its value in a VARCHAR, read back as the member."""

    impl = String(32)
    cache_ok = True

    def __init__(self, enum_class: type[E]) -> None:
        super().__init__()
        self.enum_class = enum_class

    def process_bind_param(self, value: E | str | None, dialect: Dialect) -> str | None:
        return None if value is None else self.enum_class(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        return None if value is None else self.enum_class(value)

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], Any]:
        enum_class = self.enum_class
        return lambda value: None if value is None else value.value if type(value) is enum_class else enum_class(
            value).value

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any]:
        enum_class = self.enum_class
        return lambda value: None if value is None else enum_class(value)


class Seconds(TypeDecorator[timedelta]):
    """A duration stored as whole seconds (an integer on every database)."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: timedelta | None, dialect: Dialect) -> int | None:
        return None if value is None else int(value.total_seconds())

    def process_result_value(self, value: int | None, dialect: Dialect) -> timedelta | None:
        return None if value is None else timedelta(seconds=value)
