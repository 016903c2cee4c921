"""Awards: which supplier gets how much of which RFQ line, at the price it quoted, and the purchase orders made.

An award is a set of (RFQ line, supplier, quantity in stock units) taken from the suppliers' quotations. Its key
makes it idempotent: the same key with the same lines is the award already made (same purchase orders), with other
lines a refusal. Without a key given, the key is the award's lines themselves, so sending the same award again never
orders twice. The checks (an RFQ line never awarded beyond what it requests, an offer line never beyond what it
offers, never below its minimum, never once expired) are made by the RFQ that holds the awards (rfqs.py), under its
lock."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from attrs import define, field, frozen

KEY_LENGTH = 64


@frozen(kw_only=True)
class AwardRequest:
    """Award `quantity` stock units of an RFQ line to a supplier (from that supplier's quotation)."""

    rfq_line_id: str
    supplier_id: str
    quantity: Decimal


def award_key(requests: Iterable[AwardRequest]) -> str:
    """The key of an award given without one: its lines, in a fixed order (so the same lines give the same key)."""
    content = "|".join(sorted(f"{r.rfq_line_id}:{r.supplier_id}:{r.quantity.normalize()}" for r in requests))
    return "lines:" + hashlib.sha256(content.encode()).hexdigest()[:KEY_LENGTH - 6]


def same_lines(requests: Iterable[AwardRequest], lines: Iterable[AwardLine]) -> bool:
    """Whether the requests are the award's lines (in any order)."""
    def key(line: AwardRequest | AwardLine) -> tuple[str, str, Decimal]:
        return line.rfq_line_id, line.supplier_id, line.quantity.normalize()

    return sorted(map(key, requests)) == sorted(map(key, lines))


@define(slots=False, eq=False, kw_only=True)
class AwardLine:
    """One awarded offer: `unit_price` per stock unit in the quotation's `currency`; `purchase_order_id` is the
    purchase order it went to, once made."""

    id: str
    position: int
    rfq_line_id: str
    supplier_id: str
    quotation_id: str
    quotation_line_id: str
    quantity: Decimal
    unit_price: Decimal
    currency: str
    purchase_order_id: str | None = None


@define(slots=False, eq=False, kw_only=True)
class Award:
    id: str
    key: str
    awarded_at: datetime
    actor: str
    lines: list[AwardLine] = field(factory=list)

    def suppliers(self) -> list[str]:
        """The suppliers awarded, in the order of their first line."""
        return list(dict.fromkeys(line.supplier_id for line in self.lines))

    def lines_of(self, supplier_id: str) -> list[AwardLine]:
        return [line for line in self.lines if line.supplier_id == supplier_id]

    def purchase_orders(self) -> dict[str, str]:
        """supplier id -> the purchase order made for it (those made so far)."""
        return {line.supplier_id: line.purchase_order_id for line in self.lines
                if line.purchase_order_id is not None}
