"""`oms bill ...` and `oms supplier-payment ...`: vendor bills and debit notes, payments to suppliers. `create` and
`debit` take their lines as `LINE=QTY[@PRICE]` and `LINE=QTY`, written by hand; `post`, `rematch`, `release`,
`cancel`, `pay` and the payments' `record` and `allocate` are made from the action tables; `list` filters by match
status, `show` tells each line's 3-way match, `oms bill po-billing PO` what an order billed and has left to bill."""

from __future__ import annotations

from datetime import date, datetime

import click

from oms.application.invoicing.bill_actions import BILL
from oms.application.invoicing.bill_listings import bill_page, supplier_payment_page
from oms.application.invoicing.bill_views import BillView, SupplierPaymentView
from oms.application.invoicing.vendor_bills import CreateDebitNote, DebitLine, show_bill
from oms.application.processes.vendor_billing import BillLineRequest, BillPurchaseOrder, purchase_order_billing
from oms.application.shared.actions import Action
from oms.domain.invoicing.vendor_bills import BillKind, BillStatus, MatchStatus
from oms.entrypoints.cli import support
from oms.entrypoints.cli.actions import hand_written, perform, say
from oms.entrypoints.cli.paging import paging_options
from oms.entrypoints.cli.support import CliContext, fail, json_option, pass_cli, print_json, print_table, text
from oms.entrypoints.cli.views import LINES


@click.group("bill")
def bill() -> None:
    """Vendor bills and debit notes: drafts made from purchase orders, posted with a number and a 3-way match per
    line, paid once matched or released."""


@click.group("supplier-payment")
def supplier_payment() -> None:
    """Payments to suppliers: recorded (posted at once, numbered SPAY-<year>-), allocated to posted bills."""


def bill_summary(view: BillView) -> str:
    name = view.number or f"draft {view.kind.replace('_', ' ')} {view.id}"
    owed = "" if view.residual is None else f", owes {text(view.residual)} ({view.payment_status})"
    return (f"{name}: {view.status}, {view.supplier_code} {view.supplier_invoice_number}, match {view.match_status}, "
            f"{text(view.totals.grand_total)} {view.currency}{owed}")


def supplier_payment_summary(view: SupplierPaymentView) -> str:
    paid = ", ".join(f"{a.bill_number} {text(a.amount)}" for a in view.allocations) or "nothing yet"
    return (f"{view.number}: {text(view.amount)} {view.amount.currency.code} to {view.supplier_code}; pays {paid}; "
            f"{text(view.unallocated)} left")


LINES[BillView] = bill_summary
LINES[SupplierPaymentView] = supplier_payment_summary


def _pair(given: str, shape: str) -> tuple[str, str]:
    key, equals, quantity = given.partition("=")
    if not equals or not key or not quantity:
        fail(f"invalid line {given!r}: write {shape}")
    return key, quantity


@hand_written(BILL, "create")
def create_command(action: Action) -> click.Command:
    @click.command("create", help=f"{action.summary}. `oms bill create PO-000001 --supplier-invoice-number INV-77` "
                   "bills what is left; `--line 1=6@5.20` bills 6 of line 1 (its number, # or SKU) at 5.20.",
                   short_help=action.summary)
    @click.argument("order")
    @click.option("--supplier-invoice-number", required=True, help="The supplier's own invoice number.")
    @click.option("--bill-date", type=support.ISO_DATE, help="The supplier's invoice date (today when not given).")
    @click.option("--line", "lines", multiple=True, metavar="LINE=QTY[@PRICE]", help="A line to bill; repeat.")
    @json_option
    @pass_cli
    def create(cli: CliContext, order: str, supplier_invoice_number: str, bill_date: date | None,
               lines: tuple[str, ...], as_json: bool) -> None:
        requests = []
        for given in lines:
            key, rest = _pair(given, "LINE=QTY[@PRICE]")
            quantity, at, price = rest.partition("@")
            requests.append(BillLineRequest(line=key, quantity=quantity, unit_price=price if at else None))
        command = BillPurchaseOrder(order_id=order, supplier_invoice_number=supplier_invoice_number,
                                    bill_date=bill_date, lines=tuple(requests))
        say(action, perform(cli, action, command)[1], as_json)

    return create


@hand_written(BILL, "debit")
def debit_command(action: Action) -> click.Command:
    @click.command("debit", help=f"{action.summary}. LINE is the bill line's number (#) or id: `1=2`.",
                   short_help=action.summary)
    @click.argument("ref")
    @click.argument("quantities", nargs=-1, metavar="[LINE=QTY]...")
    @click.option("--supplier-invoice-number", required=True, help="The supplier's credit-note number.")
    @click.option("--bill-date", type=support.ISO_DATE, help="Its date (today when not given).")
    @json_option
    @pass_cli
    def debit(cli: CliContext, ref: str, quantities: tuple[str, ...], supplier_invoice_number: str,
              bill_date: date | None, as_json: bool) -> None:
        lines = tuple(DebitLine(line=key, quantity=quantity)
                      for key, quantity in (_pair(given, "LINE=QTY") for given in quantities))
        command = CreateDebitNote(bill_id=ref, supplier_invoice_number=supplier_invoice_number, bill_date=bill_date,
                                  lines=lines)
        say(action, perform(cli, action, command)[1], as_json)

    return debit


