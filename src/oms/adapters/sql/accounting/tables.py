"""Tables of the books: accounts, account mappings, the ledger's settings, journal entries and their lines.

An entry's row carries its debit and credit totals (checked equal) and its number of lines; the database refuses
lines that do not add up (a trigger on SQLite when the last line arrives, a deferred constraint trigger at the
commit on PostgreSQL: migration 0012), and refuses to change or delete a posted entry's lines on SQLite.
"""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Column, Date, ForeignKey, Index, Integer, String, Table, Text

from oms.adapters.sql.shared.metadata import AMOUNT, CODE, ID, metadata
from oms.adapters.sql.shared.types import ExactDecimal, StrEnumType, UtcDateTime
from oms.domain.accounting.accounts import AccountRole, AccountType, ScopeKind

accounts = Table(
    "accounts", metadata,
    Column("id", String(ID), primary_key=True),
    Column("code", String(16), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("type", StrEnumType(AccountType), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
)

account_mappings = Table(
    "account_mappings", metadata,
    Column("id", String(200), primary_key=True),
    Column("role", StrEnumType(AccountRole), nullable=False),
    Column("scope", StrEnumType(ScopeKind), nullable=False),
    Column("scope_key", String(CODE), nullable=False),
    Column("account_code", String(16), ForeignKey("accounts.code"), nullable=False),
    Column("version", Integer, nullable=False),
)

ledger_settings = Table(
    "ledger_settings", metadata,
    Column("id", String(ID), primary_key=True),
    Column("lock_date", Date, nullable=True),
    Column("version", Integer, nullable=False),
)

journal_entries = Table(
    "journal_entries", metadata,
    Column("id", String(ID), primary_key=True),
    Column("number", String(CODE), nullable=False, unique=True),
    Column("entry_date", Date, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("source_kind", String(32), nullable=False),
    Column("source_ref", String(CODE), nullable=False),
    Column("description", Text, nullable=False),
    Column("posted_at", UtcDateTime, nullable=False),
    Column("posted_by", Text, nullable=False),
    Column("debit_total", ExactDecimal(AMOUNT), nullable=False),
    Column("credit_total", ExactDecimal(AMOUNT), nullable=False),
    Column("line_count", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    CheckConstraint("debit_total = credit_total", name="ck_journal_entries_balanced"),
    CheckConstraint("line_count >= 2", name="ck_journal_entries_two_lines"),
    Index("ix_journal_entries_date_number", "entry_date", "number"),
    Index("ix_journal_entries_source", "source_kind", "source_ref"),
)

journal_lines = Table(
    "journal_lines", metadata,
    Column("id", String(ID), primary_key=True),
    Column("entry_id", String(ID), ForeignKey("journal_entries.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("account_code", String(16), ForeignKey("accounts.code"), nullable=False, index=True),
    Column("debit", ExactDecimal(AMOUNT), nullable=False),
    Column("credit", ExactDecimal(AMOUNT), nullable=False),
    Column("description", Text, nullable=False),
    Index(None, "entry_id", "position"),
)
