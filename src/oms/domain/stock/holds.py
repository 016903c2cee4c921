"""Stock held for a while by a cart (peers.md 4b C7): counted against availability until it runs out, then ignored,
so no sweeper is needed for correctness. Holds are per branch and product; an order's confirmation and another
cart's holds count the unexpired holds of every other owner."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from attrs import define


@define(slots=False, eq=False, kw_only=True)
class StockHold:
    """`quantity` of a product held in a branch by `owner_id` (a cart) until `until` (exclusive); one per owner and
    product."""

    owner_id: str
    branch_id: str
    product_id: str
    quantity: Decimal
    until: datetime
    version: int = 0

    def counts_at(self, at: datetime) -> bool:
        return at < self.until
