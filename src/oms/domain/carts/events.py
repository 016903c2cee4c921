"""Events of carts: checked out, merged at sign-in, expired, and a recovery message claimed (the message itself
goes out after commit, through the relay)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import ClassVar

from attrs import frozen

from oms.domain.shared.events import DomainEvent


@frozen(kw_only=True)
class CartCheckedOut(DomainEvent):
    """A cart was converted into a confirmed sales order (its holds of stock became the order's reservations)."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "order_id": "The sales order's id.", "order_number": "The sales order's number (SO-000001).",
        "total": "The order's total, tax included.", "currency": "ISO 4217 code.",
        "customer_id": "The customer's id.", "branch_id": "The branch's id.",
        "after_reminders": "How many recovery messages the cart had been sent before (0: not a recovery)."}

    order_id: str
    order_number: str
    total: Decimal
    currency: str
    customer_id: str
    branch_id: str
    after_reminders: int


@frozen(kw_only=True)
class CartMerged(DomainEvent):
    """An anonymous cart was merged into its customer's cart at sign-in."""

    field_descriptions: ClassVar[Mapping[str, str]] = {"into_cart_id": "The customer's cart it was merged into."}

    into_cart_id: str


@frozen(kw_only=True)
class CartExpired(DomainEvent):
    """A cart idle past its expiry was closed."""

    field_descriptions: ClassVar[Mapping[str, str]] = {"lines": "How many lines it had."}

    lines: int


@frozen(kw_only=True)
class RecoveryMessageClaimed(DomainEvent):
    """A recovery stage of an abandoned cart was claimed: its message is sent once, after this commit."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "stage": "The recovery stage, from 1.", "branch_id": "The cart's branch's id."}

    stage: int
    branch_id: str
