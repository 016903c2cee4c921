"""Events of purchase orders: created, sent, submitted for approval, approved, ordered, closed, cancelled, goods
received and goods returned to the supplier (each status change also raises the shared `StatusChanged`); each
status event carries the order's number and who changed it."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import ClassVar

from attrs import frozen

from oms.domain.shared.events import DomainEvent

NUMBER = {"number": "The purchase order's number."}
BY = {**NUMBER, "actor": "Who did it (a user, a token's name, or `scheduler`)."}


@frozen(kw_only=True)
class PurchaseOrderCreated(DomainEvent):
    """A purchase order was made (draft), directly or from an award."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **NUMBER, "supplier_id": "The id of the supplier it buys from.",
        "branch_id": "The id of the branch that buys.", "currency": "Its currency (the supplier's), ISO 4217."}

    number: str
    supplier_id: str
    branch_id: str
    currency: str


@frozen(kw_only=True)
class PurchaseOrderSent(DomainEvent):
    """The purchase order was sent to the supplier."""

    field_descriptions: ClassVar[Mapping[str, str]] = BY

    number: str
    actor: str


@frozen(kw_only=True)
class PurchaseOrderSubmittedForApproval(DomainEvent):
    """The order's total reached its branch's approval threshold: a manager must approve it."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **BY, "grand_total": "The order's grand total in the branch's currency.",
        "threshold": "The branch's approval threshold it reached."}

    number: str
    actor: str
    grand_total: Decimal
    threshold: Decimal


@frozen(kw_only=True)
class PurchaseOrderApproved(DomainEvent):
    """A manager approved the purchase order; it is ordered."""

    field_descriptions: ClassVar[Mapping[str, str]] = BY

    number: str
    actor: str


@frozen(kw_only=True)
class PurchaseOrderOrdered(DomainEvent):
    """The purchase order is firm with the supplier: goods may be received against it."""

    field_descriptions: ClassVar[Mapping[str, str]] = BY

    number: str
    actor: str


@frozen(kw_only=True)
class PurchaseOrderClosed(DomainEvent):
    """Closed: what was not received will not be (the open remainder is closed short)."""

    field_descriptions: ClassVar[Mapping[str, str]] = {**BY, "reason": "Why it was closed (may be empty)."}

    number: str
    actor: str
    reason: str


@frozen(kw_only=True)
class PurchaseOrderCancelled(DomainEvent):
    """The purchase order was cancelled before anything was received or billed."""

    field_descriptions: ClassVar[Mapping[str, str]] = {**BY, "reason": "Why it was cancelled."}

    number: str
    actor: str
    reason: str


@frozen(kw_only=True)
class GoodsReceived(DomainEvent):
    """A goods receipt posted: `lines` are (order line id, quantity); `value` what the goods are worth in stock,
    in the branch's currency."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **NUMBER, "receipt_number": "The goods receipt's number.",
        "warehouse_id": "The id of the warehouse the goods arrived in.",
        "lines": "Each order line received, as [order line id, quantity received].",
        "value": "What the goods received are worth in stock, in the branch's currency."}

    number: str
    receipt_number: str
    warehouse_id: str
    lines: tuple[tuple[str, Decimal], ...]
    value: Decimal


@frozen(kw_only=True)
class GoodsReturnedToSupplier(DomainEvent):
    """Received goods sent back to the supplier, taking `value` out of stock (in the branch's currency)."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **NUMBER, "return_number": "The return's number.",
        "warehouse_id": "The id of the warehouse the goods left.", "line_id": "The id of the order line returned.",
        "quantity": "How much went back.", "value": "What left stock, in the branch's currency."}

    number: str
    return_number: str
    warehouse_id: str
    line_id: str
    quantity: Decimal
    value: Decimal
