"""Sales figures from the in-memory store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from oms.adapters.memory.store import InMemoryStore
from oms.domain.reports.bookings import is_booked
from oms.domain.sales.sales_order import SalesOrder
from oms.ports.reports.sales import DailySales, SalesFilter


class InMemorySalesFigures:
    _store: InMemoryStore

    def bookings_by_day(self, first: date, end: date, scope: SalesFilter) -> Sequence[DailySales]:
        products = {p.id: p for p in self._store.load_all("product")} if scope.category is not None else {}
        sums: dict[tuple[date, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        documents: dict[tuple[date, str], set[str]] = defaultdict(set)
        order: SalesOrder
        for order in self._store.load_all("sales_order"):
            day = order.created_at.date()
            held_from = None if order.held_from is None else str(order.held_from)
            if not (first <= day < end and is_booked(str(order.status), held_from)):
                continue
            if scope.branch_id not in (None, order.branch_id) or scope.customer_id not in (None, order.customer_id):
                continue
            for line in order.lines:
                if scope.product_id not in (None, line.product_id):
                    continue
                if scope.category is not None and getattr(products.get(line.product_id), "category", None) \
                        != scope.category:
                    continue
                key = (day, order.currency)
                sums[key][0] += line.quantity
                sums[key][1] += line.net
                documents[key].add(order.id)
        return [DailySales(day=day, currency=currency, quantity=quantity, amount=amount,
                           documents=len(documents[(day, currency)]))
                for (day, currency), (quantity, amount) in sorted(sums.items())]
