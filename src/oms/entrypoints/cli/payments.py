"""`oms payment ...`: payments recorded, allocated and unallocated (made from the action tables), listed and shown;
`oms customer statement CODE` and `oms receivables ageing`, the reads of what customers owe."""

from __future__ import annotations

from datetime import date, datetime

import click

from oms.application.invoicing.payments import payment_list
from oms.application.invoicing.statements import customer_statement, receivables_ageing
from oms.application.invoicing.views import AgeingRow, PaymentView
from oms.domain.invoicing.receivables import BUCKETS
from oms.entrypoints.cli.support import CliContext, json_option, pass_cli, print_json, print_table, text

DAY = click.DateTime(formats=["%Y-%m-%d"])


@click.group("payment")
def payment() -> None:
    """Payments received: recorded (posted at once, numbered PAY-<year>-), allocated to posted invoices; what is not
    allocated is the customer's credit."""


@click.group("receivables")
def receivables() -> None:
    """What customers owe."""


def _today(cli: CliContext) -> date:
    return cli.system.bus.clock.now().date()


def _day(given: datetime | None) -> date | None:
    return None if given is None else given.date()


def print_payment(view: PaymentView) -> None:
    method = view.method.replace("_", " ")
    click.echo(f"{view.number}: {text(view.amount)} {view.amount.currency.code} from {view.customer_code} on "
               f"{view.payment_date} by {method}; allocated {text(view.allocated)}, unallocated "
               f"{text(view.unallocated)}  (id {view.id})")
    if view.allocations:
        print_table(["invoice", "amount", "allocated at", "by"],
                    [[a.invoice_number, text(a.amount), text(a.allocated_at), a.allocated_by]
                     for a in view.allocations])


@payment.command("list")
@click.option("--customer", default=None, metavar="CODE", help="One customer's payments only.")
@json_option
@pass_cli
def list_payments(cli: CliContext, customer: str | None, as_json: bool) -> None:
    """Payments, oldest first."""
    view = cli.system.read(payment_list, customer)
    if as_json:
        print_json(view)
        return
    print_table(["number", "date", "customer", "amount", "currency", "method", "unallocated", "reference"],
                [[p.number, p.payment_date, p.customer_code, text(p.amount), p.amount.currency.code, text(p.method),
                  text(p.unallocated), p.reference] for p in view.items])


@click.command("statement")
@click.argument("code")
@click.option("--from", "from_date", type=DAY, default=None, help="The first day shown (YYYY-MM-DD); the balance "
              "before it is the opening balance.")
@click.option("--to", "to_date", type=DAY, default=None, help="The last day shown (YYYY-MM-DD; default today).")
@json_option
@pass_cli
def statement(cli: CliContext, code: str, from_date: datetime | None, to_date: datetime | None,
              as_json: bool) -> None:
    """A customer's statement: posted invoices, credit notes and payments with the running balance."""
    view = cli.system.read(customer_statement, code, today=_today(cli), from_date=_day(from_date),
                           to_date=_day(to_date))
    if as_json:
        print_json(view)
        return
    for section in view.currencies:
        click.echo(f"{view.customer_code} in {section.currency}: opening balance {text(section.opening_balance)}")
        print_table(["date", "document", "number", "amount", "balance", "due", "residual"],
                    [[line.entry_date, text(line.kind), line.number, text(line.amount), text(line.balance),
                      line.due_date, line.residual] for line in section.lines])
        click.echo(f"closing balance {text(section.closing_balance)}; unallocated credit "
                   f"{text(section.unallocated_credit)}")


def _ageing_cells(row: AgeingRow) -> list[object]:
    return [row.customer_code or "total", row.currency, *(text(getattr(row, name)) for name in BUCKETS),
            text(row.total)]


@receivables.command("ageing")
@click.option("--as-of", "as_of", type=DAY, default=None, help="The day to age on (YYYY-MM-DD; default today).")
@json_option
@pass_cli
def ageing(cli: CliContext, as_of: datetime | None, as_json: bool) -> None:
    """What customers owe by days past due: current, 1-30, 31-60, 61-90, over 90."""
    view = cli.system.read(receivables_ageing, as_of=_day(as_of) or _today(cli))
    if as_json:
        print_json(view)
        return
    print_table(["customer", "currency", "current", "1-30", "31-60", "61-90", "over 90", "total"],
                [_ageing_cells(row) for row in [*view.customers, *view.totals]])
