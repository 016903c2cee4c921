"""Events of the sales documents beyond their creation and status changes."""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from oms.domain.shared.events import DomainEvent


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
class GoodsIssued(DomainEvent):
    number: str
    goods_issue_number: str
    warehouse_id: str
    lines: tuple[tuple[str, Decimal], ...]  # (order line id, quantity)
