"""`oms invoice ...`: invoices and credit notes. `create` and `credit` take their lines as `ORDER:LINE=QTY` and
`LINE=QTY`, written by hand; `post`, `delete` and `show` are made from the action tables; `oms invoice billing ORDER`
tells what an order has invoiced and has left to invoice; `list` pages through them and `document` writes one as
the customer receives it (HTML or PDF)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from oms.application.invoicing.actions import INVOICE
from oms.application.invoicing.invoices import CreateCreditNote, CreditLine
from oms.application.invoicing.queries import show_invoice
from oms.application.masterdata.lookups import customer_by_code
from oms.application.processes.billing import InvoiceLineRequest, InvoiceOrders, order_billing
from oms.application.processes.invoice_documents import invoice_document, invoice_page
from oms.application.shared.actions import Action
from oms.domain.invoicing.invoices import InvoiceKind, InvoiceStatus
from oms.entrypoints.cli import support
from oms.entrypoints.cli.actions import hand_written, perform, say
from oms.entrypoints.cli.support import CliContext, fail, json_option, pass_cli, print_json, print_table
from oms.entrypoints.cli.views import print_invoice
from oms.entrypoints.documents.invoice import invoice_html, invoice_pdf
from oms.ports.shared.listings import MAX_LIMIT


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


@invoice.command("list")
@click.option("--kind", multiple=True, type=click.Choice([k.value for k in InvoiceKind]), help="Repeat for both.")
@click.option("--status", multiple=True, type=click.Choice([s.value for s in InvoiceStatus]),
              help="Repeat for both.")
@click.option("--customer", help="Customer code.")
@click.option("--sales-order", help="Only the documents billing this order (its number), and their credit notes.")
@click.option("--dated-from", type=support.ISO_DATE, help="Dated on or after this day.")
@click.option("--dated-until", type=support.ISO_DATE, help="Dated on or before this day.")
@click.option("--created-from", type=support.ISO_TIME, help="Created at or after.")
@click.option("--created-until", type=support.ISO_TIME, help="Created before.")
@click.option("--search", help="A part of the number, or of the customer's code or name, in any case.")
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=50, show_default=True)
@click.option("--order", type=click.Choice(["newest", "oldest"]), default="newest", show_default=True)
@click.option("--cursor", help="Where the previous page ended (printed under it).")
@json_option
@pass_cli
def list_invoices(cli: CliContext, kind: tuple[str, ...], status: tuple[str, ...], customer: str | None,
                  sales_order: str | None, dated_from: date | None, dated_until: date | None,
                  created_from: datetime | None, created_until: datetime | None, search: str | None, limit: int,
                  order: str, cursor: str | None, as_json: bool) -> None:
    """List invoices and credit notes, newest first, a page at a time."""
    if customer:
        cli.system.read(customer_by_code, customer)  # refused naming the closest codes
    page = cli.system.read(invoice_page, cli.runtime.listings, kinds=kind, statuses=status, customer_code=customer,
                           order=sales_order, created_from=created_from, created_until=created_until,
                           dated_from=dated_from, dated_until=dated_until, search=search,
                           newest_first=order == "newest", limit=limit, cursor=cursor)
    if as_json:
        print_json(page)
        return
    print_table(["number", "kind", "status", "date", "customer", "branch", "total", "currency"],
                [[s.number or "(draft)", s.kind.replace("_", " "), s.status, s.invoice_date or "", s.customer_code,
                  s.branch_code, s.grand_total, s.grand_total.currency.code] for s in page.items])
    support.print_next_page(page.next_cursor)


@invoice.command("document")
@click.argument("ref")
@click.option("--pdf", "pdf", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the PDF to this file.")
@click.option("--html", "html", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the HTML page to this file.")
@pass_cli
def document(cli: CliContext, ref: str, pdf: Path | None, html: Path | None) -> None:
    """Write an invoice or credit note as the customer receives it: `--pdf out.pdf`, `--html out.html` or both (a
    draft is marked DRAFT)."""
    if pdf is None and html is None:
        fail("give --pdf FILE or --html FILE (or both)")
    view = cli.system.read(invoice_document, ref)
    name = view.invoice.number or "the draft"
    if pdf is not None:
        pdf.write_bytes(invoice_pdf(view))
        click.echo(f"{name}: PDF written to {pdf}")
    if html is not None:
        html.write_text(invoice_html(view), encoding="utf-8")
        click.echo(f"{name}: HTML written to {html}")
