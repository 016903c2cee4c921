"""`oms po ...`: purchase orders' reads (list, events, show as text) and `po receive`, whose `LINE=QTY` syntax is
written by hand; every other command of theirs (create, send, order, approve, cancel, close, return, lines) is made
from the action table (see `actions`). `oms procurement set|set-tolerance|show BRANCH`: a branch's settings."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import click

import oms
from oms.application.procurement.actions import PURCHASE_ORDER
from oms.application.procurement.listings import purchase_order_page
from oms.application.procurement.queries import get_purchase_order, show_purchase_order
from oms.application.shared.actions import Action
from oms.application.shared.queries import event_list
from oms.domain.procurement.purchase_order import PurchaseOrderStatus
from oms.entrypoints.cli import support
from oms.entrypoints.cli.actions import hand_written, perform, say
from oms.entrypoints.cli.paging import paging_options
from oms.entrypoints.cli.support import CliContext, fail, json_option, pass_cli, print_json, print_table, text
from oms.entrypoints.cli.views import purchase_order_summary


@click.group("po")
def po() -> None:
    """Purchase orders: ordered from suppliers (with a manager's approval above the branch's threshold), received
    into stock in one or more goods receipts, closed or cancelled."""


@click.group("procurement")
def procurement() -> None:
    """A branch's procurement settings: approval threshold and over-receipt tolerances."""


@po.command("list")
@click.option("--status", "statuses", multiple=True, type=click.Choice([str(s) for s in PurchaseOrderStatus]),
              help="Only orders of this status (repeat for several).")
@click.option("--supplier", help="Only this supplier's orders (its code).")
@click.option("--branch", help="Only this branch's orders (its code).")
@click.option("--search", help="A part of the number, or of the supplier's code or name, in any case.")
@paging_options("newest")
@json_option
@pass_cli
def list_orders(cli: CliContext, statuses: tuple[str, ...], supplier: str | None, branch: str | None,
                search: str | None, created_from: datetime | None, created_until: datetime | None, limit: int,
                order: str, cursor: str | None, as_json: bool) -> None:
    """List purchase orders, newest first, a page at a time (an unknown supplier or branch matches nothing)."""
    found = cli.system.read(purchase_order_page, cli.runtime.listings, statuses=statuses, supplier_code=supplier,
                            branch_code=branch, created_from=created_from, created_until=created_until,
                            search=search, newest_first=order == "newest", limit=limit, cursor=cursor)
    if as_json:
        print_json(found)
        return
    print_table(["number", "status", "receipt", "supplier", "branch", "created_at", "total", "currency"],
                [[o.number, o.status, o.receipt_status, o.supplier_code, o.branch_code,
                  f"{o.created_at:%Y-%m-%d %H:%M}", text(o.grand_total), o.grand_total.currency.code]
                 for o in found.items])
    support.print_next_page(found.next_cursor)


@po.command("events")
@click.argument("ref")
@json_option
@pass_cli
def order_events(cli: CliContext, ref: str, as_json: bool) -> None:
    """The purchase order's domain events, oldest first."""
    order = cli.system.read(get_purchase_order, ref)
    events = cli.system.read(event_list, order.id)
    if as_json:
        print_json(events)
        return
    print_table(["at", "type"], [[f"{e.occurred_at:%Y-%m-%d %H:%M:%S}", e.type] for e in events.items])


@hand_written(PURCHASE_ORDER, "receive")
def receive_command(action: Action) -> click.Command:
    """`oms po receive REF LINE=QTY... [--warehouse CODE]`, or `--all` that is still open."""

    @click.command("receive", help=f"{action.summary}. LINE is the line's number (#) or SKU: `1=60 DESK=5`.",
                   short_help=action.summary)
    @click.argument("ref")
    @click.argument("quantities", nargs=-1, metavar="LINE=QTY...")
    @click.option("--warehouse", default=None, help="Warehouse code to receive into (default: the order's).")
    @click.option("--all", "everything", is_flag=True, help="Receive everything still open.")
    @json_option
    @pass_cli
    def receive(cli: CliContext, ref: str, quantities: tuple[str, ...], warehouse: str | None, everything: bool,
                as_json: bool) -> None:
        document = cli.system.read(show_purchase_order, ref)
        lines: list[oms.ReceiptLine] = []
        if everything:
            lines = [oms.ReceiptLine(line_id=line.id, quantity=line.open.value) for line in document.lines
                     if line.kind.ships and line.open.value > 0]
        for given in quantities:
            key, _, quantity = given.partition("=")
            matches = [line for line in document.lines if str(line.position) == key or line.sku == key]
            if not quantity or len(matches) != 1:
                fail(f"invalid line {given!r}: write LINE=QUANTITY with the line's number or a SKU it has once")
            lines.append(oms.ReceiptLine(line_id=matches[0].id, quantity=quantity))
        if not lines:
            fail("name the lines received (LINE=QUANTITY) or give --all")
        number, answer = perform(cli, action, oms.ReceiveGoods(order_id=ref, warehouse_code=warehouse,
                                                               lines=tuple(lines)))
        if as_json:
            say(action, answer, as_json)
            return
        received = sum((line.quantity for line in lines), Decimal(0))
        click.echo(f"{number}: received {text(received)} unit{'' if received == 1 else 's'} into "
                   f"{warehouse or answer.warehouse_code}")
        click.echo(purchase_order_summary(answer))

    return receive
