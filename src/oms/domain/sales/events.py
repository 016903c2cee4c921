"""Events of the sales documents beyond their creation and status changes."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import ClassVar

from attrs import frozen

from oms.domain.shared.events import DomainEvent


@frozen(kw_only=True)
class QuotationRevised(DomainEvent):
    """A quotation was revised: a new version of it was made (with its own id and number) and this one superseded."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "number": "The number of the quotation revised (superseded).",
        "new_quotation_id": "The id of the new version.",
        "new_number": "The number of the new version.",
    }

    number: str
    new_quotation_id: str
    new_number: str


@frozen(kw_only=True)
class QuotationConverted(DomainEvent):
    """A quotation became a sales order. Declared for consumers; a conversion is published today as the quotation's
    StatusChanged to `converted` and the order's DocumentCreated."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "number": "The quotation's number.",
        "sales_order_id": "The id of the sales order made from it.",
    }

    number: str
    sales_order_id: str


@frozen(kw_only=True)
class GoodsIssued(DomainEvent):
    """Goods of a confirmed sales order left a warehouse (a goods issue was posted); partial issues each publish one."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "number": "The sales order's number.",
        "goods_issue_number": "The goods issue's number.",
        "warehouse_id": "The id of the warehouse the goods left.",
        "lines": "Each order line issued, as [order line id, quantity issued].",
    }

    number: str
    goods_issue_number: str
    warehouse_id: str
    lines: tuple[tuple[str, Decimal], ...]  # (order line id, quantity)
