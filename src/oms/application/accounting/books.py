"""The books' use cases: the chart of accounts (made on first use from the default chart), the account mapping,
the lock date, and posting journal entries, manual or from the legs a document's posting builds.

`record_entry` is what the processes call, in the transaction of the command that causes the posting.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from attrs import field, frozen

from oms.application.shared.commands import Command, Handlers
from oms.application.shared.documents import next_number
from oms.domain.accounting import accounts as chart
from oms.domain.accounting.accounts import Account, AccountMapping, AccountRole, AccountType, ScopeKind
from oms.domain.accounting.journal import (
    SETTINGS_ID,
    JournalEntry,
    JournalLine,
    LedgerSettings,
    SourceKind,
    check_lock_date,
)
from oms.domain.accounting.postings import Leg, journal_lines
from oms.domain.shared.errors import AlreadyExists, InvalidValue, NotFound, refuse
from oms.domain.shared.ids import DocumentType, new_id
from oms.domain.shared.money import to_decimal
from oms.ports.accounting.repositories import AccountingUnitOfWork
from oms.ports.shared.clock import Clock


def ensure_chart(uow: AccountingUnitOfWork) -> None:
    """The default chart of accounts, made the first time the books are written to; a default account added to
    the chart since (accounts payable, input tax, price differences) is made the first time the books are written
    to after it."""
    present = {account.code for account in uow.accounting.accounts.list()}
    missing = [default for default in chart.DEFAULT_CHART if default.code not in present]
    if not missing:
        return
    for default in missing:
        uow.accounting.accounts.add(Account(id=new_id(), code=default.code, name=default.name, type=default.type))
    uow.flush()  # so that the next look at the chart in this transaction sees it, on every store


def lock_date(uow: AccountingUnitOfWork) -> date | None:
    """The books' lock date: nothing is posted on or before it (None: not locked)."""
    settings = uow.accounting.settings.find(SETTINGS_ID)
    return None if settings is None else settings.lock_date


def account(uow: AccountingUnitOfWork, code: str, field_name: str = "code") -> Account:
    found = uow.accounting.accounts.by_code(code)
    if found is None:
        raise NotFound("account", code, field=field_name)
    return found


def mappings(uow: AccountingUnitOfWork) -> dict[str, str]:
    return {mapping.id: mapping.account_code for mapping in uow.accounting.mappings.list()}


def post_lines(uow: AccountingUnitOfWork, lines: Sequence[JournalLine], *, entry_date: date, currency: str,
               source: tuple[str, str], description: str, at: datetime, actor: str) -> JournalEntry:
    """Post an entry of these lines, numbered from its year's gapless series, after the lock date; every account
    must be in the chart and active."""
    ensure_chart(uow)
    for i, line in enumerate(lines):
        if not account(uow, line.account_code, f"lines[{i}].account").active:
            raise refuse("InactiveAccount", f"account {line.account_code} is inactive [lines[{i}].account]")
    entry = JournalEntry.post(
        id=new_id(), number=next_number(uow, DocumentType.JOURNAL_ENTRY, period=str(entry_date.year)),
        entry_date=entry_date, currency=currency, source_kind=source[0], source_ref=source[1],
        description=description, lines=lines, at=at, actor=actor, lock_date=lock_date(uow))
    uow.accounting.journal.add(entry)
    return entry


def record_entry(uow: AccountingUnitOfWork, legs: Sequence[Leg], *, entry_date: date, currency: str,
                 source: tuple[str, str], description: str, at: datetime, actor: str) -> JournalEntry | None:
    """Post the entry of a document's legs (from `oms.domain.accounting.postings`), accounts resolved through the
    mapping: the one call a process makes, in the transaction of the command that posts the document. A document
    whose amounts are all zero (a free delivery) posts nothing (None)."""
    lines = journal_lines(legs, mappings(uow), new_id)
    if not lines:
        return None
    return post_lines(uow, lines, entry_date=entry_date, currency=currency, source=source,
                      description=description, at=at, actor=actor)


@frozen(kw_only=True)
class CreateAccount(Command[str]):
    """A new account of the chart."""

    code: str
    name: str
    type: AccountType


@frozen(kw_only=True)
class UpdateAccount(Command[None]):
    """Rename an account, or deactivate it (an inactive account takes no new entry) or activate it again."""

    code: str
    name: str | None = None
    active: bool | None = None


@frozen(kw_only=True)
class DeleteAccount(Command[None]):
    """Delete an account no entry uses (an account with entries is kept: deactivate it)."""

    code: str