def print_bill(view: BillView) -> None:
    click.echo(bill_summary(view))
    click.echo(f"branch {view.branch_code}, dated {view.bill_date}, due {view.due_date or '-'}"
               f"{', released by ' + view.released_by if view.released_by else ''}")
    print_table(["#", "sku", "quantity", "unit price", "order's", "net", "tax", "total", "match", "why"],
                [[line.position, line.sku, text(line.quantity), text(line.unit_price), text(line.po_unit_price),
                  text(line.net), text(line.tax), text(line.total), line.match_status, line.match_reason]
                 for line in view.lines])


@bill.command("show")
@click.argument("ref")
@json_option
@pass_cli
def show(cli: CliContext, ref: str, as_json: bool) -> None:
    """Show a vendor bill or debit note: its lines with their 3-way match, totals, and what a posted bill owes."""
    view = cli.system.read(show_bill, ref)
    if as_json:
        print_json(view)
    else:
        print_bill(view)


@bill.command("list")
@click.option("--match", multiple=True, type=click.Choice([m.value for m in MatchStatus]),
              help="Only bills of this match status (repeat for several).")
@click.option("--status", multiple=True, type=click.Choice([s.value for s in BillStatus]),
              help="Only bills in this status (repeat for several).")
@click.option("--kind", multiple=True, type=click.Choice([k.value for k in BillKind]), help="Repeat for both.")
@click.option("--supplier", help="Supplier code.")
@click.option("--search", help="A part of the number, of the supplier's invoice number or of the supplier's code or "
              "name, in any case.")
@paging_options("oldest")
@json_option
@pass_cli
def list_bills(cli: CliContext, match: tuple[str, ...], status: tuple[str, ...], kind: tuple[str, ...],
               supplier: str | None, search: str | None, created_from: datetime | None,
               created_until: datetime | None, limit: int, order: str, cursor: str | None, as_json: bool) -> None:
    """List vendor bills and debit notes, oldest first, a page at a time (an unknown supplier matches nothing)."""
    found = cli.system.read(bill_page, cli.runtime.listings, kinds=kind, statuses=status, matches=match,
                            supplier_code=supplier, created_from=created_from, created_until=created_until,
                            search=search, newest_first=order == "newest", limit=limit, cursor=cursor)
    if as_json:
        print_json(found)
        return
    print_table(["number", "kind", "status", "match", "supplier", "their number", "date", "total", "currency",
                 "payment", "owes"],
                [[b.number or "(draft)", b.kind.replace("_", " "), b.status, b.match_status, b.supplier_code,
                  b.supplier_invoice_number, b.bill_date, text(b.grand_total), b.grand_total.currency.code,
                  (b.payment_status or "").replace("_", " "), text(b.residual) if b.residual else ""]
                 for b in found.items])
    support.print_next_page(found.next_cursor)


@bill.command("po-billing")
@click.argument("order")
@json_option
@pass_cli
def po_billing(cli: CliContext, order: str, as_json: bool) -> None:
    """What a purchase order has billed and has left to bill, per line."""
    view = cli.system.read(purchase_order_billing, order)
    if as_json:
        print_json(view)
        return
    click.echo(view.number)
    print_table(["#", "sku", "policy", "ordered", "received", "billed", "to bill"],
                [[line.position, line.sku, line.billing_policy, text(line.ordered), text(line.received),
                  text(line.billed), text(line.to_bill)] for line in view.lines])


@supplier_payment.command("list")
@click.option("--supplier", help="Supplier code.")
@paging_options("oldest")
@json_option
@pass_cli
def list_supplier_payments(cli: CliContext, supplier: str | None, created_from: datetime | None,
                           created_until: datetime | None, limit: int, order: str, cursor: str | None,
                           as_json: bool) -> None:
    """Payments to suppliers, oldest recorded first, a page at a time (`show` tells what each has left)."""
    found = cli.system.read(supplier_payment_page, cli.runtime.listings, supplier_code=supplier,
                            created_from=created_from, created_until=created_until, newest_first=order == "newest",
                            limit=limit, cursor=cursor)
    if as_json:
        print_json(found)
        return
    print_table(["number", "supplier", "date", "amount", "currency", "unallocated"],
                [[p.number, p.supplier_code, p.payment_date, text(p.amount), p.amount.currency.code,
                  text(p.unallocated)] for p in found.items])
    support.print_next_page(found.next_cursor)
