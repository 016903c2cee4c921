"""Stock figures from the in-memory store's movement ledger and levels."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from oms.adapters.memory.store import InMemoryStore
from oms.domain.stock.levels import StockLevel
from oms.ports.reports.stock import StockActivity, StockFilter, StockIssued, StockNow, StockPosition

ISSUES = frozenset({"issue", "consumption"})


def _counted(scope: StockFilter, product_id: str, warehouse_id: str, categories: dict[str, str | None]) -> bool:
    return (scope.product_id in (None, product_id)
            and (scope.category is None or categories.get(product_id) == scope.category)
            and (scope.warehouse_ids is None or warehouse_id in scope.warehouse_ids))


class InMemoryStockFigures:
    _store: InMemoryStore

    def _skus(self) -> dict[str, str]:
        return {product.id: product.sku for product in self._store.load_all("product")}

    def _categories(self) -> dict[str, str | None]:
        return {product.id: product.category for product in self._store.load_all("product")}

    def stock_at(self, end: datetime, scope: StockFilter) -> Sequence[StockPosition]:
        sums: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        categories = self._categories()
        for m in self._store.movements:
            if m.at < end and _counted(scope, m.product_id, m.warehouse_id, categories):
                found = sums[(m.product_id, m.warehouse_id)]
                found[0] += m.quantity
                found[1] += m.value
        skus = self._skus()
        return [StockPosition(product_id=p, sku=skus[p], warehouse_id=w, quantity=q, value=v)
                for (p, w), (q, v) in sums.items() if q or v]

    def stock_activity(self, since: datetime, end: datetime, scope: StockFilter) -> Sequence[StockActivity]:
        last: dict[tuple[str, str], datetime] = {}
        first: dict[tuple[str, str], datetime] = {}
        issued: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        categories = self._categories()
        for m in self._store.movements:
            key = (m.product_id, m.warehouse_id)
            if not _counted(scope, *key, categories):
                continue
            first.setdefault(key, m.at)
            if m.kind in ISSUES and m.at < end:
                last[key] = max(last.get(key, m.at), m.at)
                if m.at >= since:
                    issued[key] -= m.quantity
        return [StockActivity(product_id=p, warehouse_id=w, last_issue=last.get((p, w)),
                              first_movement=first.get((p, w)), issued=issued.get((p, w), Decimal(0)))
                for p, w in first]

    def stock_issued(self, since: datetime, end: datetime, scope: StockFilter) -> Sequence[StockIssued]:
        issued: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
        categories = self._categories()
        for m in self._store.movements:
            if m.kind in ISSUES and since <= m.at < end and _counted(scope, m.product_id, m.warehouse_id, categories):
                issued[(m.product_id, m.warehouse_id)] -= m.quantity
        return [StockIssued(product_id=p, warehouse_id=w, issued=quantity) for (p, w), quantity in issued.items()]

    def stock_now(self, scope: StockFilter) -> Sequence[StockNow]:
        skus, categories = self._skus(), self._categories()
        levels: list[StockLevel] = self._store.load_all("stock_level")
        return [StockNow(product_id=level.product_id, sku=skus[level.product_id], warehouse_id=level.warehouse_id,
                         on_hand=level.on_hand, reserved=level.reserved, value=level.value)
                for level in levels if _counted(scope, level.product_id, level.warehouse_id, categories)]
