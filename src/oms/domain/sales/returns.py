"""Customer returns: an authorisation (RMA-000001) to send back some delivered units of one order line, and the
receipts of those units into a warehouse, each valued at the cost the goods left with.

Rules (each has a test, see docs/rules.md):
- a line's returns authorised never exceed what it delivered (issued): `CannotReturnMoreThanDelivered`;
- an authorisation's receipts never exceed it: `CannotReceiveMoreThanAuthorised`;
- returned units come back at the average unit cost of the line's goods issues, not today's average cost (ERPNext
  #30529, PR #31871: returns valued at the current rate inflated stock), as cumulative shares of what the issues
  took out, so returning everything gives back exactly the cost of the goods issued;
- a receipt reduces the line's delivered quantity (issued - returned), which is what invoicing on delivered
  quantities bills; it does not reopen the line for shipping (a replacement is a new order).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import ClassVar

from attrs import define, field, frozen

from oms.domain.shared.events import DomainEvent


@define(slots=False, eq=False, kw_only=True)
class ReturnReceipt:
    """Returned units received into a warehouse (GR-000001), worth `value`."""

    id: str
    number: str
    warehouse_id: str
    quantity: Decimal
    value: Decimal
    received_at: datetime
    actor: str


@define(slots=False, eq=False, kw_only=True)
class CustomerReturn:
    """A return authorisation of `quantity` units of one order line, and the receipts of what came back."""

    id: str
    number: str
    line_id: str
    product_id: str
    quantity: Decimal
    reason: str
    authorised_at: datetime
    actor: str
    receipts: list[ReturnReceipt] = field(factory=list)

    @property
    def received(self) -> Decimal:
        return sum((receipt.quantity for receipt in self.receipts), Decimal(0))

    @property
    def open(self) -> Decimal:
        """What is authorised and not yet received."""
        return self.quantity - self.received


@frozen(kw_only=True)
class ReturnAuthorised(DomainEvent):
    """A return of delivered units of one order line was authorised (an RMA): the customer may send them back."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "number": "The sales order's number.",
        "return_number": "The return authorisation's number (RMA-000001).",
        "line_id": "The id of the order line returned.",
        "quantity": "How many units may come back.",
    }

    number: str
    return_number: str
    line_id: str
    quantity: Decimal


@frozen(kw_only=True)
class GoodsReturned(DomainEvent):
    """Returned units received: `value` is what they are worth in stock (the cost they left with)."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "number": "The sales order's number.",
        "return_number": "The return authorisation's number.",
        "receipt_number": "The receipt's number (GR-000001).",
        "warehouse_id": "The id of the warehouse the units came back into.",
        "line_id": "The id of the order line returned.",
        "quantity": "How many units came back.",
        "value": "What they are worth in stock, in the warehouse's branch currency.",
    }

    number: str
    return_number: str
    receipt_number: str
    warehouse_id: str
    line_id: str
    quantity: Decimal
    value: Decimal
