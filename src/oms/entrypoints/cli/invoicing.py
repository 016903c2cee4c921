"""`oms invoice ...`: invoices and credit notes. `create` and `credit` take their lines as `ORDER:LINE=QTY` and
`LINE=QTY`, written by hand; `post`, `delete` and `show` are made from the action tables; `oms invoice billing ORDER`
tells what an order has invoiced and has left to invoice."""

from __future__ import annotations

import click

from oms.application.invoicing.actions import INVOICE
from oms.application.invoicing.invoices import CreateCreditNote, CreditLine
from oms.application.invoicing.queries import show_invoice
from oms.application.processes.billing import InvoiceLineRequest, InvoiceOrders, order_billing
from oms.application.shared.actions import Action
from oms.entrypoints.cli.actions import hand_written, perform, say
from oms.entrypoints.cli.support import CliContext, fail, json_option, pass_cli, print_json, print_table
from oms.entrypoints.cli.views import print_invoice


@click.group("invoice")
def invoice() -> None:
    """Invoices and credit notes: drafts made from confirmed orders, posted with a number, credited."""


def _pair(given: str, shape: str) -> tuple[str, str]:
    key, equals, quantity = given.partition("=")
    if not equals or not key or not quantity:
        fail(f"invalid line {given!r}: write {shape}")
    return key, quantity


@hand_written(INVOICE, "create")
def create_command(action: Action) -> click.Command:
    @click.command("create", help=f"{action.summary}. `oms invoice create SO-000001 SO-000002` bills what is left "
                   "on both; `--line SO-000001:1=6` bills 6 of line 1 (its number, # or SKU).",
                   short_help=action.summary)
    @click.argument("orders", nargs=-1, metavar="[ORDER]...")
    @click.option("--line", "lines", multiple=True, metavar="ORDER:LINE=QTY", help="A line to bill; repeat.")
    @json_option
    @pass_cli
    def create(cli: CliContext, orders: tuple[str, ...], lines: tuple[str, ...], as_json: bool) -> None:
        requests = []
        for given in lines:
            key, quantity = _pair(given, "ORDER:LINE=QTY")
            order, colon, line = key.partition(":")
            if not colon or not order or not line:
                fail(f"invalid line {given!r}: write ORDER:LINE=QTY")
            requests.append(InvoiceLineRequest(order=order, line=line, quantity=quantity))
        say(action, perform(cli, action, InvoiceOrders(orders=orders, lines=tuple(requests)))[1], as_json)

    return create


@hand_written(INVOICE, "credit")
def credit_command(action: Action) -> click.Command:
    @click.command("credit", help=f"{action.summary}. LINE is the invoice line's number (#) or id: `1=2`.",
                   short_help=action.summary)
    @click.argument("ref")
    @click.argument("quantities", nargs=-1, metavar="[LINE=QTY]...")
    @json_option
    @pass_cli
    def credit(cli: CliContext, ref: str, quantities: tuple[str, ...], as_json: bool) -> None:
        lines = tuple(CreditLine(line=key, quantity=quantity)
                      for key, quantity in (_pair(given, "LINE=QTY") for given in quantities))
        say(action, perform(cli, action, CreateCreditNote(invoice_id=ref, lines=lines))[1], as_json)

    return credit


@invoice.command("show")
@click.argument("ref")
@json_option
@pass_cli
def show(cli: CliContext, ref: str, as_json: bool) -> None:
    """Show an invoice or credit note: its lines, totals, taxes and state; what a posted invoice owes, when it is
    due and whether it is overdue today."""
    view = cli.system.read(show_invoice, ref, today=cli.system.bus.clock.now().date())
    if as_json:
        print_json(view)
    else:
        print_invoice(view)


@invoice.command("billing")
@click.argument("order")
@json_option
@pass_cli
def billing(cli: CliContext, order: str, as_json: bool) -> None:
    """What a sales order has invoiced and has left to invoice, per line."""
    view = cli.system.read(order_billing, order)
    if as_json:
        print_json(view)
        return
    click.echo(f"{view.number}: {view.status.replace('_', ' ')}")
    print_table(["#", "sku", "policy", "ordered", "delivered", "invoiced", "to invoice", "status"],
                [[line.position, line.sku, line.invoice_policy, line.ordered.value, line.delivered.value,
                  line.invoiced.value, line.to_invoice.value, line.status.replace("_", " ")] for line in view.lines])
