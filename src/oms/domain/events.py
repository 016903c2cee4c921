"""Domain events: facts in the past tense that aggregates record and the outbox publishes."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from attrs import frozen


@frozen(kw_only=True)
class DomainEvent:
    aggregate_id: str
    occurred_at: datetime

    @property
    def name(self) -> str:
        return type(self).__name__


@frozen(kw_only=True)
class DocumentCreated(DomainEvent):
    document_type: str
    number: str


@frozen(kw_only=True)
class StatusChanged(DomainEvent):
    document_type: str
    number: str
    from_status: str
    to_status: str
    actor: str
    reason: str


@frozen(kw_only=True)
class QuotationRevised(DomainEvent):
    number: str
    new_quotation_id: str
    new_number: str


@frozen(kw_only=True)
class QuotationConverted(DomainEvent):
    number: str
    sales_order_id: str


@frozen(kw_only=True)
class StockReserved(DomainEvent):
    product_id: str
    warehouse_id: str
    quantity: Decimal


@frozen(kw_only=True)
class ReservationReleased(DomainEvent):
    product_id: str
    warehouse_id: str
    quantity: Decimal


@frozen(kw_only=True)
class GoodsIssued(DomainEvent):
    number: str
    goods_issue_number: str
    warehouse_id: str
    lines: tuple[tuple[str, Decimal], ...]  # (order line id, quantity)


@frozen(kw_only=True)
class StockMoved(DomainEvent):
    product_id: str
    warehouse_id: str
    kind: str
    quantity: Decimal
    reference: str
