"""Helpers every report uses: changes against a previous period, percentages, and period buckets as rows."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """part / whole as a percentage to one decimal (None when the whole is zero: no base to compare with)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def change_percent(now: Decimal, before: Decimal) -> Decimal | None:
    """How much `now` grew (or shrank) against `before`, in percent; None when there was nothing before."""
    if not before:
        return None
    return ((now - before) * 100 / abs(before)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
