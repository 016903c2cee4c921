"""Events of production: outputs reported (with their cost), consumption deviations recorded, labour logged (each
status change of a work order or service order also raises the shared `StatusChanged`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import ClassVar, Protocol

from attrs import frozen

from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.events import DocumentCreated, DomainEvent
from oms.domain.shared.money import Currency

NUMBER = {"number": "The work order's number."}


@frozen(kw_only=True)
class OutputReported(DomainEvent):
    """Finished goods were made and put into stock, their components consumed: what accounting posts as Dr finished
    goods inventory `value` / Cr component inventory `component_value` / Cr labour absorbed `labour_value` / Cr
    overhead absorbed `overhead_value` (in the warehouse's branch currency)."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **NUMBER, "reference": "The output's reference (the work order's number and the output's sequence).",
        "product_id": "The id of the product made.", "warehouse_id": "The id of the warehouse it went into.",
        "quantity": "How many good units were made.",
        "component_value": "What the components consumed for it took out of stock.",
        "labour_value": "The labour it absorbed (hours x rate).", "overhead_value": "The overhead it absorbed.",
        "value": "What the units made are worth in stock: the sum of the three.",
        "unit_cost": "The value of one unit made.", "currency": "The currency of the values (ISO 4217).",
        "actor": "Who reported it."}

    number: str
    reference: str
    product_id: str
    warehouse_id: str
    quantity: Decimal
    component_value: Decimal
    labour_value: Decimal
    overhead_value: Decimal
    value: Decimal
    unit_cost: Decimal
    currency: str
    actor: str


@frozen(kw_only=True)
class ConsumptionDeviated(DomainEvent):
    """An output consumed another quantity of a component than the BOM says, accepted under a warning BOM."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **NUMBER, "product_id": "The id of the component.", "expected": "What the BOM says the output takes.",
        "actual": "What was reported consumed.", "actor": "Who reported it."}

    number: str
    product_id: str
    expected: Decimal
    actual: Decimal
    actor: str


@frozen(kw_only=True)
class LabourLogged(DomainEvent):
    """Hours were logged on a service order."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "number": "The service order's number.", "line_id": "The id of the labour line.",
        "person": "Who worked.", "hours": "How many hours.", "billable": "Whether the customer pays for them.",
        "actor": "Who logged them."}

    number: str
    line_id: str
    person: str
    hours: Decimal
    billable: bool
    actor: str


class Order(Protocol):
    id: str
    number: str
    currency: str
    quantity: Decimal
    created_at: datetime
    version: int
    events: list[DomainEvent]


def check_order(order: Order, document_type: str) -> None:
    """Check an order's currency and quantity when it is made or loaded; a new one (version 0) records that it was
    created."""
    Currency.of(order.currency)
    if order.quantity <= 0:
        raise InvalidValue("quantity", "must be greater than zero")
    if order.version == 0:
        order.events.append(DocumentCreated(aggregate_id=order.id, occurred_at=order.created_at,
                                            document_type=document_type, number=order.number))
