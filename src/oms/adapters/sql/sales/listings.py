"""How the listings of quotations and sales orders are read: one query a page, with the customer's and branch's
codes joined in (a page of 50 orders is one statement, not 51)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, Table, select

from oms.adapters.sql.masterdata.tables import branches, customers
from oms.adapters.sql.sales.tables import quotations, sales_orders
from oms.adapters.sql.shared.listings import SqlListing
from oms.ports.sales.listings import QUOTATIONS, SALES_ORDERS, DocumentSummary
from oms.ports.shared.listings import Listing


def _query(table: Table) -> Select[Any]:
    c = table.c
    return (select(c.id, c.number, c.status, c.customer_id, customers.c.code.label("customer_code"), c.branch_id,
                   branches.c.code.label("branch_code"), c.currency, c.grand_total, c.created_at)
            .join(customers, customers.c.id == c.customer_id).join(branches, branches.c.id == c.branch_id))


def _summary(row: Row[Any]) -> DocumentSummary:
    return DocumentSummary(id=row.id, number=row.number, status=str(row.status), customer_id=row.customer_id,
                           customer_code=row.customer_code, branch_id=row.branch_id, branch_code=row.branch_code,
                           currency=row.currency, grand_total=row.grand_total, created_at=row.created_at)


def _documents(listing: Listing[DocumentSummary], table: Table) -> SqlListing:
    c = table.c
    return SqlListing(
        listing=listing, query=lambda: _query(table), order=(c.created_at, c.id), row=_summary,
        position=lambda summary: (summary.created_at, summary.id),
        filters={
            "status": lambda statuses: c.status.in_(list(statuses)),
            "customer_id": lambda customer_id: c.customer_id == customer_id,
            "branch_id": lambda branch_id: c.branch_id == branch_id,
            "from": lambda start: c.created_at >= start,
            "until": lambda end: c.created_at < end,
        })


LISTINGS = (_documents(SALES_ORDERS, sales_orders), _documents(QUOTATIONS, quotations))
