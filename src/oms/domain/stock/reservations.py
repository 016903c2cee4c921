"""Reservations of stock for order lines, and the stock levels a command may touch."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from attrs import define

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
    """The stock levels a command may touch, and the warehouses to draw from in priority order."""

    levels: dict[tuple[str, str], StockLevel]
    warehouse_priority: list[str]

    def level(self, product_id: str, warehouse_id: str) -> StockLevel:
        """The loaded level; the caller loads every pair it may touch, so a missing one is a programming error."""
        return self.levels[(product_id, warehouse_id)]

    def available(self, product_id: str) -> Decimal:
        return sum((self.level(product_id, w).available for w in self.warehouse_priority), Decimal(0))
