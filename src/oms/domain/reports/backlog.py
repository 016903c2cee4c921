"""The rules of the open order backlog for one line: what it still has to ship, what that is worth, how late it is.

- open quantity = ordered - issued (a customer return does not reopen a line), never below zero;
- open value = the open quantity at the line's net unit price (its net after discounts, before tax, / its quantity),
  rounded half up to the currency's minor unit; a backlog's value is the sum of its lines' rounded values;
- oms orders carry no promised date: a line is due on its order date (UTC), late from the day after it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from oms.domain.shared.money import Currency


def open_quantity(quantity: Decimal, issued: Decimal) -> Decimal:
    return max(quantity - issued, Decimal(0))


def open_value(quantity: Decimal, issued: Decimal, net: Decimal, currency: str) -> Decimal:
    """The open quantity at the net unit price, rounded half up to the currency's minor unit."""
    if not quantity:
        return Decimal(0)
    return Currency.of(currency).round(open_quantity(quantity, issued) * net / quantity)


def delay_days(order_day: date, today: date) -> int | None:
    """Days past the due date (the order date); None for a line not late yet."""
    days = (today - order_day).days
    return days if days > 0 else None
