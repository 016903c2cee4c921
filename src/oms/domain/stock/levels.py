"""Stock per product and warehouse: counters backed by immutable movements, and reservations.

on_hand is the sum of the movements; reserved is the sum of open reservations; available = on_hand - reserved
is never negative. Every change to on_hand goes through a method here, which records the movement.
"""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

from attrs import define, field, frozen

from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import new_id
from oms.domain.stock.events import StockMoved


class MovementKind(enum.StrEnum):
    RECEIPT = "receipt"
    ISSUE = "issue"
    ADJUSTMENT = "adjustment"
    PRODUCTION = "production"
    CONSUMPTION = "consumption"
    TRANSFER = "transfer"


@frozen(kw_only=True)
class StockMovement:
    """An immutable change of on_hand: positive in, negative out."""

    id: str
    product_id: str
    warehouse_id: str
    kind: MovementKind
    quantity: Decimal
    reference: str
    at: datetime
    actor: str
    reason: str = ""


@define(slots=False, eq=False)
class StockLevel:
    product_id: str
    warehouse_id: str
    on_hand: Decimal = Decimal(0)
    reserved: Decimal = Decimal(0)
    version: int = 0
    new_movements: list[StockMovement] = field(factory=list, init=False, repr=False)
    events: list[DomainEvent] = field(factory=list, init=False, repr=False)

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.reserved

    def _move(self, kind: MovementKind, quantity: Decimal, reference: str, at: datetime, actor: str,
              reason: str = "") -> StockMovement:
        movement = StockMovement(id=new_id(), product_id=self.product_id, warehouse_id=self.warehouse_id,
                                 kind=kind, quantity=quantity, reference=reference, at=at, actor=actor,
                                 reason=reason)
        self.on_hand += quantity
        self.new_movements.append(movement)
        self.events.append(StockMoved(aggregate_id=f"{self.product_id}@{self.warehouse_id}", occurred_at=at,
                                      product_id=self.product_id, warehouse_id=self.warehouse_id,
                                      kind=kind.value, quantity=quantity, reference=reference))
        return movement

    def receive(self, quantity: Decimal, reference: str, at: datetime, actor: str) -> StockMovement:
        if quantity <= 0:
            raise InvalidValue("quantity", "a receipt must be greater than zero")
        return self._move(MovementKind.RECEIPT, quantity, reference, at, actor)

    def adjust(self, counted_change: Decimal, reference: str, reason: str, at: datetime,
               actor: str) -> StockMovement:
        """Correct on_hand after a count. Never below what is reserved: release reservations first."""
        if counted_change == 0:
            raise InvalidValue("quantity", "an adjustment must change the quantity")
        if not reason.strip():
            raise InvalidValue("reason", "an adjustment needs a reason")
        if self.available + counted_change < 0:
            raise refuse("StockMustNotGoNegative",
                         f"adjusting by {counted_change} would leave {self.available + counted_change} available "
                         f"({self.on_hand} on hand, {self.reserved} reserved)")
        return self._move(MovementKind.ADJUSTMENT, counted_change, reference, at, actor, reason)

    def reserve(self, quantity: Decimal) -> None:
        if quantity <= 0:
            raise InvalidValue("quantity", "a reservation must be greater than zero")
        if quantity > self.available:
            raise refuse("StockMustBeAvailable",
                         f"{quantity} requested, {self.available} available in warehouse {self.warehouse_id}")
        self.reserved += quantity

    def release(self, quantity: Decimal) -> None:
        if quantity < 0 or quantity > self.reserved:
            raise InvalidValue("quantity", f"cannot release {quantity} of {self.reserved} reserved")
        self.reserved -= quantity

    def issue(self, quantity: Decimal, from_reservation: Decimal, reference: str, at: datetime,
              actor: str) -> StockMovement:
        """Ship `quantity`, of which `from_reservation` was reserved for it; the rest must be available."""
        if quantity <= 0:
            raise InvalidValue("quantity", "an issue must be greater than zero")
        unreserved = quantity - from_reservation
        if unreserved > self.available:
            raise refuse("StockMustBeAvailable",
                         f"{unreserved} more than reserved requested, {self.available} available")
        self.release(from_reservation)
        return self._move(MovementKind.ISSUE, -quantity, reference, at, actor)




