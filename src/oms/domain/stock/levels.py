"""Stock per product and warehouse: counters backed by immutable movements, and reservations.

on_hand is the sum of the movements; reserved is the sum of open reservations; available = on_hand - reserved
is never negative. Every change to on_hand goes through a method here, which records the movement. The level's
value is the sum of the movements' values, by the costing method of `valuation.py` (moving average).
"""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal
from typing import ClassVar

from attrs import define, field, frozen

from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import new_id
from oms.domain.shared.items import check_unit_price
from oms.domain.shared.money import Currency
from oms.domain.stock.events import StockMoved
from oms.domain.stock.valuation import MOVING_AVERAGE, CostingMethod, rate


class MovementKind(enum.StrEnum):
    RECEIPT = "receipt"
    ISSUE = "issue"
    ADJUSTMENT = "adjustment"
    PRODUCTION = "production"
    CONSUMPTION = "consumption"
    TRANSFER = "transfer"
    RETURN = "return"  # goods a customer sent back
    SUPPLIER_RETURN = "supplier_return"  # received goods sent back to the supplier


@frozen(kw_only=True)
class StockMovement:
    """An immutable change of on_hand: positive in, negative out, with the value it moved (signed like the quantity)
    and the unit cost it was valued at."""

    id: str
    product_id: str
    warehouse_id: str
    kind: MovementKind
    quantity: Decimal
    reference: str
    at: datetime
    actor: str
    reason: str = ""
    value: Decimal = Decimal(0)
    unit_cost: Decimal = Decimal(0)


