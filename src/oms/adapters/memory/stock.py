"""The in-memory stock repository: levels per (product, warehouse), and the movement ledger."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from oms.adapters.memory.repository import InMemoryRepository
from oms.domain.stock.levels import StockLevel, StockMovement
from oms.ports.stock.repositories import StockBalance


class InMemoryStockRepository(InMemoryRepository[StockLevel]):
    kind = "stock_level"

    def _key(self, obj: StockLevel) -> str:
        return f"{obj.product_id}|{obj.warehouse_id}"

    def level(self, product_id: str, warehouse_id: str) -> StockLevel:
        found = self._find(f"{product_id}|{warehouse_id}")
        if found is None:
            found = StockLevel(product_id, warehouse_id)
            self.add(found)
        return found

    def levels(self, product_ids: Sequence[str], warehouse_ids: Sequence[str]) -> list[StockLevel]:
        return [self.level(p, w) for p in sorted(set(product_ids)) for w in sorted(set(warehouse_ids))]

    def for_product(self, product_id: str) -> Sequence[StockLevel]:
        return [level for level in self.list() if level.product_id == product_id]

    def movements(self, product_id: str | None = None, warehouse_id: str | None = None) -> Sequence[StockMovement]:
        return [m for m in self._store.movements
                if (product_id is None or m.product_id == product_id)
                and (warehouse_id is None or m.warehouse_id == warehouse_id)]

    def balances(self, until: datetime | None = None, warehouse_id: str | None = None) -> Sequence[StockBalance]:
        sums: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        for m in self._store.movements:
            if (until is None or m.at < until) and (warehouse_id is None or m.warehouse_id == warehouse_id):
                found = sums[(m.product_id, m.warehouse_id)]
                found[0] += m.quantity
                found[1] += m.value
        return [StockBalance(product_id=p, warehouse_id=w, quantity=q, value=v) for (p, w), (q, v) in sums.items()]
