"""The books: the chart of accounts and its mapping, journal entries, the trial balance, an account's ledger and the
lock date for viewers; the chart, manual entries and the lock date changed as their actions declare."""

from __future__ import annotations

from datetime import date

from attrs import frozen

from oms.application.accounting import queries
from oms.application.accounting import views as v
from oms.application.accounting.actions import ACCOUNT, ACTIONS, JOURNAL_ENTRY
from oms.domain.access.tokens import Role
from oms.entrypoints.http.endpoints import ApiBlueprint, Call

bp = ApiBlueprint("accounting", __name__, tag=ACCOUNT.tag)


@frozen(kw_only=True)
class PeriodQuery:
    """From `since` to `until`, both included; open ended where left out."""

    since: date | None = None
    until: date | None = None


@frozen(kw_only=True)
class JournalQuery:
    """Entries from `since` to `until`, of one source document when `source_kind` and `source_ref` are given."""

    since: date | None = None
    until: date | None = None
    source_kind: str | None = None
    source_ref: str | None = None


@bp.operation("GET", "/accounting/chart", summary="The chart of accounts, the account each role posts to and the "
              "lock date", role=Role.VIEWER, response=v.ChartView)
def get_chart(call: Call) -> v.ChartView:
    return call.system.read(queries.show_chart)


@bp.operation("GET", "/accounting/lock-date", summary="The lock date: nothing is posted on or before it",
              role=Role.VIEWER, response=v.LockDateView)
def get_lock_date(call: Call) -> v.LockDateView:
    return call.system.read(queries.show_lock_date)


@bp.operation("GET", f"{ACCOUNT.path}/<code>", summary="Show an account of the chart", role=Role.VIEWER,
              response=v.AccountView)
def get_account(call: Call) -> v.AccountView:
    return call.system.read(queries.show_account, call.args["code"])


@bp.operation("GET", f"{ACCOUNT.path}/<code>/ledger", summary="An account's general ledger: its entries in a "
              "period with the running balance", role=Role.VIEWER, response=v.AccountLedgerView, query=PeriodQuery)
def get_account_ledger(call: Call) -> v.AccountLedgerView:
    period = call.query(PeriodQuery)
    return call.system.read(queries.account_ledger, call.args["code"], since=period.since, until=period.until)


@bp.operation("GET", "/accounting/trial-balance", summary="The trial balance of a period: per account the opening "
              "balance, debits, credits and closing balance", role=Role.VIEWER, response=v.TrialBalanceView,
              query=PeriodQuery)
def get_trial_balance(call: Call) -> v.TrialBalanceView:
    period = call.query(PeriodQuery)
    return call.system.read(queries.trial_balance, since=period.since, until=period.until)


@bp.operation("GET", JOURNAL_ENTRY.path, summary="Journal entries of a period or of one source document",
              role=Role.VIEWER, response=v.JournalView, query=JournalQuery)
def list_journal_entries(call: Call) -> v.JournalView:
    wanted = call.query(JournalQuery)
    return call.system.read(queries.journal, since=wanted.since, until=wanted.until, source_kind=wanted.source_kind,
                            source_ref=wanted.source_ref)


@bp.operation("GET", f"{JOURNAL_ENTRY.path}/<ref>", summary="Show a journal entry: its source and its lines",
              role=Role.VIEWER, response=v.JournalEntryView)
def get_journal_entry(call: Call) -> v.JournalEntryView:
    return call.system.read(queries.show_entry, call.args["ref"])


bp.actions(ACTIONS)
