"""Listing rows for `oms quotation list` and `oms order list`, through the listing port (keyset pages)."""

from __future__ import annotations

import enum
from typing import Any

import click

from oms.application.masterdata.lookups import branch_by_code, customer_by_code
from oms.application.sales.queries import document_page
from oms.application.sales.views import DocumentSummaryView
from oms.entrypoints.cli.support import CliContext, json_option, pass_cli, print_page
from oms.ports.sales.listings import DocumentSummary
from oms.ports.shared.listings import Listing
from oms.ports.unit_of_work import UnitOfWork


def _codes_exist(uow: UnitOfWork, customer: str | None, branch: str | None) -> None:
    if customer:
        customer_by_code(uow, customer)
    if branch:
        branch_by_code(uow, branch)


def _row(item: DocumentSummaryView) -> dict[str, Any]:
    return {"id": item.id, "number": item.number, "status": item.status, "customer": item.customer_code,
            "branch": item.branch_code, "created_at": item.created_at.isoformat(),
            "grand_total": str(item.grand_total.amount), "currency": item.grand_total.currency.code}


def add_list_command(group: click.Group, statuses: type[enum.StrEnum], listing: Listing[DocumentSummary],
                     what: str) -> None:
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
        cli.system.read(_codes_exist, customer, branch)
        page = cli.system.read(document_page, cli.runtime.listings, listing, statuses=(status,) if status else (),
                               customer_code=customer, branch_code=branch, limit=limit, cursor=cursor)
        print_page([_row(item) for item in page.items], page.next_cursor, as_json)
