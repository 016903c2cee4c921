"""Reads of the books: the chart, entries one by one or listed, the trial balance and an account's ledger.

A chart never written to reads as the default chart, which the first write makes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from oms.application.accounting import views as v
from oms.application.accounting.books import lock_date
from oms.application.shared.documents import find
from oms.application.shared.views import money
from oms.domain.accounting.accounts import DEFAULT_CHART, DEFAULT_ROLES, Account, ScopeKind
from oms.domain.accounting.journal import JournalEntry
from oms.domain.shared.errors import NotFound
from oms.ports.accounting.repositories import AccountingUnitOfWork
from oms.ports.shared.documents import DocumentRef

ZERO = Decimal("0.00")


def _accounts(uow: AccountingUnitOfWork) -> Sequence[Account]:
    return uow.accounting.accounts.list() or [Account(id=d.code, code=d.code, name=d.name, type=d.type)
                                              for d in DEFAULT_CHART]


def _account_view(account: Account) -> v.AccountView:
    return v.AccountView(code=account.code, name=account.name, type=account.type, active=account.active)


def _account(uow: AccountingUnitOfWork, code: str) -> Account:
    for account in _accounts(uow):
        if account.code == code:
            return account
    raise NotFound("account", code)


def show_account(uow: AccountingUnitOfWork, code: str) -> v.AccountView:
    """An account of the chart."""
    return _account_view(_account(uow, code))


def show_chart(uow: AccountingUnitOfWork) -> v.ChartView:
    """The chart of accounts, the account each role posts to (overrides by scope included), the lock date."""
    stored = uow.accounting.mappings.list()
    mapped = {(m.role, m.scope) for m in stored}
    defaults = [v.MappingView(role=role, scope=ScopeKind.ALL, scope_key="", account_code=code, default=True)
                for role, code in DEFAULT_ROLES.items() if (role, ScopeKind.ALL) not in mapped]
    return v.ChartView(
        accounts=[_account_view(account) for account in _accounts(uow)],
        mappings=[*defaults, *(v.MappingView(role=m.role, scope=m.scope, scope_key=m.scope_key,
                                             account_code=m.account_code, default=False) for m in stored)],
        lock_date=lock_date(uow))


def show_lock_date(uow: AccountingUnitOfWork) -> v.LockDateView:
    """The lock date of the books."""
    return v.LockDateView(lock_date=lock_date(uow))


def entry_view(entry: JournalEntry) -> v.JournalEntryView:
    return v.JournalEntryView(
        id=entry.id, number=entry.number, entry_date=entry.entry_date, currency=entry.currency,
        source_kind=entry.source_kind, source_ref=entry.source_ref, description=entry.description,
        posted_at=entry.posted_at, posted_by=entry.posted_by, total=money(entry.debit_total, entry.currency),
        lines=[v.JournalLineView(position=line.position, account_code=line.account_code,
                                 debit=money(line.debit, entry.currency), credit=money(line.credit, entry.currency),
                                 description=line.description) for line in entry.lines])


def show_entry(uow: AccountingUnitOfWork, ref: DocumentRef) -> v.JournalEntryView:
    """A journal entry by its number (JE-2026-000001) or id: its source and its lines."""
    return entry_view(find(uow.accounting.journal, ref, "journal entry"))


def journal(uow: AccountingUnitOfWork, *, since: date | None = None, until: date | None = None,
            source_kind: str | None = None, source_ref: str | None = None) -> v.JournalView:
    """The entries dated from `since` to `until`, of one source document when given."""
    return v.JournalView(entries=[entry_view(entry) for entry in uow.accounting.journal.entries(
        since=since, until=until, source_kind=source_kind, source_ref=source_ref)])


def _sums(entries: Sequence[JournalEntry], code: str | None = None) -> dict[str, tuple[Decimal, Decimal]]:
    sums: dict[str, tuple[Decimal, Decimal]] = {}
    for entry in entries:
        for line in entry.lines:
            if code in (None, line.account_code):
                debit, credit = sums.get(line.account_code, (ZERO, ZERO))
                sums[line.account_code] = (debit + line.debit, credit + line.credit)
    return sums


def _currency(entries: Sequence[JournalEntry]) -> str:
    return entries[0].currency if entries else "EUR"


def trial_balance(uow: AccountingUnitOfWork, *, since: date | None = None,
                  until: date | None = None) -> v.TrialBalanceView:
    """Per account: opening balance, debits and credits of the period, closing balance; totals balance."""
    journal_entries = uow.accounting.journal.entries(until=until)
    currency = _currency(journal_entries)
    opening = _sums([e for e in journal_entries if since is not None and e.entry_date < since])
    period = _sums([e for e in journal_entries if since is None or e.entry_date >= since])
    rows: list[tuple[Account, tuple[Decimal, Decimal, Decimal, Decimal]]] = []
    for account in _accounts(uow):
        before = opening.get(account.code, (ZERO, ZERO))
        debits, credits = period.get(account.code, (ZERO, ZERO))
        start = before[0] - before[1]
        rows.append((account, (start, debits, credits, start + debits - credits)))
    sums = [sum((amounts[i] for _, amounts in rows), ZERO) for i in range(4)]
    return v.TrialBalanceView(since=since, until=until, accounts=[_row(account, amounts, currency)
                                                                  for account, amounts in rows],
                              totals=_row(Account(id="", code="total", name="Total", type=DEFAULT_CHART[0].type),
                                          tuple(sums), currency))


def _row(account: Account, amounts: Sequence[Decimal], currency: str) -> v.TrialBalanceRow:
    opening, debits, credits, closing = (money(amount, currency) for amount in amounts)
    return v.TrialBalanceRow(code=account.code, name=account.name, type=account.type, opening=opening,
                             debits=debits, credits=credits, closing=closing)


def account_ledger(uow: AccountingUnitOfWork, code: str, *, since: date | None = None,
                   until: date | None = None) -> v.AccountLedgerView:
    """An account's entries in the period with the running balance after each."""
    account = _account(uow, code)
    journal_entries = uow.accounting.journal.entries(until=until)
    currency = _currency(journal_entries)
    debit, credit = _sums([e for e in journal_entries if since is not None and e.entry_date < since],
                          code).get(code, (ZERO, ZERO))
    balance = opening = debit - credit
    rows = []
    for entry in journal_entries:
        if since is not None and entry.entry_date < since:
            continue
        for line in entry.lines:
            if line.account_code == code:
                balance += line.debit - line.credit
                rows.append(v.LedgerRow(entry_number=entry.number, entry_date=entry.entry_date,
                                        source_kind=entry.source_kind, source_ref=entry.source_ref,
                                        description=line.description or entry.description,
                                        debit=money(line.debit, currency), credit=money(line.credit, currency),
                                        balance=money(balance, currency)))
    return v.AccountLedgerView(account=_account_view(account), since=since, until=until,
                               opening=money(opening, currency), rows=rows, closing=money(balance, currency))
