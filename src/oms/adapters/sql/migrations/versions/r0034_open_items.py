"""Ageing: the open items of receivables and payables (one row per posted invoice or bill: its total, what reduced
it and when, the day it was settled), kept by the invoicing adapters from now on and filled here from the documents.

Revision ID: 0034
Revises: 0033
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0034"
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(length=64)
# (table, documents, their lines and the lines' column naming them, the documents' kind and their notes', the
# party, the date, the notes' column naming what they reduce, the allocations, their column, the payments)
SIDES = (
    ("receivable_items", "invoices", "invoice_lines", "invoice_id", "invoice", "credit_note", "customer_id",
     "invoice_date", "credited_invoice_id", "payment_allocations", "invoice_id", "payments"),
    ("payable_items", "vendor_bills", "vendor_bill_lines", "bill_id", "bill", "debit_note", "supplier_id",
     "bill_date", "debited_bill_id", "supplier_payment_allocations", "bill_id", "supplier_payments"),
)
AGED = ("document_id", "party_id", "branch_id", "currency", "due_date", "total", "reduced", "reduced_from",
        "reduced_until")
# What a reduction is up to a day, and the day it is settled on: see oms.adapters.sql.invoicing.open_items.
FILL = """
WITH reductions AS (
    SELECT n.{reduces} AS document_id, n.{date} AS day, {note_units} AS amount
    FROM {lines} nl JOIN {documents} n ON n.id = nl.{line_document}
    WHERE n.kind = '{note_kind}' AND n.status = 'posted'
    UNION ALL
    SELECT a.{allocation_document}, p.payment_date, {allocation_units}
    FROM {allocations} a JOIN {payments} p ON p.id = a.payment_id
), totals AS (
    SELECT l.{line_document} AS document_id, SUM({line_units}) AS total FROM {lines} l GROUP BY l.{line_document}
), sums AS (
    SELECT document_id, SUM(amount) AS reduced, MIN(day) AS reduced_from, MAX(day) AS reduced_until
    FROM reductions GROUP BY document_id
), running AS (
    SELECT document_id, day, SUM(amount) OVER (PARTITION BY document_id ORDER BY day) AS upto FROM reductions
), paid_off AS (
    SELECT r.document_id, MIN(r.day) AS day FROM running r JOIN totals t ON t.document_id = r.document_id
    WHERE r.upto >= t.total GROUP BY r.document_id
)
INSERT INTO {table} (document_id, party_id, branch_id, currency, document_date, due_date, total, reduced,
                     reduced_from, reduced_until, settled_on)
SELECT d.id, d.{party}, d.branch_id, d.currency, d.{date}, d.due_date, t.total, COALESCE(s.reduced, 0),
       s.reduced_from, s.reduced_until,
       CASE WHEN t.total <= 0 THEN d.{date} WHEN o.day IS NULL THEN NULL WHEN o.day < d.{date} THEN d.{date}
            ELSE o.day END
FROM {documents} d JOIN totals t ON t.document_id = d.id
LEFT JOIN sums s ON s.document_id = d.id LEFT JOIN paid_off o ON o.document_id = d.id
WHERE d.kind = '{kind}' AND d.status = 'posted'
"""


def _units(column: str, postgres: bool) -> str:
    """An amount as whole ten-thousandths (4 decimals), which both databases add up exactly."""
    return f"CAST(round(CAST({column} AS NUMERIC) * 10000) AS {'BIGINT' if postgres else 'INTEGER'})"


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for (table, documents, lines, line_document, kind, note_kind, party, date, reduces, allocations,
         allocation_document, payments) in SIDES:
        op.create_table(
            table,
            sa.Column("document_id", ID, nullable=False),
            sa.Column("party_id", ID, nullable=False),
            sa.Column("branch_id", ID, nullable=False),
            sa.Column("currency", sa.String(length=3), nullable=False),
            sa.Column("document_date", sa.Date(), nullable=False),
            sa.Column("due_date", sa.Date(), nullable=True),
            sa.Column("total", sa.BigInteger(), nullable=False),
            sa.Column("reduced", sa.BigInteger(), nullable=False),
            sa.Column("reduced_from", sa.Date(), nullable=True),
            sa.Column("reduced_until", sa.Date(), nullable=True),
            sa.Column("settled_on", sa.Date(), nullable=True),
            sa.ForeignKeyConstraint(["document_id"], [f"{documents}.id"],
                                    name=op.f(f"fk_{table}_document_id_{documents}")),
            sa.PrimaryKeyConstraint("document_id", name=op.f(f"pk_{table}")),
        )
        op.execute(FILL.format(
            table=table, documents=documents, lines=lines, line_document=line_document, kind=kind,
            note_kind=note_kind, party=party, date=date, reduces=reduces, allocations=allocations,
            allocation_document=allocation_document, payments=payments,
            note_units=_units("nl.total", postgres), allocation_units=_units("a.amount", postgres),
            line_units=_units("l.total", postgres)))
        _index(table, postgres)


def _index(table: str, postgres: bool) -> None:
    """The items still open by date (carrying what the ageing reads, on PostgreSQL); on PostgreSQL the settled ones
    by the days they were open (a GiST index of date ranges)."""
    still_open = sa.text("settled_on IS NULL")
    op.create_index(f"ix_{table}_open", table, ["document_date"], postgresql_include=list(AGED),
                    postgresql_where=still_open, sqlite_where=still_open)
    if postgres:
        op.create_index(f"ix_{table}_open_days", table, [sa.text("daterange(document_date, settled_on)")],
                        postgresql_using="gist", postgresql_where=sa.text("settled_on IS NOT NULL"))


def downgrade() -> None:
    for table, *_ in reversed(SIDES):
        op.drop_table(table)
