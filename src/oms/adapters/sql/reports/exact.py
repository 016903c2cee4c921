"""Sums of exact decimals that stay exact on both databases.

PostgreSQL's NUMERIC sums exactly. SQLite keeps exact decimals as text (see ExactDecimal) and would sum them as
floats (2911.98 comes back as 2911.9799999999996), so there each value is scaled to a whole number of its smallest
unit (an amount has at most 4 decimals, a quantity 6), summed as a 64-bit integer, exact, and scaled back here.
A float holds the scaled value of any amount below 10^11 and any quantity below 10^9 exactly before it is rounded."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, Numeric, cast, func
from sqlalchemy.sql import ColumnElement

from oms.adapters.sql.shared.metadata import AMOUNT, QUANTITY

AMOUNT_PLACES = AMOUNT
QUANTITY_PLACES = QUANTITY


def whole_units(value: ColumnElement[Any], places: int, *, postgres: bool) -> ColumnElement[Any]:
    """A decimal column as the database sums it exactly: itself on PostgreSQL, a whole number of its smallest unit
    (`places`: the most decimals a value has) on SQLite; `summed` reads a sum of it back."""
    if postgres:
        return value
    return cast(func.round(cast(value, Numeric) * 10 ** places), Integer)


def exact_sum(value: ColumnElement[Any], places: int, *, postgres: bool) -> ColumnElement[Any]:
    """SUM(value) that `summed` turns back into an exact Decimal (`places`: the most decimals a value has)."""
    return func.sum(whole_units(value, places, postgres=postgres))


def summed(found: Any, places: int) -> Decimal:
    """The exact Decimal of an `exact_sum` (0 for the sum of no rows)."""
    if found is None:
        return Decimal(0)
    if isinstance(found, int):  # SQLite: scaled back, without the trailing zeros the scale added
        value = Decimal(found).scaleb(-places)
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return found if isinstance(found, Decimal) else Decimal(str(found))
