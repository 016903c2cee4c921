"""The chart of accounts, the account mapping, the journal and the books' settings, and the unit of work the
accounting use cases run in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from oms.domain.accounting.accounts import Account, AccountMapping
from oms.domain.accounting.journal import JournalEntry, LedgerSettings
from oms.ports.shared.documents import DocumentRepository
from oms.ports.shared.unit_of_work import SharedUnitOfWork


class AccountRepository(Protocol):
    def add(self, account: Account) -> None: ...
    def get(self, account_id: str) -> Account: ...
    def by_code(self, code: str) -> Account | None: ...
    def list(self) -> Sequence[Account]:
        """Every account, by code."""
        ...
    def remove(self, account: Account) -> None: ...


class AccountMappingRepository(Protocol):
    def add(self, mapping: AccountMapping) -> None: ...
    def find(self, key: str) -> AccountMapping | None:
        """The mapping with this key (`AccountMapping.key`), if any."""
        ...
    def list(self) -> Sequence[AccountMapping]: ...
    def remove(self, mapping: AccountMapping) -> None: ...


class JournalRepository(DocumentRepository[JournalEntry], Protocol):
    """Posted journal entries; they are added, never changed nor removed."""

    def entries(self, *, until: date | None = None, since: date | None = None, source_kind: str | None = None,
                source_ref: str | None = None) -> Sequence[JournalEntry]:
        """The entries dated from `since` to `until` (both included, open when None), of a source when given, by
        date then number."""
        ...

    def uses(self, account_code: str) -> bool:
        """Whether any entry has a line on the account."""
        ...


class SettingsRepository(Protocol):
    def add(self, settings: LedgerSettings) -> None: ...
    def find(self, settings_id: str) -> LedgerSettings | None: ...


class AccountingBooks(Protocol):
    @property
    def accounts(self) -> AccountRepository: ...
    @property
    def mappings(self) -> AccountMappingRepository: ...
    @property
    def journal(self) -> JournalRepository: ...
    @property
    def settings(self) -> SettingsRepository: ...

    def read_ahead(self) -> None:
        """A hint before postings: the store may read what a posting reads of the books (the lock date, the
        mappings, the chart) with the next statement it sends, rather than each when asked. The chart and the
        mappings are then locked from that statement on, as a posting locks them."""
        ...


class AccountingUnitOfWork(SharedUnitOfWork, Protocol):
    """What the accounting use cases work in: the books only."""

    @property
    def accounting(self) -> AccountingBooks: ...
