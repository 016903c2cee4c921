"""`oms quotation ...`: create, edit, send, accept, reject, revise, convert, show and list quotations."""

from __future__ import annotations

from datetime import date

import click

import oms
from oms.entrypoints.cli.listings import add_list_command
from oms.entrypoints.cli.support import ISO_DATE, CliContext, fail, json_option, parse_discount, pass_cli
from oms.entrypoints.cli.views import document_summary, show_document
from oms.ports.sales.listings import QUOTATIONS


def parse_line(text: str) -> oms.LineInput:
    """`SKU:QUANTITY` or `SKU:QUANTITY:UNIT_PRICE`."""
    parts = text.split(":")
    if len(parts) not in (2, 3) or not all(parts):
        fail(f"invalid line {text!r}: write SKU:QUANTITY or SKU:QUANTITY:UNIT_PRICE")
    return oms.LineInput(sku=parts[0], quantity=parts[1], unit_price=parts[2] if len(parts) == 3 else None)


line_option = click.option("--line", "lines", multiple=True, metavar="SKU:QTY[:PRICE]",
                           help="A line; repeat for more.")
discount_option = click.option("--discount", metavar="PCT%|AMOUNT", help="Order discount: 5% or 10.00.")


@click.group("quotation")
def quotation() -> None:
    """Quotations: offers to customers, converted into sales orders once accepted."""


@quotation.command("create")
@click.option("--customer", required=True, help="Customer code.")
@click.option("--branch", required=True, help="Branch code.")
@line_option
@discount_option
@click.option("--valid-until", type=ISO_DATE, help="Default: 30 days from today.")
@click.option("--prices-include-tax", is_flag=True, help="Unit prices include tax.")
@click.option("--global-rounding", is_flag=True, help="Round tax once per rate instead of per line.")
@click.option("--notes", default="")
@pass_cli
def create(cli: CliContext, customer: str, branch: str, lines: tuple[str, ...], discount: str | None,
           valid_until: date | None, prices_include_tax: bool, global_rounding: bool, notes: str) -> None:
    """Create a draft quotation and print its number."""
    quotation_id = cli.handle(oms.CreateQuotation(
        customer_code=customer, branch_code=branch, lines=tuple(parse_line(line) for line in lines),
        valid_until=valid_until,
        prices_include_tax=prices_include_tax, order_discount=parse_discount(discount, "order_discount"),
        tax_rounding=oms.TaxRounding.GLOBAL if global_rounding else oms.TaxRounding.PER_LINE, notes=notes))
    click.echo(document_summary(cli.system.quotation(quotation_id)))


@quotation.command("add-line")
@click.argument("ref")
@click.argument("sku")
@click.argument("quantity")
@click.option("--price", help="Unit price; default the product's list price.")
@click.option("--discount", metavar="PCT%|AMOUNT", help="Line discount: 5% or 10.00.")
@pass_cli
def add_line(cli: CliContext, ref: str, sku: str, quantity: str, price: str | None, discount: str | None) -> None:
    """Add a line to a draft quotation (REF is its number or id)."""
    cli.handle(oms.AddQuotationLine(quotation_id=ref, line=oms.LineInput(
        sku=sku, quantity=quantity, unit_price=price, discount=parse_discount(discount))))
    click.echo(document_summary(cli.system.quotation(ref)))


def _transition(name: str, command: type[oms.SendQuotation] | type[oms.AcceptQuotation], help_text: str) -> None:
    @quotation.command(name, help=help_text)
    @click.argument("ref")
    @pass_cli
    def run(cli: CliContext, ref: str) -> None:
        cli.handle(command(quotation_id=ref))
        click.echo(document_summary(cli.system.quotation(ref)))


_transition("send", oms.SendQuotation, "Send a draft quotation to the customer.")
_transition("accept", oms.AcceptQuotation, "Record the customer's acceptance of a sent quotation.")


@quotation.command("reject")
@click.argument("ref")
@click.option("--reason", default="")
@pass_cli
def reject(cli: CliContext, ref: str, reason: str) -> None:
    """Record that the customer rejected the quotation."""
    cli.handle(oms.RejectQuotation(quotation_id=ref, reason=reason))
    click.echo(document_summary(cli.system.quotation(ref)))


@quotation.command("revise")
@click.argument("ref")
@click.option("--valid-until", type=ISO_DATE, help="Default: 30 days from today.")
@pass_cli
def revise(cli: CliContext, ref: str, valid_until: date | None) -> None:
    """Supersede the quotation with a new draft revision; prints the revision."""
    revision_id = cli.handle(oms.ReviseQuotation(
        quotation_id=ref, valid_until=valid_until))
    click.echo(document_summary(cli.system.quotation(revision_id)))


@quotation.command("convert")
@click.argument("ref")
@click.option("--allow-backorder", is_flag=True, help="Reserve what there is, backorder the rest.")
@click.option("--customer-reference", default="")
@pass_cli
def convert(cli: CliContext, ref: str, allow_backorder: bool, customer_reference: str) -> None:
    """Turn an accepted quotation into a draft sales order; prints the order."""
    order_id = cli.handle(oms.ConvertQuotation(quotation_id=ref, allow_backorder=allow_backorder,
                                               customer_reference=customer_reference))
    click.echo(document_summary(cli.system.sales_order(order_id)))


@quotation.command("show")
@click.argument("ref")
@json_option
@pass_cli
def show(cli: CliContext, ref: str, as_json: bool) -> None:
    """Show a quotation with its lines, totals and audit trail."""
    show_document(cli.system, cli.system.quotation(ref), as_json)


add_list_command(quotation, oms.QuotationStatus, QUOTATIONS, "quotations")
