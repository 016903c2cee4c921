"""In-memory listings: the committed documents of an InMemoryStore, filtered, sorted and paged like the SQL ones."""

from __future__ import annotations

import enum
from typing import Any

from oms.adapters.memory.store import InMemoryStore
from oms.domain.sales.quotation import QuotationStatus
from oms.domain.sales.sales_order import SalesOrderStatus
from oms.ports.shared.listings import DocumentSummary, ListingQuery, Page, decode_cursor, page_of, parse_statuses


class InMemoryDocumentListing:
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store

    def sales_orders(self, query: ListingQuery) -> Page:
        return self._list("sales_order", SalesOrderStatus, query)

    def quotations(self, query: ListingQuery) -> Page:
        return self._list("quotation", QuotationStatus, query)

    def _list(self, kind: str, statuses: type[enum.StrEnum], query: ListingQuery) -> Page:
        wanted = set(parse_statuses(query, statuses))
        after = decode_cursor(query)
        customers = {c.id: c.code for c in self._store.load_all("customer")}
        branches = {b.id: b.code for b in self._store.load_all("branch")}
        rows = [_summary(doc, customers, branches) for doc in self._store.load_all(kind)
                if (not wanted or doc.status in wanted)
                and (query.customer_id is None or doc.customer_id == query.customer_id)
                and (query.branch_id is None or doc.branch_id == query.branch_id)
                and (query.created_from is None or doc.created_at >= query.created_from)
                and (query.created_until is None or doc.created_at < query.created_until)]
        rows.sort(key=lambda row: (row.created_at, row.id), reverse=query.newest_first)
        if after is not None:
            rows = [row for row in rows
                    if ((row.created_at, row.id) < after if query.newest_first else (row.created_at, row.id) > after)]
        return page_of(rows[: query.limit + 1], query)


def _summary(doc: Any, customers: dict[str, str], branches: dict[str, str]) -> DocumentSummary:
    return DocumentSummary(id=doc.id, number=doc.number, status=str(doc.status), customer_id=doc.customer_id,
                           customer_code=customers.get(doc.customer_id, ""), branch_id=doc.branch_id,
                           branch_code=branches.get(doc.branch_id, ""), currency=doc.currency,
                           grand_total=doc.grand_total, created_at=doc.created_at)
