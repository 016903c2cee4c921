"""What a work order keeps: its components (with what was reserved for them), and its posted outputs, consumption
lines and deviations, from which every progress figure is derived (X1)."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

from attrs import define, frozen

from oms.domain.production.requirements import Need
from oms.domain.shared.lifecycle import Transition


class BackflushBasis(enum.StrEnum):
    """What an output's backflush is a share of: the BOM's requirement, or what was transferred to the order."""

    BOM = "bom"
    TRANSFERRED = "transferred"


class WorkOrderStatus(enum.StrEnum):
    DRAFT = "draft"
    RELEASED = "released"  # components reserved, nothing made yet
    IN_PROGRESS = "in_progress"
    TO_CLOSE = "to_close"  # the planned quantity is made
    DONE = "done"
    CLOSED_SHORT = "closed_short"
    CANCELLED = "cancelled"


_S = WorkOrderStatus
OPEN = frozenset({_S.RELEASED, _S.IN_PROGRESS, _S.TO_CLOSE})
"""The statuses that hold reservations and may report outputs."""
TRANSITIONS: dict[WorkOrderStatus, Transition[WorkOrderStatus]] = {
    _S.RELEASED: Transition(sources=frozenset({_S.DRAFT}), rule="WorkOrderMustBeDraft"),
    _S.DONE: Transition(sources=frozenset({_S.TO_CLOSE}), rule="WorkOrderMustBeMade"),
    _S.CLOSED_SHORT: Transition(sources=frozenset({_S.RELEASED, _S.IN_PROGRESS}), rule="WorkOrderMustBeOpen"),
    _S.CANCELLED: Transition(sources=frozenset({_S.DRAFT, _S.RELEASED}), rule="WorkOrderMustNotHaveStarted"),
}
PROGRESS: dict[WorkOrderStatus, Transition[WorkOrderStatus]] = {
    target: Transition(sources=OPEN, rule="WorkOrderMustBeReleased") for target in (_S.IN_PROGRESS, _S.TO_CLOSE)}


@define(slots=False, eq=False, kw_only=True)
class Component:
    """A component of a work order: what it needs in all (`required`, W1) and how much was reserved for it in the
    work order's warehouse (`held`: at release, and when missing stock arrived); the open reservation is derived."""

    id: str
    need: Need
    required: Decimal
    held: Decimal = Decimal(0)

    @property
    def product_id(self) -> str:
        return self.need.product_id

    @property
    def sku(self) -> str:
        return self.need.sku


@frozen(kw_only=True)
class Transfer:
    """Material of a component transferred to the order (held for it in its warehouse, beyond its requirement if
    need be): what a backflush by transferred quantities shares out."""

    component_id: str
    quantity: Decimal
    at: datetime
    actor: str


@frozen(kw_only=True)
class ConsumptionLine:
    """A posted consumption of a component by one output: `from_reservation` of it came out of the work order's
    reservation; `value` is what the stock movement took out (positive)."""

    id: str
    output_id: str
    component_id: str
    product_id: str
    quantity: Decimal
    from_reservation: Decimal
    value: Decimal


@frozen(kw_only=True)
class Output:
    """A posted step of production: good units put into stock, worth the components consumed for them, the labour
    and the overhead they absorbed."""

    id: str
    reference: str
    quantity: Decimal
    component_value: Decimal
    labour_value: Decimal
    overhead_value: Decimal
    value: Decimal
    unit_cost: Decimal
    at: datetime
    actor: str


@frozen(kw_only=True)
class Deviation:
    """An output that consumed another quantity of a component than the BOM says (accepted under a warning BOM)."""

    output_id: str
    product_id: str
    expected: Decimal
    actual: Decimal
