"""Sales figures: what was sold, per day and currency, aggregated by the store."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Protocol

from attrs import frozen


@frozen(kw_only=True)
class SalesFilter:
    branch_id: str | None = None
    customer_id: str | None = None
    product_id: str | None = None
    category: str | None = None


@frozen(kw_only=True)
class DailySales:
    """What was booked on one day in one currency: the lines' quantities and their net amounts (after discounts,
    before tax)."""

    day: date
    currency: str
    quantity: Decimal
    amount: Decimal
    documents: int


class SalesFigures(Protocol):
    def bookings_by_day(self, first: date, end: date, scope: SalesFilter) -> Sequence[DailySales]:
        """Sales orders booked (confirmed, not cancelled) from `first` to the day before `end`, by the day they
        were created (UTC) and their currency, in order of day and currency."""
        ...
