"""The deferred balance check of journal entries (PostgreSQL) reads an entry's lines once, and once an entry: it
ran for the entry and for each of its lines, and each run read the lines four times (their debits, their credits,
their count and their difference). A renewal batch's 25 entries of 3 lines took 400 reads of lines at its commit,
2.7 ms of a batch that holds the gapless series meanwhile.

A line's check now leaves the entry to the entry's own check when this transaction wrote the entry's row (its
`xmin` is this transaction's): that check runs at the same commit, after every line is in. A line added to an entry
another transaction wrote (committed, or written in a subtransaction) is checked as before. Lines are only ever
inserted (`journal_lines_immutable` refuses the rest), so a line's check only ever looks at an insert. The one
blind spot: `xmin` is 32 bits, so a line added by raw SQL to an entry written exactly 2^32 transactions earlier
would be taken for one of this transaction's (the application never adds a line to a written entry).

SQLite's trigger (checked when an entry's last line arrives) is unchanged.

Revision ID: 0043
Revises: 0042
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from oms.adapters.sql.migrations.versions.r0012_accounting import POSTGRES_BALANCE

revision: str = "0043"
down_revision: str | None = "0042"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BALANCE_ONCE = """CREATE OR REPLACE FUNCTION journal_entry_balances() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    entry varchar;
    kept record;
BEGIN
    IF TG_TABLE_NAME = 'journal_entries' THEN
        entry := NEW.id;
    ELSIF TG_OP = 'DELETE' THEN
        entry := OLD.entry_id;
    ELSE
        entry := NEW.entry_id;
        IF EXISTS (SELECT 1 FROM journal_entries e WHERE e.id = entry AND e.xmin = pg_current_xact_id()::xid) THEN
            RETURN NULL;  -- the entry's own check, at this commit, covers it
        END IF;
    END IF;
    SELECT e.debit_total, e.credit_total, e.line_count, lines.debit, lines.credit, lines.count INTO kept
      FROM (SELECT COALESCE(SUM(l.debit), 0) AS debit, COALESCE(SUM(l.credit), 0) AS credit, COUNT(*) AS count
              FROM journal_lines l WHERE l.entry_id = entry) lines
      LEFT JOIN journal_entries e ON e.id = entry;
    IF kept.debit <> kept.credit OR (kept.line_count IS NOT NULL AND (kept.debit_total <> kept.debit
            OR kept.credit_total <> kept.credit OR kept.line_count <> kept.count)) THEN
        RAISE EXCEPTION 'UnbalancedJournalEntry: journal entry % does not balance', entry
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(BALANCE_ONCE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_BALANCE[0].replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1))
