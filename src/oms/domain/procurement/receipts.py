"""Goods receipts of a purchase order (GR-000001) and returns of received goods to the supplier (RTS-000001).

A receipt is posted when it is made (there are no draft receipts yet): its lines add stock at the order's unit cost,
converted to the branch's currency. A return takes received units back out at the cost they came in at.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from attrs import define, field


@define(slots=False, eq=False, kw_only=True)
class GoodsReceiptLine:
    """`value`: what the units are worth in stock, in the branch's currency (quantity x the line's net unit cost
    converted at `GoodsReceipt.rate`)."""

    id: str
    line_id: str
    product_id: str
    quantity: Decimal
    value: Decimal = Decimal(0)


@define(slots=False, eq=False, kw_only=True)
class GoodsReceipt:
    """One delivery of some of an order's lines into a warehouse of its branch; `rate` converted the order's
    currency to the branch's (1 when they are the same)."""

    id: str
    number: str
    warehouse_id: str
    received_at: datetime
    actor: str
    rate: Decimal = Decimal(1)
    lines: list[GoodsReceiptLine] = field(factory=list)


@define(slots=False, eq=False, kw_only=True)
class SupplierReturn:
    """Received units of one order line sent back to the supplier from a warehouse, worth `value` in stock."""

    id: str
    number: str
    line_id: str
    product_id: str
    warehouse_id: str
    quantity: Decimal
    value: Decimal
    reason: str
    returned_at: datetime
    actor: str
