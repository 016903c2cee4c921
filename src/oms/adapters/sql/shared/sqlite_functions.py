"""Exact decimal arithmetic SQLite lacks, registered on each of its connections (engine.py) and done in Python.

SQLite keeps exact decimals as text (see ExactDecimal) and calculates with them as floats. A sum of whole numbers is
exact (`adapters/sql/reports/exact.py`), but a share of an amount rounded half up on each row is not: rounding a
float lands on the wrong side of a half cent. `oms_remaining_share` rounds each row exactly and gives a whole number
of the smallest unit, which SQLite then sums exactly."""

from __future__ import annotations

import sqlite3
from decimal import ROUND_HALF_UP, Decimal

REMAINING_SHARE = "oms_remaining_share"


def remaining_share(amount: object, whole: object, taken: object, places: int) -> int | None:
    """What is left of `amount` once `taken` of `whole` is gone (amount x (whole - taken, never below 0) / whole),
    rounded half up to `places` decimals, as a whole number of 10^-places (0 for no whole). The arithmetic of
    `oms.domain.reports.backlog.open_value`."""
    if amount is None or whole is None or taken is None:
        return None
    total = Decimal(str(whole))
    if not total:
        return 0
    left = max(total - Decimal(str(taken)), Decimal(0))
    share = (left * Decimal(str(amount)) / total).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return int(share.scaleb(places))


def register(connection: sqlite3.Connection) -> None:
    connection.create_function(REMAINING_SHARE, 4, remaining_share, deterministic=True)
