"""Purchase and sales ledger figures: what posted vendor bills and debit notes spent, what open purchase orders
still commit, how punctually suppliers deliver, and what posted invoices and bills still owe by age."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Protocol

from attrs import frozen


@frozen(kw_only=True)
class LedgerFilter:
    branch_id: str | None = None
    customer_id: str | None = None
    supplier_id: str | None = None
    product_id: str | None = None
    category: str | None = None  # only products of this category


class SpendKey(enum.StrEnum):
    SUPPLIER = "supplier"
    PRODUCT = "product"
    BRANCH = "branch"
    DAY = "day"


@frozen(kw_only=True)
class SpendFigure:
    """The net amounts (before tax) of posted bills and of posted debit notes in one group (`key`: a supplier's,
    product's or branch's id, with its `code` and `name`; "" by day), one currency and branch currency; `day`, the
    bill date, is given by day and whenever the currency is not the branch's (the amounts convert at its rate).
    `debited` is positive; `bills` counts the bills (not debit notes) with a line in the group."""

    key: str
    code: str
    name: str
    currency: str
    branch_currency: str
    day: date | None
    billed: Decimal
    debited: Decimal
    bills: int


@frozen(kw_only=True)
class OpenPurchaseLine:
    """A line of an open purchase order that brings goods: `quantity` ordered, `received` (less returned), `net` the
    line's net amount before tax in the order's `currency`; `ordered_on` the day the order was ordered (UTC) and
    `lead_time_days` its supplier's."""

    purchase_order_id: str
    number: str
    supplier_id: str
    supplier_code: str
    supplier_name: str
    product_id: str
    sku: str
    product_name: str
    currency: str
    branch_currency: str
    ordered_on: date
    lead_time_days: int
    quantity: Decimal
    received: Decimal
    net: Decimal


@frozen(kw_only=True)
class Punctuality:
    """Goods receipt lines of one supplier that arrived `days_late` days after their order's expected day (0 or
    fewer: on time): how many lines and what quantity."""

    supplier_id: str
    supplier_code: str
    supplier_name: str
    days_late: int
    lines: int
    quantity: Decimal


class AgeingKey(enum.StrEnum):
    PARTY = "party"  # the customer of an invoice, the supplier of a bill
    BRANCH = "branch"


@frozen(kw_only=True)
class OpenAmounts:
    """What posted documents of one group (a party's or branch's id, `code` and `name`) in one currency still owe on
    the day, by ageing bucket (`AGEING_BUCKETS`' order): how many documents owe in each bucket, and the sum of their
    residuals (total with tax, less credit or debit notes and payments dated on or before the day)."""

    key: str
    code: str
    name: str
    currency: str
    documents: tuple[int, ...]
    residuals: tuple[Decimal, ...]


class LedgerFigures(Protocol):
    def purchase_spend(self, first: date, end: date, key: SpendKey, scope: LedgerFilter) -> Sequence[SpendFigure]:
        """Posted bills and debit notes dated from `first` to the day before `end` (their bill date), grouped by
        `key`; a product or category filter keeps the lines of that product or of that category's products."""
        ...

    def open_purchase_lines(self, scope: LedgerFilter) -> Sequence[OpenPurchaseLine]:
        """The goods lines of purchase orders ordered and neither closed nor cancelled, in order of order number and
        line position; those of received orders are left out, as each has arrived in full (a return that takes some
        back makes its order partially received again)."""
        ...

    def receipt_punctuality(self, first: date, end: date, scope: LedgerFilter) -> Sequence[Punctuality]:
        """Goods receipt lines received from `first` to the day before `end` (UTC), by supplier and days late."""
        ...

    def receivables_at(self, as_of: date, key: AgeingKey, scope: LedgerFilter) -> Sequence[OpenAmounts]:
        """Posted invoices dated on or before `as_of` that still owe something that day, by group, currency and
        bucket."""
        ...

    def payables_at(self, as_of: date, key: AgeingKey, scope: LedgerFilter) -> Sequence[OpenAmounts]:
        """Posted vendor bills dated on or before `as_of` that still owe something that day, by group, currency and
        bucket."""
        ...
