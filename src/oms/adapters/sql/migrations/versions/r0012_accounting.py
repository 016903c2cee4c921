"""The books: accounts, account mappings, the ledger's settings (the lock date), journal entries and their lines,
with the database refusing an entry whose lines do not balance.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)
EXACT = sa.Numeric().with_variant(sa.Text(), "sqlite")
ID = sa.String(length=64)

# PostgreSQL: a deferred constraint trigger checks each entry touched at the commit, when all its lines are in.
POSTGRES_BALANCE = [
    """CREATE FUNCTION journal_entry_balances() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    entry varchar;
BEGIN
    IF TG_TABLE_NAME = 'journal_entries' THEN entry := NEW.id;
    ELSIF TG_OP = 'DELETE' THEN entry := OLD.entry_id;
    ELSE entry := NEW.entry_id;
    END IF;
    IF EXISTS (SELECT 1 FROM journal_entries e WHERE e.id = entry AND (
            e.debit_total <> (SELECT COALESCE(SUM(l.debit), 0) FROM journal_lines l WHERE l.entry_id = entry)
            OR e.credit_total <> (SELECT COALESCE(SUM(l.credit), 0) FROM journal_lines l WHERE l.entry_id = entry)
            OR e.line_count <> (SELECT COUNT(*) FROM journal_lines l WHERE l.entry_id = entry)))
       OR (SELECT COALESCE(SUM(l.debit - l.credit), 0) FROM journal_lines l WHERE l.entry_id = entry) <> 0 THEN
        RAISE EXCEPTION 'UnbalancedJournalEntry: journal entry % does not balance', entry
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$""",
    "CREATE CONSTRAINT TRIGGER journal_lines_balance AFTER INSERT OR UPDATE OR DELETE ON journal_lines "
    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balances()",
    "CREATE CONSTRAINT TRIGGER journal_entries_balance AFTER INSERT OR UPDATE ON journal_entries "
    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balances()",
    # A posted entry never changes, on PostgreSQL as on SQLite: its lines are neither updated nor deleted.
    """CREATE FUNCTION journal_lines_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'PostedJournalEntriesAreImmutable: a posted entry never changes'
        USING ERRCODE = 'check_violation';
END $$""",
    "CREATE TRIGGER journal_lines_immutable BEFORE UPDATE OR DELETE ON journal_lines "
    "FOR EACH ROW EXECUTE FUNCTION journal_lines_immutable()",
]

# SQLite has no deferred triggers: when an entry's last line arrives (its row says how many), the lines must add up
# to its totals, debits to credits; amounts are exact text, compared in units of 0.0001.
_UNITS = "ROUND(CAST({} AS REAL) * 10000)"
SQLITE_BALANCE = [
    f"""CREATE TRIGGER journal_lines_balance AFTER INSERT ON journal_lines
WHEN (SELECT COUNT(*) FROM journal_lines WHERE entry_id = NEW.entry_id)
     >= (SELECT line_count FROM journal_entries WHERE id = NEW.entry_id)
BEGIN
    SELECT RAISE(ABORT, 'UnbalancedJournalEntry: the lines of a journal entry do not balance')
    WHERE (SELECT COUNT(*) FROM journal_lines WHERE entry_id = NEW.entry_id)
          <> (SELECT line_count FROM journal_entries WHERE id = NEW.entry_id)
       OR (SELECT SUM({_UNITS.format('debit')}) FROM journal_lines WHERE entry_id = NEW.entry_id)
          <> (SELECT {_UNITS.format('debit_total')} FROM journal_entries WHERE id = NEW.entry_id)
       OR (SELECT SUM({_UNITS.format('credit')}) FROM journal_lines WHERE entry_id = NEW.entry_id)
          <> (SELECT {_UNITS.format('credit_total')} FROM journal_entries WHERE id = NEW.entry_id);
END""",
    """CREATE TRIGGER journal_lines_immutable BEFORE UPDATE ON journal_lines
BEGIN
    SELECT RAISE(ABORT, 'PostedJournalEntriesAreImmutable: a posted entry never changes');
END""",
    """CREATE TRIGGER journal_lines_kept BEFORE DELETE ON journal_lines
BEGIN
    SELECT RAISE(ABORT, 'PostedJournalEntriesAreImmutable: a posted entry is never deleted');
END""",
]


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", ID, nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("code", name=op.f("uq_accounts_code")),
    )
    op.create_table(
        "account_mappings",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("scope", sa.String(length=32), nullable=False),
        sa.Column("scope_key", sa.String(length=64), nullable=False),
        sa.Column("account_code", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["account_code"], ["accounts.code"],
                                name=op.f("fk_account_mappings_account_code_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_mappings")),
    )
    op.create_table(
        "ledger_settings",
        sa.Column("id", ID, nullable=False),
        sa.Column("lock_date", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_settings")),
    )
    op.create_table(
        "journal_entries",
        sa.Column("id", ID, nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("source_kind", sa.String(length=32), nullable=False),
        sa.Column("source_ref", sa.String(length=64), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("posted_at", TIMESTAMP, nullable=False),
        sa.Column("posted_by", sa.Text(), nullable=False),
        sa.Column("debit_total", EXACT, nullable=False),
        sa.Column("credit_total", EXACT, nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("debit_total = credit_total", name="ck_journal_entries_balanced"),
        sa.CheckConstraint("line_count >= 2", name="ck_journal_entries_two_lines"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_entries")),
        sa.UniqueConstraint("number", name=op.f("uq_journal_entries_number")),
    )
    op.create_index("ix_journal_entries_date_number", "journal_entries", ["entry_date", "number"])
    op.create_index("ix_journal_entries_source", "journal_entries", ["source_kind", "source_ref"])
    op.create_table(
        "journal_lines",
        sa.Column("id", ID, nullable=False),
        sa.Column("entry_id", ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("account_code", sa.String(length=16), nullable=False),
        sa.Column("debit", EXACT, nullable=False),
        sa.Column("credit", EXACT, nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["account_code"], ["accounts.code"],
                                name=op.f("fk_journal_lines_account_code_accounts")),
        sa.ForeignKeyConstraint(["entry_id"], ["journal_entries.id"],
                                name=op.f("fk_journal_lines_entry_id_journal_entries")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_lines")),
    )
    op.create_index(op.f("ix_journal_lines_account_code"), "journal_lines", ["account_code"])
    op.create_index(op.f("ix_journal_lines_entry_id_position"), "journal_lines", ["entry_id", "position"])
    for statement in POSTGRES_BALANCE if op.get_bind().dialect.name == "postgresql" else SQLITE_BALANCE:
        op.execute(statement)


def downgrade() -> None:
    op.drop_table("journal_lines")
    op.drop_table("journal_entries")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION journal_entry_balances()")
        op.execute("DROP FUNCTION journal_lines_immutable()")
    op.drop_table("ledger_settings")
    op.drop_table("account_mappings")
    op.drop_table("accounts")