@define(slots=False, eq=False)
class StockLevel:
    """`value` is what the units on hand are worth (the sum of the movements' values); `unit_cost` the average cost
    after the last movement that left stock (kept when none is left, for the next receipt without a cost)."""

    product_id: str
    warehouse_id: str
    on_hand: Decimal = Decimal(0)
    reserved: Decimal = Decimal(0)
    value: Decimal = Decimal(0)
    unit_cost: Decimal | None = None
    version: int = 0
    new_movements: list[StockMovement] = field(factory=list, init=False, repr=False)
    events: list[DomainEvent] = field(factory=list, init=False, repr=False)

    costing: ClassVar[CostingMethod] = MOVING_AVERAGE

    @property
    def available(self) -> Decimal:
        return self.on_hand - self.reserved

    @property
    def average_cost(self) -> Decimal | None:
        return self.costing.average(self)

    def _move(self, kind: MovementKind, quantity: Decimal, value: Decimal, unit_cost: Decimal, reference: str,
              at: datetime, actor: str, currency: Currency, reason: str = "") -> StockMovement:
        movement = StockMovement(id=new_id(), product_id=self.product_id, warehouse_id=self.warehouse_id,
                                 kind=kind, quantity=quantity, reference=reference, at=at, actor=actor,
                                 reason=reason, value=value, unit_cost=unit_cost)
        self.on_hand += quantity
        self.value += value
        if self.on_hand > 0:
            self.unit_cost = rate(self.value / self.on_hand)
        self.new_movements.append(movement)
        self.events.append(StockMoved(aggregate_id=f"{self.product_id}@{self.warehouse_id}", occurred_at=at,
                                      product_id=self.product_id, warehouse_id=self.warehouse_id,
                                      kind=kind.value, quantity=quantity, reference=reference, value=value,
                                      unit_cost=unit_cost, currency=currency.code, actor=actor))
        return movement

    def _in(self, kind: MovementKind, quantity: Decimal, unit_cost: Decimal | None, reference: str, at: datetime,
            actor: str, currency: Currency, reason: str = "") -> StockMovement:
        """Bring `quantity` at `unit_cost`, or at the average cost (zero for a level never valued)."""
        cost = self.average_cost or Decimal(0) if unit_cost is None else check_unit_price(unit_cost, "unit_cost")
        return self._move(kind, quantity, currency.round(quantity * cost), rate(cost), reference, at, actor,
                          currency, reason)

    def _out(self, kind: MovementKind, quantity: Decimal, reference: str, at: datetime, actor: str,
             currency: Currency, reason: str = "") -> StockMovement:
        """Take `quantity` out with the value the costing method gives it."""
        cost = self.average_cost or Decimal(0)
        value = self.costing.value_out(self, quantity, currency)
        return self._move(kind, -quantity, -value, cost, reference, at, actor, currency, reason)

    def receive(self, quantity: Decimal, reference: str, at: datetime, actor: str, *, currency: Currency,
                unit_cost: Decimal | None = None) -> StockMovement:
        if quantity <= 0:
            raise InvalidValue("quantity", "a receipt must be greater than zero")
        return self._in(MovementKind.RECEIPT, quantity, unit_cost, reference, at, actor, currency)

    def receive_return(self, quantity: Decimal, value: Decimal, reference: str, at: datetime, actor: str, *,
                       currency: Currency) -> StockMovement:
        """Goods a customer sent back, worth exactly `value`: the cost they left with, not today's average."""
        if quantity <= 0:
            raise InvalidValue("quantity", "a return must be greater than zero")
        return self._move(MovementKind.RETURN, quantity, value, rate(value / quantity), reference, at, actor,
                          currency)

    def return_to_supplier(self, quantity: Decimal, value: Decimal, reference: str, at: datetime, actor: str, *,
                           currency: Currency) -> StockMovement:
        """Received goods sent back to their supplier, taking out exactly `value` (what they came in at), never
        more than is available."""
        if quantity <= 0:
            raise InvalidValue("quantity", "a return must be greater than zero")
        if quantity > self.available:
            raise refuse("StockMustBeAvailable",
                         f"{quantity} to return, {self.available} available in warehouse {self.warehouse_id}")
        value = min(value, self.value) if quantity < self.on_hand else self.value
        return self._move(MovementKind.SUPPLIER_RETURN, -quantity, -value, rate(value / quantity), reference, at,
                          actor, currency)

    def adjust(self, counted_change: Decimal, reference: str, reason: str, at: datetime, actor: str, *,
               currency: Currency, unit_cost: Decimal | None = None) -> StockMovement:
        """Correct on_hand after a count. Never below what is reserved: release reservations first. Found units
        come in at `unit_cost` or the average cost; lost ones go out at the average cost."""
        if counted_change == 0:
            raise InvalidValue("quantity", "an adjustment must change the quantity")
        if not reason.strip():
            raise InvalidValue("reason", "an adjustment needs a reason")
        if self.available + counted_change < 0:
            raise refuse("StockMustNotGoNegative",
                         f"adjusting by {counted_change} would leave {self.available + counted_change} available "
                         f"({self.on_hand} on hand, {self.reserved} reserved)")
        if counted_change > 0:
            return self._in(MovementKind.ADJUSTMENT, counted_change, unit_cost, reference, at, actor, currency,
                            reason)
        return self._out(MovementKind.ADJUSTMENT, -counted_change, reference, at, actor, currency, reason)

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

    def issue(self, quantity: Decimal, from_reservation: Decimal, reference: str, at: datetime, actor: str, *,
              currency: Currency) -> StockMovement:
        """Ship `quantity`, of which `from_reservation` was reserved for it; the rest must be available. It takes
        out its value at the average cost (the movement's value, negative: the cost of the goods issued)."""
        return self._take(MovementKind.ISSUE, quantity, from_reservation, reference, at, actor, currency)

    def consume(self, quantity: Decimal, from_reservation: Decimal, reference: str, at: datetime, actor: str, *,
                currency: Currency) -> StockMovement:
        """Use `quantity` as a component of a production, of which `from_reservation` was reserved for it; the
        rest must be available. It takes out its value at the average cost, as an issue does."""
        return self._take(MovementKind.CONSUMPTION, quantity, from_reservation, reference, at, actor, currency)

    def _take(self, kind: MovementKind, quantity: Decimal, from_reservation: Decimal, reference: str,
              at: datetime, actor: str, currency: Currency) -> StockMovement:
        if quantity <= 0:
            raise InvalidValue("quantity", f"{'an issue' if kind is MovementKind.ISSUE else 'a consumption'} must be "
                               "greater than zero")
        unreserved = quantity - from_reservation
        if unreserved > self.available:
            raise refuse("StockMustBeAvailable",
                         f"{unreserved} more than reserved requested, {self.available} available")
        self.release(from_reservation)
        return self._out(kind, quantity, reference, at, actor, currency)

    def produce(self, quantity: Decimal, value: Decimal, reference: str, at: datetime, actor: str, *,
                currency: Currency) -> StockMovement:
        """Bring finished goods out of a production, worth exactly `value` (what their components, labour and
        overhead cost), not today's average."""
        if quantity <= 0:
            raise InvalidValue("quantity", "a production must be greater than zero")
        return self._move(MovementKind.PRODUCTION, quantity, value, rate(value / quantity), reference, at, actor,
                          currency)
