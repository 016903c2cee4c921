"""Listing rows for `oms quotation list` and `oms order list`, through the listing port (keyset pages)."""

from __future__ import annotations

from typing import Any

from oms.application.catalog import branch_by_code, customer_by_code
from oms.entrypoints.cli_support import CliContext
from oms.ports.listings import DocumentSummary, ListingQuery, Page


def _query(cli: CliContext, status: str | None, customer: str | None, branch: str | None, limit: int,
           cursor: str | None) -> tuple[ListingQuery, dict[str, str], dict[str, str]]:
    with cli.system.uow_factory() as uow:
        customer_id = customer_by_code(uow, customer).id if customer else None
        branch_id = branch_by_code(uow, branch).id if branch else None
        customers = {c.id: c.code for c in uow.customers.list()}
        branches = {b.id: b.code for b in uow.branches.list()}
    query = ListingQuery(statuses=(status,) if status else (), customer_id=customer_id, branch_id=branch_id,
                         newest_first=True, limit=limit, cursor=cursor)
    return query, customers, branches


def _row(item: DocumentSummary, customers: dict[str, str], branches: dict[str, str]) -> dict[str, Any]:
    return {"id": item.id, "number": item.number, "status": item.status,
            "customer": customers.get(item.customer_id, item.customer_id),
            "branch": branches.get(item.branch_id, item.branch_id), "created_at": item.created_at.isoformat(),
            "grand_total": str(item.grand_total), "currency": item.currency}


def rows_of(page: Page, customers: dict[str, str], branches: dict[str, str]) -> list[dict[str, Any]]:
    return [_row(item, customers, branches) for item in page.items]


def quotation_page(cli: CliContext, *, status: str | None, customer: str | None, branch: str | None, limit: int,
                   cursor: str | None) -> tuple[list[dict[str, Any]], str | None]:
    query, customers, branches = _query(cli, status, customer, branch, limit, cursor)
    page = cli.runtime.listings.quotations(query)
    return rows_of(page, customers, branches), page.next_cursor


def order_page(cli: CliContext, *, status: str | None, customer: str | None, branch: str | None, limit: int,
               cursor: str | None) -> tuple[list[dict[str, Any]], str | None]:
    query, customers, branches = _query(cli, status, customer, branch, limit, cursor)
    page = cli.runtime.listings.sales_orders(query)
    return rows_of(page, customers, branches), page.next_cursor
