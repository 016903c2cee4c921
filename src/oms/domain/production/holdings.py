"""What a work order holds of stock (W2): components reserved at release and when missing stock arrives, material
transferred to it, the open reservation derived from the posted consumption lines, and its release when the order
ends. The stock levels' `reserved` moves by exactly what the open reservations move, so a level always holds the sum
of the open reservations of the orders (and sales orders) drawing on it, and available never goes negative."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from oms.domain.production.records import OPEN, Component, ConsumptionLine, Transfer, WorkOrderStatus
from oms.domain.shared.errors import InvalidValue, NotFound, refuse
from oms.domain.shared.events import DomainEvent
from oms.domain.stock.events import ReservationReleased, StockReserved
from oms.domain.stock.levels import StockLevel


class HoldsStock:
    """The part of a work order that holds stock; `levels` are its warehouse's, by product id."""

    id: str
    number: str
    warehouse_id: str
    status: WorkOrderStatus
    components: list[Component]
    consumptions: list[ConsumptionLine]
    transfers: list[Transfer]
    events: list[DomainEvent]

    def component(self, product_id: str) -> Component:
        for component in self.components:
            if component.product_id == product_id:
                return component
        raise NotFound("component", product_id, "product_id")

    def consumed(self, component: Component) -> Decimal:
        return sum((line.quantity for line in self.consumptions if line.component_id == component.id), Decimal(0))

    def transferred(self, component: Component) -> Decimal:
        return sum((t.quantity for t in self.transfers if t.component_id == component.id), Decimal(0))

    def open_reserved(self, component: Component) -> Decimal:
        """Reserved less what consumption took of the reservation; nothing once the order is not open."""
        if self.status not in OPEN:
            return Decimal(0)
        taken = sum((line.from_reservation for line in self.consumptions if line.component_id == component.id),
                    Decimal(0))
        return component.held - taken

    def missing(self, component: Component) -> Decimal:
        """What is still to consume of the requirement and not reserved (0 once the order is not open)."""
        if self.status not in OPEN | {WorkOrderStatus.DRAFT}:
            return Decimal(0)
        return max(component.required - self.consumed(component) - self.open_reserved(component), Decimal(0))

    @property
    def fully_reserved(self) -> bool:
        return all(self.missing(c) == 0 for c in self.components)

    def _must_be_open(self) -> None:
        if self.status not in OPEN:
            raise refuse("WorkOrderMustBeReleased", f"{self.number} is {self.status}")

    def _hold(self, component: Component, quantity: Decimal, level: StockLevel, at: datetime) -> None:
        level.reserve(quantity)
        component.held += quantity
        self.events.append(StockReserved(aggregate_id=self.id, occurred_at=at, product_id=component.product_id,
                                         warehouse_id=self.warehouse_id, quantity=quantity))

    def reserve_missing(self, levels: Mapping[str, StockLevel], at: datetime) -> Decimal:
        """Reserve what is missing of each component from what is available now; returns how much was."""
        self._must_be_open()
        total = Decimal(0)
        for component in self.components:
            take = min(self.missing(component), levels[component.product_id].available)
            if take > 0:
                self._hold(component, take, levels[component.product_id], at)
                total += take
        return total

    def transfer(self, quantities: Mapping[str, Decimal], levels: Mapping[str, StockLevel], at: datetime,
                 actor: str) -> None:
        """Transfer material of components (by product id) to the order: it is held for the order (reserved as far
        as it is not yet), beyond the requirement if need be; a backflush by transferred quantities shares it out.
        Refused whole (StockMustBeAvailable) if the warehouse has not that much available."""
        self._must_be_open()
        extra: dict[str, Decimal] = {}
        for product_id, quantity in quantities.items():
            if quantity <= 0:
                raise InvalidValue(f"quantities.{product_id}", "must be greater than zero")
            component = self.component(product_id)
            unheld = self.transferred(component) + quantity - self.consumed(component) - self.open_reserved(component)
            extra[component.id] = max(unheld, Decimal(0))
            if extra[component.id] > levels[product_id].available:
                raise refuse("StockMustBeAvailable", f"{self.number}: {component.sku}: {extra[component.id]} more "
                             f"to hold, {levels[product_id].available} available")
        for product_id, quantity in quantities.items():
            component = self.component(product_id)
            self.transfers.append(Transfer(component_id=component.id, quantity=quantity, at=at, actor=actor))
            if extra[component.id] > 0:
                self._hold(component, extra[component.id], levels[product_id], at)

    def _release_open(self, still_open: Mapping[str, Decimal], levels: Mapping[str, StockLevel],
                      at: datetime) -> None:
        """Give back to stock what was open (by component id) before the order stopped holding anything."""
        for component in self.components:
            quantity = still_open[component.id]
            if quantity > 0:
                levels[component.product_id].release(quantity)
                self.events.append(ReservationReleased(aggregate_id=self.id, occurred_at=at,
                                                       product_id=component.product_id,
                                                       warehouse_id=self.warehouse_id, quantity=quantity))
