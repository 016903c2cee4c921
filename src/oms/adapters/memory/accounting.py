"""In-memory repositories of the books: accounts, account mappings, journal entries and settings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from oms.adapters.memory.repository import InMemoryRepository, Session
from oms.domain.accounting.accounts import Account, AccountMapping
from oms.domain.accounting.journal import JournalEntry, LedgerSettings


class InMemoryAccountRepository(InMemoryRepository[Account]):
    kind = "account"

    @staticmethod
    def natural_key(account: Account) -> str:
        return account.code

    def by_code(self, code: str) -> Account | None:
        return self._by_natural_key(code)

    def list(self) -> Sequence[Account]:
        return sorted(super().list(), key=lambda account: account.code)

    def remove(self, account: Account) -> None:
        self._remove(account)


class InMemoryAccountMappingRepository(InMemoryRepository[AccountMapping]):
    kind = "account_mapping"

    def find(self, key: str) -> AccountMapping | None:
        return self._find(key)

    def list(self) -> Sequence[AccountMapping]:
        return sorted(super().list(), key=lambda mapping: mapping.id)

    def remove(self, mapping: AccountMapping) -> None:
        self._remove(mapping)


class InMemoryJournalRepository(InMemoryRepository[JournalEntry]):
    kind = "journal_entry"

    @staticmethod
    def natural_key(entry: JournalEntry) -> str:
        return entry.number

    def by_number(self, number: str) -> JournalEntry | None:
        return self._by_natural_key(number)

    def entries(self, *, until: date | None = None, since: date | None = None, source_kind: str | None = None,
                source_ref: str | None = None) -> Sequence[JournalEntry]:
        found = [entry for entry in self.list()
                 if (until is None or entry.entry_date <= until) and (since is None or entry.entry_date >= since)
                 and source_kind in (None, entry.source_kind) and source_ref in (None, entry.source_ref)]
        return sorted(found, key=lambda entry: (entry.entry_date, entry.number))

    def uses(self, account_code: str) -> bool:
        return any(line.account_code == account_code for entry in self.list() for line in entry.lines)


class InMemorySettingsRepository(InMemoryRepository[LedgerSettings]):
    kind = "ledger_settings"

    def find(self, settings_id: str) -> LedgerSettings | None:
        return self._find(settings_id)


class InMemoryAccountingBooks:
    """The accounting repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.accounts = InMemoryAccountRepository(session)
        self.mappings = InMemoryAccountMappingRepository(session)
        self.journal = InMemoryJournalRepository(session)
        self.settings = InMemorySettingsRepository(session)

    def read_ahead(self) -> None:
        """Nothing to do: the books are in memory."""
