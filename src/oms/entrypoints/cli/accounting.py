"""`oms ledger ...`: the books (chart, trial balance, an account's ledger, entries, a manual entry, the lock date)
and `oms account ...`: the chart's accounts (create, update, delete and show come from the action tables)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import click

from oms.application.accounting import queries
from oms.application.accounting.actions import LEDGER
from oms.application.accounting.books import EntryLine, PostJournalEntry
from oms.application.accounting.views import JournalEntryView
from oms.application.shared.actions import Action
from oms.entrypoints.cli.actions import hand_written, perform, say
from oms.entrypoints.cli.support import CliContext, fail, json_option, pass_cli, print_json, print_table

PERIOD = [click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="First day (YYYY-MM-DD)."),
          click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Last day (YYYY-MM-DD).")]


@click.group("ledger")
def ledger() -> None:
    """The books: chart of accounts, trial balance, general ledger, journal entries, the lock date."""


@click.group("account")
def account() -> None:
    """Accounts of the chart: create, rename, deactivate, delete (an account without entries)."""


def _day(value: object) -> date | None:
    return None if value is None else value.date()  # type: ignore[attr-defined]  # click gives a datetime


F = TypeVar("F", bound=Callable[..., Any])


def _period(command: F) -> F:
    for option in reversed(PERIOD):
        command = option(command)
    return command


@ledger.command("accounts")
@json_option
@pass_cli
def accounts(cli: CliContext, as_json: bool) -> None:
    """The chart of accounts and the account each role posts to."""
    view = cli.system.read(queries.show_chart)
    if as_json:
        print_json(view)
        return
    print_table(["code", "name", "type", "active"], [[a.code, a.name, a.type, a.active] for a in view.accounts])
    print_table(["role", "scope", "for", "account"],
                [[m.role, m.scope, m.scope_key, m.account_code + (" (default)" if m.default else "")]
                 for m in view.mappings])
    click.echo(f"lock date: {view.lock_date or 'none'}")


@ledger.command("trial-balance")
@_period
@json_option
@pass_cli
def trial_balance(cli: CliContext, since: object, until: object, as_json: bool) -> None:
    """Per account: opening balance, debits, credits and closing balance of a period."""
    view = cli.system.read(queries.trial_balance, since=_day(since), until=_day(until))
    if as_json:
        print_json(view)
        return
    print_table(["code", "name", "opening", "debits", "credits", "closing"],
                [[r.code, r.name, r.opening, r.debits, r.credits, r.closing] for r in [*view.accounts, view.totals]])


@ledger.command("account")
@click.argument("code")
@_period
@json_option
@pass_cli
def account_ledger(cli: CliContext, code: str, since: object, until: object, as_json: bool) -> None:
    """An account's entries in a period with the running balance."""
    view = cli.system.read(queries.account_ledger, code, since=_day(since), until=_day(until))
    if as_json:
        print_json(view)
        return
    click.echo(f"{view.account.code} {view.account.name}: opening {view.opening}, closing {view.closing}")
    print_table(["date", "entry", "source", "description", "debit", "credit", "balance"],
                [[r.entry_date, r.entry_number, f"{r.source_kind} {r.source_ref}".strip(), r.description, r.debit,
                  r.credit, r.balance] for r in view.rows])


def _print_entry(view: JournalEntryView) -> None:
    click.echo(f"{view.number} {view.entry_date} {view.source_kind} {view.source_ref}: {view.description} "
               f"({view.total} {view.currency})")
    print_table(["#", "account", "debit", "credit", "description"],
                [[line.position, line.account_code, line.debit, line.credit, line.description]
                 for line in view.lines])


@ledger.command("entries")
@_period
@click.option("--source", default=None, metavar="KIND:REF", help="Entries of one source document: invoice:INV-...")
@json_option
@pass_cli
def entries(cli: CliContext, since: object, until: object, source: str | None, as_json: bool) -> None:
    """Journal entries of a period, or of one source document."""
    kind, _, ref = (source or "").partition(":")
    view = cli.system.read(queries.journal, since=_day(since), until=_day(until), source_kind=kind or None,
                           source_ref=ref or None)
    if as_json:
        print_json(view)
        return
    print_table(["date", "entry", "source", "description", "total"],
                [[e.entry_date, e.number, f"{e.source_kind} {e.source_ref}".strip(), e.description, e.total]
                 for e in view.entries])


@ledger.command("entry")
@click.argument("ref")
@json_option
@pass_cli
def entry(cli: CliContext, ref: str, as_json: bool) -> None:
    """A journal entry by its number (JE-2026-000001): its source and lines."""
    view = cli.system.read(queries.show_entry, ref)
    if as_json:
        print_json(view)
        return
    _print_entry(view)


def _line(given: str) -> EntryLine:
    code, equals, amount = given.partition("=")
    try:
        value = Decimal(amount)
    except InvalidOperation:
        value = Decimal("NaN")
    if not equals or not code or not value.is_finite() or not value:
        fail(f"invalid line {given!r}: write ACCOUNT=AMOUNT, a debit positive, a credit negative (1200=100.00)")
    return EntryLine(account=code, debit=max(value, Decimal(0)), credit=max(-value, Decimal(0)))


@hand_written(LEDGER, "post")
def post_command(action: Action) -> click.Command:
    @click.command("post", help=f"{action.summary}. Lines are ACCOUNT=AMOUNT, a debit positive, a credit "
                   "negative: `oms ledger post 1200=100.00 4000=-100.00 --description 'Cash sale'`.",
                   short_help=action.summary)
    @click.argument("lines", nargs=-1, metavar="ACCOUNT=AMOUNT...")
    @click.option("--description", required=True, help="What the entry is for.")
    @click.option("--date", "entry_date", type=click.DateTime(["%Y-%m-%d"]), default=None,
                  help="The entry's date (YYYY-MM-DD); today if left out.")
    @click.option("--currency", default="EUR", show_default=True, help="The entry's currency.")
    @json_option
    @pass_cli
    def post(cli: CliContext, lines: tuple[str, ...], description: str, entry_date: object, currency: str,
             as_json: bool) -> None:
        command = PostJournalEntry(lines=tuple(_line(given) for given in lines), description=description,
                                   entry_date=_day(entry_date), currency=currency)
        say(action, perform(cli, action, command)[1], as_json)

    return post
