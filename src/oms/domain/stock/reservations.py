"""Reservations of stock for order lines, and the stock levels a command may touch."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from attrs import define, field

from oms.domain.stock.levels import StockLevel


@define(slots=False, eq=False, kw_only=True)
class Reservation:
    """Stock held for one order line in one warehouse; open = quantity - issued - released."""

    id: str
    line_id: str
    product_id: str
    warehouse_id: str
    quantity: Decimal
    issued: Decimal = Decimal(0)
    released: Decimal = Decimal(0)
    created_at: datetime

    @property
    def open(self) -> Decimal:
        return self.quantity - self.issued - self.released


@define
class Inventory:
    """The stock levels a command may touch, the warehouses to draw from in priority order, and per product what
    carts hold in the branch (unexpired holds of owners other than the one the command serves: not available)."""

    levels: dict[tuple[str, str], StockLevel]
    warehouse_priority: list[str]
    held: dict[str, Decimal] = field(factory=dict)

    def level(self, product_id: str, warehouse_id: str) -> StockLevel:
        """The loaded level; the caller loads every pair it may touch, so a missing one is a programming error."""
        return self.levels[(product_id, warehouse_id)]

    def available(self, product_id: str) -> Decimal:
        """What the branch's warehouses have available, less what carts hold (never below zero)."""
        free = sum((self.level(product_id, w).available for w in self.warehouse_priority), Decimal(0))
        return max(free - self.held.get(product_id, Decimal(0)), Decimal(0))
