"""SQL listings: one indexed keyset query per page, on a read-only connection (no write lock on SQLite)."""

from __future__ import annotations

import enum

from sqlalchemy import Engine, Table, select, tuple_

from oms.adapters.sql.masterdata.tables import branches, customers
from oms.adapters.sql.sales.tables import quotations, sales_orders
from oms.adapters.sql.shared.engine import READ_ONLY
from oms.domain.sales.quotation import QuotationStatus
from oms.domain.sales.sales_order import SalesOrderStatus
from oms.ports.shared.listings import DocumentSummary, ListingQuery, Page, decode_cursor, page_of, parse_statuses


class SqlDocumentListing:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def sales_orders(self, query: ListingQuery) -> Page:
        return self._list(sales_orders, SalesOrderStatus, query)

    def quotations(self, query: ListingQuery) -> Page:
        return self._list(quotations, QuotationStatus, query)

    def _list(self, table: Table, statuses: type[enum.StrEnum], query: ListingQuery) -> Page:
        c = table.c
        # The codes come with the page (one query), so a page of 50 orders costs one statement, not 51.
        statement = (select(c.id, c.number, c.status, c.customer_id, customers.c.code.label("customer_code"),
                            c.branch_id, branches.c.code.label("branch_code"), c.currency, c.grand_total,
                            c.created_at)
                     .join(customers, customers.c.id == c.customer_id)
                     .join(branches, branches.c.id == c.branch_id))
        wanted = parse_statuses(query, statuses)
        if wanted:
            statement = statement.where(c.status.in_(wanted))
        if query.customer_id is not None:
            statement = statement.where(c.customer_id == query.customer_id)
        if query.branch_id is not None:
            statement = statement.where(c.branch_id == query.branch_id)
        if query.created_from is not None:
            statement = statement.where(c.created_at >= query.created_from)
        if query.created_until is not None:
            statement = statement.where(c.created_at < query.created_until)
        after = decode_cursor(query)
        position = tuple_(c.created_at, c.id)
        if after is not None:
            statement = statement.where(position < after if query.newest_first else position > after)
        if query.newest_first:
            statement = statement.order_by(c.created_at.desc(), c.id.desc())
        else:
            statement = statement.order_by(c.created_at, c.id)
        with self._engine.connect() as connection:
            connection.execution_options(**{READ_ONLY: True})
            rows = connection.execute(statement.limit(query.limit + 1)).all()
        return page_of([DocumentSummary(id=row.id, number=row.number, status=str(row.status),
                                        customer_id=row.customer_id, customer_code=row.customer_code,
                                        branch_id=row.branch_id, branch_code=row.branch_code,
                                        currency=row.currency, grand_total=row.grand_total,
                                        created_at=row.created_at) for row in rows], query)
