"""`oms quotation|order ...`: the sales documents' reads (list, events) and `order issue`, whose `LINE=QTY` syntax
is written by hand; every other command of theirs is made from the action table (see `actions`)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

import click

import oms
from oms.application.masterdata.lookups import branch_by_code, customer_by_code
from oms.application.sales.actions import QUOTATION, SALES_ORDER
from oms.application.sales.queries import document_page, get_quotation, get_sales_order, show_sales_order
from oms.application.shared.actions import Action
from oms.entrypoints.cli.actions import hand_written, perform, say
from oms.entrypoints.cli.document_events import events_command
from oms.entrypoints.cli.support import (
    ISO_DATE,
    ISO_TIME,
    CliContext,
    fail,
    json_option,
    pass_cli,
    print_json,
    print_next_page,
    print_table,
    text,
)
from oms.entrypoints.cli.views import document_summary
from oms.ports.sales.listings import QUOTATIONS, SALES_ORDERS, DocumentSummary
from oms.ports.sales.repositories import SalesUnitOfWork
from oms.ports.shared.listings import MAX_LIMIT, Listing


@click.group("quotation")
def quotation() -> None:
    """Quotations: offers to customers, converted into sales orders once accepted."""


@click.group("order")
def order() -> None:
    """Sales orders: confirmed against stock, issued in one or more goods issues, completed."""


def _codes_exist(uow: SalesUnitOfWork, customer: str | None, branch: str | None) -> None:
    """A filter by a code that does not exist is refused here, naming the closest codes (the listing would find
    nothing)."""
    if customer:
        customer_by_code(uow, customer)
    if branch:
        branch_by_code(uow, branch)


def _list_command(group: click.Group, statuses: type[enum.StrEnum], listing: Listing[DocumentSummary],
                  what: str, own: Callable[[Callable[..., None]], Callable[..., None]]) -> None:
    """`oms <group> list`: the documents a page at a time, filtered like the HTTP listing; `own` adds the option
    of the listing's own filter (quotations: expiry; orders: backorders)."""

    @group.command("list", help=f"List {what}, newest first, a page at a time.")
    @click.option("--status", "status", multiple=True, type=click.Choice([s.value for s in statuses]),
                  help="Repeat for any of several.")
    @click.option("--customer", help="Customer code.")
    @click.option("--branch", help="Branch code.")
    @click.option("--created-from", type=ISO_TIME, help="Created at or after.")
    @click.option("--created-until", type=ISO_TIME, help="Created before.")
    @click.option("--search", help="A part of the number, of the customer's code or name, or of the customer's "
                  "reference (orders), in any case.")
    @own
    @click.option("--order", type=click.Choice(["newest", "oldest"]), default="newest", show_default=True)
    @click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=50, show_default=True)
    @click.option("--cursor", help="Where the previous page ended (printed under it).")
    @json_option
    @pass_cli
    def list_documents(cli: CliContext, /, status: tuple[str, ...], customer: str | None, branch: str | None,
                       created_from: datetime | None, created_until: datetime | None, search: str | None,
                       order: str, limit: int, cursor: str | None, as_json: bool, **filters: Any) -> None:
        cli.system.read(_codes_exist, customer, branch)
        page = cli.system.read(document_page, cli.runtime.listings, listing, statuses=status, customer_code=customer,
                               branch_code=branch, created_from=created_from, created_until=created_until,
                               search=search, newest_first=order == "newest", limit=limit, cursor=cursor, **filters)
        if as_json:
            print_json(page)
            return
        print_table(["number", "status", "customer", "branch", "created_at", "total", "currency"],
                    [[s.number, s.status, s.customer_code, s.branch_code, s.created_at, s.grand_total,
                      s.grand_total.currency.code] for s in page.items])
        print_next_page(page.next_cursor)


_list_command(quotation, oms.QuotationStatus, QUOTATIONS, "quotations",
              click.option("--valid-until-before", type=ISO_DATE, default=None,
                           help="Open (draft or sent) and valid until this day or earlier: expiring."))
_list_command(order, oms.SalesOrderStatus, SALES_ORDERS, "sales orders",
              click.option("--backordered", is_flag=True, default=None,
                           help="Only open orders with a quantity waiting for stock."))
events_command(quotation, QUOTATION, get_quotation)
events_command(order, SALES_ORDER, get_sales_order)


@hand_written(SALES_ORDER, "issue")
def issue_command(action: Action) -> click.Command:
    """`oms order issue REF LINE=QTY... --warehouse CODE`, or `--all` that is still to ship."""

    @click.command("issue", help=f"{action.summary}. LINE is the line's number (#) or SKU: `1=8 CHAIR-ERGO=10`.",
                   short_help=action.summary)
    @click.argument("ref")
    @click.argument("quantities", nargs=-1, metavar="LINE=QTY...")
    @click.option("--warehouse", required=True, help="Warehouse code to ship from.")
    @click.option("--all", "everything", is_flag=True, help="Issue everything still to be issued.")
    @json_option
    @pass_cli
    def issue(cli: CliContext, ref: str, quantities: tuple[str, ...], warehouse: str, everything: bool,
              as_json: bool) -> None:
        document = cli.system.read(show_sales_order, ref)
        lines: list[oms.IssueLine] = []
        if everything:
            lines = [oms.IssueLine(line_id=line.id, quantity=line.quantity.value - line.quantity_issued.value)
                     for line in document.lines
                     if line.kind.ships and line.quantity.value > line.quantity_issued.value]
        for given in quantities:
            key, _, quantity = given.partition("=")
            matches = [line for line in document.lines if str(line.position) == key or line.sku == key]
            if not quantity or len(matches) != 1:
                fail(f"invalid line {given!r}: write LINE=QUANTITY with the line's number or a SKU it has once")
            lines.append(oms.IssueLine(line_id=matches[0].id, quantity=quantity))
        if not lines:
            fail("name the lines to issue (LINE=QUANTITY) or give --all")
        number, answer = perform(cli, action, oms.IssueGoods(order_id=ref, warehouse_code=warehouse,
                                                             lines=tuple(lines)))
        if as_json:
            say(action, answer, as_json)
            return
        shipped = sum((line.quantity for line in lines), Decimal(0))
        click.echo(f"{number}: issued {text(shipped)} unit{'' if shipped == 1 else 's'} from {warehouse}")
        click.echo(document_summary(answer))

    return issue
