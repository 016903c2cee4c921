"""Quotation conversion: the quotations created on each day (UTC) per branch, currency and status, how many and their
net totals (report_quotation_days), kept by triggers on `quotations` by difference and filled here from the
quotations, so that the report of a year reads a few thousand rows instead of every quotation of it
(reports/quotation_days.py).

Revision ID: 0041
Revises: 0040
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0041"
down_revision: str | None = "0040"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = "day, branch_id, currency, status, slot"
# What a quotation's row counts under, per database, of the row named by {row} (OLD., NEW., or none when filling):
# its day in UTC (SQLite keeps UTC times as text that starts with it); its slot, the last hex digit of its id (the
# random end of it) modulo 8, any other character slot 7, so that the same quotation always counts in the same slot
# and quotations made at once spread over eight rows; its net total in ten-thousandths (at most 4 decimals), a
# whole number: SQLite keeps exact decimals as text and reads the text as a float, exact in ten-thousandths below
# 10^11 once rounded (reports/exact.py).
POSTGRESQL = {
    "day": "({row}created_at AT TIME ZONE 'UTC')::date",
    "slot": "(strpos('0123456789abcdef', right({row}id, 1)) + 7) % 8",
    "net": "({row}net_total * 10000)::bigint",
}
SQLITE = {
    "day": "substr({row}created_at, 1, 10)",
    "slot": "(instr('0123456789abcdef', substr({row}id, -1)) + 7) % 8",
    "net": "CAST(ROUND(CAST({row}net_total AS NUMERIC) * 10000) AS INTEGER)",
}
# What the summary keeps of a quotation: an update that changes none of it (a draft's notes or validity, its
# version) leaves the summary alone, and takes no lock on it.
KEPT = ("created_at", "branch_id", "currency", "status", "net_total")

# A quotation's old row taken off its day and its new row added, in the statement that writes the quotation: by
# difference, so that two transactions writing quotations of one branch and day add up (the summary's row is locked
# by the first until it ends, and the second then changes what it committed).
POSTGRESQL_FUNCTION = """
CREATE FUNCTION report_quotation_days_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND ({old_kept}) IS NOT DISTINCT FROM ({new_kept}) THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE report_quotation_days SET documents = documents - 1, net = net - {old_net}
        WHERE day = {old_day} AND branch_id = OLD.branch_id AND currency = OLD.currency AND status = OLD.status
        AND slot = {old_slot};
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO report_quotation_days ({key}, documents, net)
        VALUES ({new_day}, NEW.branch_id, NEW.currency, NEW.status, {new_slot}, 1, {new_net})
        ON CONFLICT ({key}) DO UPDATE
        SET documents = report_quotation_days.documents + 1, net = report_quotation_days.net + EXCLUDED.net;
    END IF;
    RETURN NULL;
END
$$
"""
POSTGRESQL_TRIGGER = ("CREATE TRIGGER quotations_days AFTER INSERT OR UPDATE OR DELETE ON quotations "
                      "FOR EACH ROW EXECUTE FUNCTION report_quotation_days_kept()")
SQLITE_TAKE_OFF = """UPDATE report_quotation_days SET documents = documents - 1, net = net - {old_net}
        WHERE day = {old_day} AND branch_id = OLD.branch_id AND currency = OLD.currency AND status = OLD.status
        AND slot = {old_slot};"""
SQLITE_ADD = """INSERT INTO report_quotation_days ({key}, documents, net)
        VALUES ({new_day}, NEW.branch_id, NEW.currency, NEW.status, {new_slot}, 1, {new_net})
        ON CONFLICT ({key}) DO UPDATE SET documents = documents + 1, net = net + excluded.net;"""
SQLITE_TRIGGERS = {
    "insert": ("", (SQLITE_ADD,)),
    "update": (" WHEN {changed}", (SQLITE_TAKE_OFF, SQLITE_ADD)),
    "delete": ("", (SQLITE_TAKE_OFF,)),
}
FILL = """INSERT INTO report_quotation_days ({key}, documents, net)
SELECT {day}, branch_id, currency, status, {slot}, COUNT(*), SUM({net}) FROM quotations GROUP BY 1, 2, 3, 4, 5"""


def _names(sql: dict[str, str]) -> dict[str, str]:
    """The statements' names: each of `sql`'s expressions of the old row, of the new row, and of the table's own."""
    return {"key": KEY,
            **{f"{age}_{name}": expression.format(row=f"{age.upper()}.") for name, expression in sql.items()
               for age in ("old", "new")},
            **{name: expression.format(row="") for name, expression in sql.items()},
            "old_kept": ", ".join(f"OLD.{column}" for column in KEPT),
            "new_kept": ", ".join(f"NEW.{column}" for column in KEPT),
            "changed": " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in KEPT)}


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "report_quotation_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("branch_id", sa.String(length=64), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("slot", sa.SmallInteger(), nullable=False),
        sa.Column("documents", sa.BigInteger(), nullable=False),
        sa.Column("net", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("day", "branch_id", "currency", "status", "slot",
                                name=op.f("pk_report_quotation_days")),
    )
    names = _names(POSTGRESQL if postgres else SQLITE)
    op.execute(FILL.format(**names))
    if postgres:
        op.execute(POSTGRESQL_FUNCTION.format(**names))
        op.execute(POSTGRESQL_TRIGGER)
    else:
        for event, (when, statements) in SQLITE_TRIGGERS.items():
            body = "\n        ".join(statement.format(**names) for statement in statements)
            op.execute(f"CREATE TRIGGER quotations_days_{event} AFTER {event.upper()} ON quotations"
                       f"{when.format(**names)}\n    BEGIN\n        {body}\n    END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER quotations_days ON quotations")
        op.execute("DROP FUNCTION report_quotation_days_kept()")
    else:
        for event in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER quotations_days_{event}")
    op.drop_table("report_quotation_days")
