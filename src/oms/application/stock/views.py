"""What reads of stock answer: levels per warehouse, receipts and adjustments, and movements, by codes."""

from __future__ import annotations

from datetime import datetime

from attrs import frozen

from oms.application.shared.views import Quantity
from oms.domain.shared.money import Money
from oms.domain.stock.levels import MovementKind


@frozen(kw_only=True)
class StockLevelView:
    sku: str
    warehouse_code: str
    on_hand: Quantity
    reserved: Quantity
    available: Quantity
    value: Money
    average_cost: Money | None


@frozen(kw_only=True)
class StockChange:
    """A receipt or an adjustment: its number (GR-000001, ADJ-000001) and the stock level after it."""

    number: str
    level: StockLevelView


@frozen(kw_only=True)
class MovementView:
    id: str
    sku: str
    warehouse_code: str
    kind: MovementKind
    quantity: Quantity
    reference: str
    at: datetime
    actor: str
    reason: str
    value: Money
    unit_cost: Money


@frozen(kw_only=True)
class StockLevelList:
    items: list[StockLevelView]


@frozen(kw_only=True)
class MovementList:
    """A page of movements; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[MovementView]
    next_cursor: str | None = None
