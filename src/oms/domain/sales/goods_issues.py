"""Goods issues: shipments of some of an order's lines from one warehouse."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from attrs import define, field


@define(slots=False, eq=False, kw_only=True)
class GoodsIssueLine:
    """`value`: the cost of the goods issued, what the stock level's value went down by (0 for goods whose stock
    is not counted)."""

    id: str
    line_id: str
    product_id: str
    quantity: Decimal
    value: Decimal = Decimal(0)


@define(slots=False, eq=False, kw_only=True)
class GoodsIssue:
    """One shipment of some of an order's lines from one warehouse."""

    id: str
    number: str
    warehouse_id: str
    issued_at: datetime
    actor: str
    lines: list[GoodsIssueLine] = field(factory=list)
