"""What reads of the books answer: the chart and its mapping, entries, the trial balance and an account's ledger.

Amounts are in the entries' currency (the books keep one: reports over entries of several currencies add them
as they are); a balance is debits less credits (an asset's positive balance, a liability's or an income's
negative one)."""

from __future__ import annotations

from datetime import date, datetime

from attrs import frozen

from oms.domain.accounting.accounts import AccountRole, AccountType, ScopeKind
from oms.domain.shared.money import Money


@frozen(kw_only=True)
class AccountView:
    code: str
    name: str
    type: AccountType
    active: bool


@frozen(kw_only=True)
class MappingView:
    """`role` posts to `account_code` in `scope` (for `scope_key`); `default`: the default chart's, not stored."""

    role: AccountRole
    scope: ScopeKind
    scope_key: str
    account_code: str
    default: bool


@frozen(kw_only=True)
class ChartView:
    """The chart of accounts, how each role maps to an account, and the lock date."""

    accounts: list[AccountView]
    mappings: list[MappingView]
    lock_date: date | None


@frozen(kw_only=True)
class LockDateView:
    """Nothing is posted on or before `lock_date` (None: the books are open)."""

    lock_date: date | None


@frozen(kw_only=True)
class JournalLineView:
    position: int
    account_code: str
    debit: Money
    credit: Money
    description: str


@frozen(kw_only=True)
class JournalEntryView:
    """A posted entry: its source (a document's kind and number, or `manual`) and its balanced lines."""

    id: str
    number: str
    entry_date: date
    source_kind: str
    source_ref: str
    description: str
    total: Money
    currency: str
    posted_by: str
    posted_at: datetime
    lines: list[JournalLineView]


@frozen(kw_only=True)
class JournalView:
    """Entries by date and number."""

    entries: list[JournalEntryView]


@frozen(kw_only=True)
class TrialBalanceRow:
    code: str
    name: str
    type: AccountType
    opening: Money
    debits: Money
    credits: Money
    closing: Money


@frozen(kw_only=True)
class TrialBalanceView:
    """Per account: the balance before `since`, the debits and credits from `since` to `until`, the balance at the
    end; the totals' openings and closings are 0 and debits equal credits."""

    since: date | None
    until: date | None
    accounts: list[TrialBalanceRow]
    totals: TrialBalanceRow


@frozen(kw_only=True)
class LedgerRow:
    entry_number: str
    entry_date: date
    source_kind: str
    source_ref: str
    description: str
    debit: Money
    credit: Money
    balance: Money


@frozen(kw_only=True)
class AccountLedgerView:
    """An account's entries from `since` to `until` with the running balance after each."""

    account: AccountView
    since: date | None
    until: date | None
    opening: Money
    rows: list[LedgerRow]
    closing: Money
