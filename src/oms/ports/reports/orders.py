"""Order figures: open order lines (the backlog) and their sums by group, each booked order line's progress
(delivered, billed) and the quotations of a period by status, as the stores aggregate them."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Protocol

from attrs import frozen


@frozen(kw_only=True)
class OrdersFilter:
    branch_id: str | None = None
    customer_id: str | None = None
    product_id: str | None = None
    category: str | None = None  # only products of this category


@frozen(kw_only=True)
class OrderLineFigures:
    """A sales order line with its order's header. `issued`: what its goods issues shipped; `returned`: what came
    back on received returns; `billed_quantity` and `billed_amount`: what posted invoices billed of it less what
    posted credit notes credited (net, before tax); each summed on its own before being put on the line."""

    order_id: str
    order_number: str
    order_day: date  # the day the order was created (UTC)
    status: str
    branch_id: str
    customer_id: str
    currency: str
    line_id: str
    position: int
    product_id: str
    sku: str
    ships: bool  # goods (a service is never issued)
    invoice_policy: str  # "ordered": billed as ordered (services); "delivered": as issued
    quantity: Decimal
    net: Decimal  # the line's net amount (after line and order discounts, before tax)
    issued: Decimal
    returned: Decimal
    billed_quantity: Decimal = Decimal(0)
    billed_amount: Decimal = Decimal(0)


@frozen(kw_only=True)
class OpenOrderLine(OrderLineFigures):
    """An open order line with the codes of its order's customer and branch."""

    customer_code: str
    branch_code: str


class BacklogKey(enum.StrEnum):
    CUSTOMER = "customer"
    PRODUCT = "product"
    BRANCH = "branch"
    ALL = "all"


@frozen(kw_only=True)
class OpenLinesGroup:
    """The open order lines (see `OrderFigures.open_order_lines`) of one group in one currency, summed: `code` is
    the group's customer code, product SKU (the lines') or branch code ("" for all lines); `late_lines` those of
    orders made before `today` (a line is due on its order date, UTC); `open_quantity` = the sum of ordered -
    issued; `open_value` = the sum of each line's open value rounded to the currency's minor unit
    (`oms.domain.reports.backlog.open_value`); `first_day` the (UTC) day of the oldest order."""

    code: str
    currency: str
    lines: int
    late_lines: int
    open_quantity: Decimal
    open_value: Decimal
    first_day: date


@frozen(kw_only=True)
class QuotationFigures:
    """The quotations created on one day (UTC) in one currency and status: how many, and their net total."""

    day: date
    currency: str
    status: str
    count: int
    net: Decimal


class OrderFigures(Protocol):
    def open_order_lines(self, scope: OrdersFilter, limit: int) -> Sequence[OpenOrderLine]:
        """The lines that still have goods to ship (ordered more than issued; services never ship) of the sales
        orders that are open: confirmed, partially issued, or on hold after being confirmed; never drafts,
        issued, completed (closed) or cancelled orders. The first `limit` in order of order date, number and line
        position; the billed figures are left at zero."""
        ...

    def open_order_groups(self, scope: OrdersFilter, key: BacklogKey, today: date) -> Sequence[OpenLinesGroup]:
        """Every open line of `open_order_lines` summed by group (`key`) and currency, in no particular order."""
        ...

    def booked_order_lines(self, first: date, end: date, scope: OrdersFilter, orders: int
                           ) -> Sequence[OrderLineFigures]:
        """The lines of the sales orders booked (confirmed and not cancelled, see `domain.reports.bookings`) and
        created from `first` to the day before `end`, with what was issued, returned and billed of each, in order
        of order date, number and line position: the lines of the first `orders` such orders (by the time they were
        created, then id), so a long period is read a page at a time rather than whole."""
        ...

    def quotations_by_day(self, first: date, end: date, scope: OrdersFilter) -> Sequence[QuotationFigures]:
        """The quotations created from `first` to the day before `end` (any status), by day, currency and
        status (a product or category filter keeps the quotations with a line of it)."""
        ...
