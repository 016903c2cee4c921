"""Events of stock: reserved, released, moved."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import ClassVar

from attrs import frozen

from oms.domain.shared.events import DomainEvent


@frozen(kw_only=True)
class StockReserved(DomainEvent):
    """Stock was reserved for a sales order (when it is confirmed) or for the components of a work order (when it is
    released, and when missing stock arrives): one per product and warehouse reserved from. `aggregate_id` is the
    order's id."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "product_id": "The id of the product reserved.",
        "warehouse_id": "The id of the warehouse it is reserved in.",
        "quantity": "How much was reserved, in the product's unit.",
    }

    product_id: str
    warehouse_id: str
    quantity: Decimal


@frozen(kw_only=True)
class ReservationReleased(DomainEvent):
    """A sales order's reservation was given back (the order cancelled, or issued short), or a work order's (the order
    closed or cancelled): the quantity is available again. `aggregate_id` is the order's id."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "product_id": "The id of the product released.",
        "warehouse_id": "The id of the warehouse it was reserved in.",
        "quantity": "How much was released, in the product's unit.",
    }

    product_id: str
    warehouse_id: str
    quantity: Decimal


@frozen(kw_only=True)
class StockMoved(DomainEvent):
    """A movement of stock: `kind` (receipt, issue, adjustment, return, ...), the signed `quantity` and `value` (in
    the warehouse's branch currency; an issue's value is the cost of the goods issued) and the `unit_cost` it was
    valued at. What accounting posts (inventory against cost of goods sold or goods received) reads from here.
    `aggregate_id` is `<product id>@<warehouse id>`."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "product_id": "The id of the product moved.",
        "warehouse_id": "The id of the warehouse.",
        "kind": "receipt, issue, adjustment, production, consumption, transfer or return.",
        "quantity": "The signed quantity: positive in, negative out.",
        "reference": "The document that moved it (a goods issue's or receipt's number, ...).",
        "value": "The value moved, signed like the quantity, in `currency`.",
        "unit_cost": "The unit cost it was valued at.",
        "currency": "The currency of `value` and `unit_cost` (ISO 4217; the warehouse's branch currency).",
        "actor": "Who moved it: a user's or token's name, or `scheduler`.",
    }

    product_id: str
    warehouse_id: str
    kind: str
    quantity: Decimal
    reference: str
    value: Decimal = Decimal(0)
    unit_cost: Decimal = Decimal(0)
    currency: str = ""
    actor: str = ""
