"""Listing rows for `oms quotation list` and `oms order list`, through the listing port (keyset pages)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

import click

from oms.application.masterdata.lookups import branch_by_code, customer_by_code
from oms.entrypoints.cli.support import CliContext, json_option, pass_cli, print_page
from oms.ports.shared.listings import DocumentListing, DocumentSummary, ListingQuery, Page


def _query(cli: CliContext, status: str | None, customer: str | None, branch: str | None, limit: int,
           cursor: str | None) -> ListingQuery:
    customer_id = branch_id = None
    if customer or branch:
        with cli.system.uow_factory() as uow:
            customer_id = customer_by_code(uow, customer).id if customer else None
            branch_id = branch_by_code(uow, branch).id if branch else None
    return ListingQuery(statuses=(status,) if status else (), customer_id=customer_id, branch_id=branch_id,
                        newest_first=True, limit=limit, cursor=cursor)


def _row(item: DocumentSummary) -> dict[str, Any]:
    return {"id": item.id, "number": item.number, "status": item.status, "customer": item.customer_code,
            "branch": item.branch_code, "created_at": item.created_at.isoformat(),
            "grand_total": str(item.grand_total), "currency": item.currency}


Read = Callable[[DocumentListing, ListingQuery], Page]


def add_list_command(group: click.Group, statuses: type[enum.StrEnum], read: Read, what: str) -> None:
    """`oms <group> list`: the documents newest first, a page at a time, filtered like the HTTP listing."""

    @group.command("list", help=f"List {what}, newest first, a page at a time.")
    @click.option("--status", type=click.Choice([s.value for s in statuses]))
    @click.option("--customer", help="Customer code.")
    @click.option("--branch", help="Branch code.")
    @click.option("--limit", type=click.IntRange(1, 500), default=50, show_default=True)
    @click.option("--cursor", help="Where the previous page ended (printed under it).")
    @json_option
    @pass_cli
    def list_documents(cli: CliContext, status: str | None, customer: str | None, branch: str | None, limit: int,
                       cursor: str | None, as_json: bool) -> None:
        page = read(cli.runtime.listings, _query(cli, status, customer, branch, limit, cursor))
        print_page([_row(item) for item in page.items], page.next_cursor, as_json)
