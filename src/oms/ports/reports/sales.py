"""Sales figures: what was booked, shipped, invoiced and what the goods issued cost, per day or per product,
customer or branch and per currency, aggregated by the store."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Protocol

from attrs import frozen


class SalesMeasure(enum.StrEnum):
    """Which documents count, and by which of their dates (peers.md 6b R1):
    - bookings: the lines of sales orders confirmed and not cancelled, by the day the order was created (UTC), at
      their net (after discounts, before tax);
    - shipments: the lines of goods issues by the day of the issue (UTC), at the order line's net unit price, less
      the returned units received, by the day they were received, at the same price;
    - revenue: the lines of posted invoices by posting date, at their net (before tax), less the lines of posted
      credit notes by their own posting date; drafts never count;
    - issued_cost: the cost of the goods issued as the goods issues recorded it (what the stock's value went down
      by, what the books post to cost of goods sold), by the day of the issue, less the cost returned units came
      back at (the cost they left with), by the day they were received."""

    BOOKINGS = "bookings"
    SHIPMENTS = "shipments"
    REVENUE = "revenue"
    ISSUED_COST = "issued_cost"


class SalesKey(enum.StrEnum):
    """What the figures are grouped by besides their currency: the day, or the id of the product, the customer or
    the branch (revenue of an invoice line whose SKU names no product is keyed by the SKU)."""

    DAY = "day"
    PRODUCT = "product"
    CUSTOMER = "customer"
    BRANCH = "branch"


@frozen(kw_only=True)
class SalesFilter:
    branch_id: str | None = None
    customer_id: str | None = None
    product_id: str | None = None
    category: str | None = None  # only products of this category


@frozen(kw_only=True)
class SalesFigure:
    """One group's figures in one currency: `key` the day (a date) or the id of the product, customer or branch;
    `quantity` the units (returned and credited units subtracted) and `amount` their net amount or cost, unrounded
    (the report rounds each sum it shows to the currency)."""

    key: date | str
    currency: str
    quantity: Decimal
    amount: Decimal


class SalesFigures(Protocol):
    def sales_figures(self, measure: SalesMeasure, key: SalesKey, first: date, end: date,
                      scope: SalesFilter) -> Sequence[SalesFigure]:
        """The `measure` from `first` to the day before `end`, summed per `key` and currency (groups whose
        figures are all zero may be left out), in no particular order."""
        ...
