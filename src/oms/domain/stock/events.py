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
    """A movement of stock: `kind` (receipt, issue, adjustment, return, ...), the signed `quantity` and `value` (in
    the warehouse's branch currency; an issue's value is the cost of the goods issued) and the `unit_cost` it was
    valued at. What accounting posts (inventory against cost of goods sold or goods received) reads from here."""

    product_id: str
    warehouse_id: str
    kind: str
    quantity: Decimal
    reference: str
    value: Decimal = Decimal(0)
    unit_cost: Decimal = Decimal(0)
    currency: str = ""
    actor: str = ""
