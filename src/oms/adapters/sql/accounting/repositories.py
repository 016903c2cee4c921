"""The SQL repositories of the books, from the declarations of their aggregates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.sql import Select

from oms.adapters.sql.accounting import tables as t
from oms.adapters.sql.shared.mapping import Aggregate, Children, Entity
from oms.adapters.sql.shared.repository import SqlRepository
from oms.adapters.sql.shared.session import Session
from oms.domain.accounting.accounts import Account, AccountMapping
from oms.domain.accounting.journal import SETTINGS_ID, JournalEntry, JournalLine, LedgerSettings

# Accounts and mappings may be deleted: their rows are locked when a changing transaction loads them. Every
# posting reads the chart and the mappings: read once a unit of work (a batch of renewals posts many entries).
ACCOUNT = Aggregate("account", Entity(Account, t.accounts), natural_key="code", lock=True, repeatable=True)
ACCOUNT_MAPPING = Aggregate("account_mapping", Entity(AccountMapping, t.account_mappings), lock=True,
                            repeatable=True)
LEDGER_SETTINGS = Aggregate("ledger_settings", Entity(LedgerSettings, t.ledger_settings))
JOURNAL_ENTRY = Aggregate(
    "journal_entry",
    Entity(JournalEntry, t.journal_entries, children=(
        Children("lines", Entity(JournalLine, t.journal_lines), parent_column="entry_id"),)),
    natural_key="number")

AGGREGATES = (ACCOUNT, ACCOUNT_MAPPING, LEDGER_SETTINGS, JOURNAL_ENTRY)


class SqlAccountRepository(SqlRepository[Account]):
    aggregate = ACCOUNT

    def by_code(self, code: str) -> Account | None:
        return self._by_natural_key(code)

    def remove(self, account: Account) -> None:
        self._session.remove(self.aggregate, account)


class SqlAccountMappingRepository(SqlRepository[AccountMapping]):
    aggregate = ACCOUNT_MAPPING

    def find(self, key: str) -> AccountMapping | None:
        found: AccountMapping | None = self._session.get(self.aggregate, (key,))
        return found

    def remove(self, mapping: AccountMapping) -> None:
        self._session.remove(self.aggregate, mapping)


class SqlSettingsRepository(SqlRepository[LedgerSettings]):
    aggregate = LEDGER_SETTINGS

    def find(self, settings_id: str) -> LedgerSettings | None:
        found: LedgerSettings | None = self._session.get(self.aggregate, (settings_id,))
        return found


def _entries(table: Any, conditions: tuple[str, ...]) -> Select[Any]:
    where = {"until": table.c.entry_date <= bindparam("until"), "since": table.c.entry_date >= bindparam("since"),
             "source_kind": table.c.source_kind == bindparam("source_kind"),
             "source_ref": table.c.source_ref == bindparam("source_ref")}
    return select(table).where(*(where[name] for name in conditions)).order_by(table.c.entry_date, table.c.number)


class SqlJournalRepository(SqlRepository[JournalEntry]):
    aggregate = JOURNAL_ENTRY

    def by_number(self, number: str) -> JournalEntry | None:
        return self._by_natural_key(number)

    def entries(self, *, until: date | None = None, since: date | None = None, source_kind: str | None = None,
                source_ref: str | None = None) -> Sequence[JournalEntry]:
        given = {name: value for name, value in (("until", until), ("since", since), ("source_kind", source_kind),
                                                 ("source_ref", source_ref)) if value is not None}
        conditions = tuple(given)
        return self._select(f"entries:{','.join(conditions)}", lambda table: _entries(table, conditions), **given)

    def uses(self, account_code: str) -> bool:
        self._session.flush()
        transaction = self._session.transaction
        statement = transaction.compiler.get(("journal", "uses"), lambda: select(t.journal_lines.c.id).where(
            t.journal_lines.c.account_code == bindparam("code")).limit(1))
        return bool(transaction.run(statement, {"code": account_code}))


class SqlAccountingBooks:
    """The accounting repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.accounts = SqlAccountRepository(session)
        self.mappings = SqlAccountMappingRepository(session)
        self.journal = SqlJournalRepository(session)
        self.settings = SqlSettingsRepository(session)
        self._session = session

    def read_ahead(self) -> None:
        """The lock date, the mappings and the chart (locked, as a posting reads them), read with the unit of work's
        next statement, after it (Session.load_ahead)."""
        self._session.get_ahead(LEDGER_SETTINGS, (SETTINGS_ID,))
        self.mappings.list_ahead()
        self.accounts.list_ahead()
