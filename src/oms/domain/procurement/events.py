"""Events of purchase orders: created, sent, submitted for approval, approved, ordered, closed, cancelled, goods
received and goods returned to the supplier (each status change also raises the shared `StatusChanged`); each
status event carries the order's number and who changed it."""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from oms.domain.shared.events import DomainEvent


@frozen(kw_only=True)
class PurchaseOrderCreated(DomainEvent):
    number: str
    supplier_id: str
    branch_id: str
    currency: str


@frozen(kw_only=True)
class PurchaseOrderSent(DomainEvent):
    number: str
    actor: str


@frozen(kw_only=True)
class PurchaseOrderSubmittedForApproval(DomainEvent):
    """The order's total reached its branch's approval threshold: a manager must approve it."""

    number: str
    actor: str
    grand_total: Decimal
    threshold: Decimal


@frozen(kw_only=True)
class PurchaseOrderApproved(DomainEvent):
    number: str
    actor: str


@frozen(kw_only=True)
class PurchaseOrderOrdered(DomainEvent):
    number: str
    actor: str


@frozen(kw_only=True)
class PurchaseOrderClosed(DomainEvent):
    """Closed: what was not received will not be (the open remainder is closed short)."""

    number: str
    actor: str
    reason: str


@frozen(kw_only=True)
class PurchaseOrderCancelled(DomainEvent):
    number: str
    actor: str
    reason: str


@frozen(kw_only=True)
class GoodsReceived(DomainEvent):
    """A goods receipt posted: `lines` are (order line id, quantity); `value` what the goods are worth in stock,
    in the branch's currency."""

    number: str
    receipt_number: str
    warehouse_id: str
    lines: tuple[tuple[str, Decimal], ...]
    value: Decimal


@frozen(kw_only=True)
class GoodsReturnedToSupplier(DomainEvent):
    """Received goods sent back to the supplier, taking `value` out of stock (in the branch's currency)."""

    number: str
    return_number: str
    warehouse_id: str
    line_id: str
    quantity: Decimal
    value: Decimal