@frozen(kw_only=True)
class MapAccount(Command[None]):
    """Post `role` to the account `account_code` (in `scope`, for `scope_key`: a tax rate `standard/0.2`, a SKU, a
    tax category, a warehouse code); without an account, remove that mapping (the default applies again)."""

    role: AccountRole
    account_code: str | None = None
    scope: ScopeKind = ScopeKind.ALL
    scope_key: str = ""


@frozen(kw_only=True)
class SetLockDate(Command[None]):
    """Lock the books up to `lock_date` (included, a day before today): nothing is posted on or before it; none
    unlocks them."""

    lock_date: date | None


def _debit(value: object) -> Decimal:
    return to_decimal(value, "debit")


def _credit(value: object) -> Decimal:
    return to_decimal(value, "credit")


@frozen(kw_only=True)
class EntryLine:
    """One line of a manual entry: an amount debited or credited to an account (by its code)."""

    account: str
    debit: Decimal = field(default=Decimal(0), converter=_debit)
    credit: Decimal = field(default=Decimal(0), converter=_credit)
    description: str = ""


@frozen(kw_only=True)
class PostJournalEntry(Command[str]):
    """A manual journal entry, dated `entry_date` (today if not given), whose lines balance. Returns its id."""

    lines: tuple[EntryLine, ...]
    description: str
    entry_date: date | None = None
    currency: str = "EUR"


def create_account(cmd: CreateAccount, uow: AccountingUnitOfWork, clock: Clock) -> str:
    ensure_chart(uow)
    if uow.accounting.accounts.by_code(cmd.code) is not None:
        raise AlreadyExists("account", cmd.code)
    created = Account(id=new_id(), code=cmd.code, name=cmd.name, type=cmd.type)
    uow.accounting.accounts.add(created)
    return created.code


def update_account(cmd: UpdateAccount, uow: AccountingUnitOfWork, clock: Clock) -> None:
    ensure_chart(uow)
    account(uow, cmd.code).update(name=cmd.name, active=cmd.active)


def delete_account(cmd: DeleteAccount, uow: AccountingUnitOfWork, clock: Clock) -> None:
    ensure_chart(uow)
    found = account(uow, cmd.code)
    if uow.accounting.journal.uses(cmd.code):
        raise refuse("AccountHasEntries", f"account {cmd.code} has entries: deactivate it instead")
    if any(mapping.account_code == cmd.code for mapping in uow.accounting.mappings.list()):
        raise refuse("AccountIsMapped", f"account {cmd.code} is mapped to a role: map the role elsewhere first")
    uow.accounting.accounts.remove(found)


def map_account(cmd: MapAccount, uow: AccountingUnitOfWork, clock: Clock) -> None:
    ensure_chart(uow)
    key = AccountMapping.key(cmd.role, cmd.scope, cmd.scope_key)
    existing = uow.accounting.mappings.find(key)
    if cmd.account_code is None:
        if existing is not None:
            uow.accounting.mappings.remove(existing)
        return
    account(uow, cmd.account_code, "account_code")
    if existing is None:
        uow.accounting.mappings.add(AccountMapping(id=key, role=cmd.role, scope=cmd.scope, scope_key=cmd.scope_key,
                                                   account_code=cmd.account_code))
    else:
        existing.account_code = cmd.account_code


def set_lock_date(cmd: SetLockDate, uow: AccountingUnitOfWork, clock: Clock) -> None:
    today = clock.now().date()
    settings = uow.accounting.settings.find(SETTINGS_ID)
    if settings is None:
        check_lock_date(cmd.lock_date, today)
        uow.accounting.settings.add(LedgerSettings(lock_date=cmd.lock_date))
    else:
        settings.lock(cmd.lock_date, today)


def post_journal_entry(cmd: PostJournalEntry, uow: AccountingUnitOfWork, clock: Clock) -> str:
    if not cmd.description.strip():
        raise InvalidValue("description", "say what the entry is for")
    lines = [JournalLine(id=new_id(), position=i, account_code=line.account, debit=line.debit,
                         credit=line.credit, description=line.description)
             for i, line in enumerate(cmd.lines, start=1)]
    entry = post_lines(uow, lines, entry_date=cmd.entry_date or clock.now().date(), currency=cmd.currency,
                       source=(SourceKind.MANUAL, ""), description=cmd.description, at=clock.now(),
                       actor=cmd.actor)
    return entry.id


HANDLERS: Handlers = {CreateAccount: create_account, UpdateAccount: update_account, DeleteAccount: delete_account,
                      MapAccount: map_account, SetLockDate: set_lock_date, PostJournalEntry: post_journal_entry}
