"""`oms order ...`: create, list, show, confirm, hold, release, cancel, issue goods and complete sales orders."""

from __future__ import annotations

from decimal import Decimal

import click

import oms
from oms.entrypoints.cli.listings import add_list_command
from oms.entrypoints.cli.quotations import discount_option, line_option, parse_line
from oms.entrypoints.cli.support import CliContext, fail, json_option, parse_discount, pass_cli
from oms.entrypoints.cli.views import document_summary, show_document
from oms.entrypoints.wording import plural
from oms.ports.sales.listings import SALES_ORDERS


@click.group("order")
def order() -> None:
    """Sales orders: confirmed against stock, issued in one or more goods issues, completed."""


@order.command("create")
@click.option("--customer", required=True, help="Customer code.")
@click.option("--branch", required=True, help="Branch code.")
@line_option
@discount_option
@click.option("--allow-backorder", is_flag=True, help="Reserve what there is, backorder the rest.")
@click.option("--customer-reference", default="")
@pass_cli
def create(cli: CliContext, customer: str, branch: str, lines: tuple[str, ...], discount: str | None,
           allow_backorder: bool, customer_reference: str) -> None:
    """Create a draft sales order and print its number."""
    order_id = cli.handle(oms.CreateSalesOrder(
        customer_code=customer, branch_code=branch, lines=tuple(parse_line(line) for line in lines),
        order_discount=parse_discount(discount, "order_discount"), allow_backorder=allow_backorder,
        customer_reference=customer_reference))
    click.echo(document_summary(cli.system.sales_order(order_id)))


add_list_command(order, oms.SalesOrderStatus, SALES_ORDERS, "sales orders")


@order.command("show")
@click.argument("ref")
@json_option
@pass_cli
def show(cli: CliContext, ref: str, as_json: bool) -> None:
    """Show an order: lines, totals, taxes, reservations, goods issues and audit trail."""
    show_document(cli.system, cli.system.sales_order(ref), as_json)


@order.command("confirm")
@click.argument("ref")
@pass_cli
def confirm(cli: CliContext, ref: str) -> None:
    """Confirm a draft order, reserving its stock (all or nothing unless it allows backorders)."""
    cli.handle(oms.ConfirmSalesOrder(order_id=ref))
    click.echo(document_summary(cli.system.sales_order(ref)))


ReasonedCommand = type[oms.HoldSalesOrder] | type[oms.ReleaseSalesOrder] | type[oms.CancelSalesOrder] | type[
    oms.CompleteSalesOrder]


def _with_reason(name: str, help_text: str, make: ReasonedCommand) -> None:
    @order.command(name, help=help_text)
    @click.argument("ref")
    @click.option("--reason", default="", help="Why; kept in the audit trail.")
    @pass_cli
    def run(cli: CliContext, ref: str, reason: str) -> None:
        cli.handle(make(order_id=ref, reason=reason))
        click.echo(document_summary(cli.system.sales_order(ref)))


_with_reason("hold", "Put an order on hold; it keeps its reservations.", oms.HoldSalesOrder)
_with_reason("release", "Release an order from hold.", oms.ReleaseSalesOrder)
_with_reason("cancel", "Cancel a draft or confirmed order, releasing its reservations.", oms.CancelSalesOrder)
_with_reason("complete", "Complete an issued order.", oms.CompleteSalesOrder)


@order.command("issue")
@click.argument("ref")
@click.argument("quantities", nargs=-1, metavar="LINE=QTY...")
@click.option("--warehouse", required=True, help="Warehouse code to ship from.")
@click.option("--all", "everything", is_flag=True, help="Issue everything still to be issued.")
@pass_cli
def issue(cli: CliContext, ref: str, quantities: tuple[str, ...], warehouse: str, everything: bool) -> None:
    """Issue goods of an order from a warehouse. LINE is the line's number (#) or SKU: `1=8 CHAIR-ERGO=10`."""
    document = cli.system.sales_order(ref)
    lines: list[oms.IssueLine] = []
    if everything:
        lines = [oms.IssueLine(line_id=line.id, quantity=line.remaining) for line in document.lines
                 if line.kind.ships and line.remaining > 0]
    for text in quantities:
        key, _, quantity = text.partition("=")
        matches = [line for line in document.lines if str(line.position) == key or line.sku == key]
        if not quantity or len(matches) != 1:
            fail(f"invalid line {text!r}: write LINE=QUANTITY with the line's number or a SKU it has once")
        lines.append(oms.IssueLine(line_id=matches[0].id, quantity=quantity))
    if not lines:
        fail("name the lines to issue (LINE=QUANTITY) or give --all")
    number = cli.handle(oms.IssueGoods(order_id=ref, warehouse_code=warehouse, lines=tuple(lines)))
    shipped = sum((line.quantity for line in lines), Decimal(0))
    click.echo(f"{number}: issued {plural(shipped, 'unit')} from {warehouse}")
    click.echo(document_summary(cli.system.sales_order(ref)))
