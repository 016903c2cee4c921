"""Events of stock: reserved, released, moved."""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from oms.domain.shared.events import DomainEvent


@frozen(kw_only=True)
class StockReserved(DomainEvent):
    product_id: str
    warehouse_id: str
    quantity: Decimal


@frozen(kw_only=True)
class ReservationReleased(DomainEvent):
    product_id: str
    warehouse_id: str
    quantity: Decimal


@frozen(kw_only=True)
class StockMoved(DomainEvent):
    product_id: str
    warehouse_id: str
    kind: str
    quantity: Decimal
    reference: str
