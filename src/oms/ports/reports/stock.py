"""Stock figures: quantities and values on hand at a time, the last goods issue of each level and the quantities
issued over a window, per product and warehouse, aggregated by the store from the movement ledger."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from attrs import frozen


@frozen(kw_only=True)
class StockFilter:
    """`warehouse_ids`: the warehouses counted (None: every one; a branch's are its warehouses); `product_id`: only
    that product; `category`: only the products of that category."""

    warehouse_ids: tuple[str, ...] | None = None
    product_id: str | None = None
    category: str | None = None


@frozen(kw_only=True)
class StockPosition:
    """One product in one warehouse: the sums of its movements' quantities and values (what is on hand then)."""

    product_id: str
    sku: str
    warehouse_id: str
    quantity: Decimal
    value: Decimal


@frozen(kw_only=True)
class StockActivity:
    """One level's goods issues: the time of the last issue or consumption before the end asked for (None: never),
    the time of the level's first movement (None: it never moved) and the quantity issued or consumed in the window
    asked for (positive)."""

    product_id: str
    warehouse_id: str
    last_issue: datetime | None
    first_movement: datetime | None
    issued: Decimal


@frozen(kw_only=True)
class StockIssued:
    """What one level issued or consumed over a window (positive)."""

    product_id: str
    warehouse_id: str
    issued: Decimal


@frozen(kw_only=True)
class StockNow:
    """One level as it stands now: on hand, reserved and the value on hand."""

    product_id: str
    sku: str
    warehouse_id: str
    on_hand: Decimal
    reserved: Decimal
    value: Decimal


class StockFigures(Protocol):
    def stock_at(self, end: datetime, scope: StockFilter) -> Sequence[StockPosition]:
        """Per product and warehouse, the sums of the movements before `end` (levels whose quantity and value
        are both zero then are left out), in no particular order."""
        ...

    def stock_activity(self, since: datetime, end: datetime, scope: StockFilter) -> Sequence[StockActivity]:
        """Per level: its last goods issue or consumption before `end`, its first movement, and the quantity
        issued or consumed from `since` to before `end`."""
        ...

    def stock_issued(self, since: datetime, end: datetime, scope: StockFilter) -> Sequence[StockIssued]:
        """Per level that issued or consumed from `since` to before `end`, how much (the window of
        `stock_activity`, without its dates: what stock cover reads)."""
        ...

    def stock_now(self, scope: StockFilter) -> Sequence[StockNow]:
        """Every level as it stands now (on hand, reserved, value), in no particular order."""
        ...
