"""The holds of stock by carts: each owner's holds, and what other owners hold unexpired."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from oms.domain.stock.holds import StockHold


class StockHoldRepository(Protocol):
    def of_owner(self, owner_id: str) -> Sequence[StockHold]:
        """The owner's holds, expired or not, by product id."""
        ...

    def held_by_others(self, branch_id: str, product_ids: Collection[str], owner_id: str | None,
                       at: datetime) -> dict[str, Decimal]:
        """Per product, what owners other than `owner_id` hold in the branch unexpired at `at` (products with
        nothing held are left out). Read it after locking the products' stock levels: the locks order every writer
        of holds and reservations of those products."""
        ...

    def add(self, hold: StockHold) -> None: ...

    def remove(self, hold: StockHold) -> None: ...
