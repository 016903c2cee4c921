"""Ageing: what the open items of each party, branch and currency add up to (receivable_balances, payable_balances),
kept by triggers on the items' tables by difference and filled here from the items; and the open items by due date
and by their last reduction's day, so that the ageing of a day reads the balances, the items due in its last 90 days
or later, and the few items changed after it (reports/ledgers.py).

Revision ID: 0039
Revises: 0038
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0039"
down_revision: str | None = "0038"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(length=64)
SIDES = (("receivable_items", "receivable_balances"), ("payable_items", "payable_balances"))
KEY = "party_id, branch_id, currency"
# What the ageing reads of an open item found by its due date or its last reduction's day (PostgreSQL answers from
# the index alone).
DUE = ["party_id", "branch_id", "currency", "document_date", "total", "reduced", "reduced_from", "reduced_until"]

# An item's row taken off its balance (when it was open) and its new row added (when it is open), in the statement
# that writes the item: by difference, so that two transactions writing items of one party add up (the balance's
# row is locked by the first until it ends, and the second then changes what it committed).
POSTGRESQL_FUNCTION = """
CREATE FUNCTION {balances}_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.settled_on IS NULL THEN
        UPDATE {balances} SET documents = documents - 1, owed = owed - (OLD.total - OLD.reduced)
        WHERE party_id = OLD.party_id AND branch_id = OLD.branch_id AND currency = OLD.currency;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.settled_on IS NULL THEN
        INSERT INTO {balances} ({key}, documents, owed)
        VALUES (NEW.party_id, NEW.branch_id, NEW.currency, 1, NEW.total - NEW.reduced)
        ON CONFLICT ({key}) DO UPDATE
        SET documents = {balances}.documents + 1, owed = {balances}.owed + EXCLUDED.owed;
    END IF;
    RETURN NULL;
END
$$
"""
POSTGRESQL_TRIGGER = ("CREATE TRIGGER {items}_balance AFTER INSERT OR UPDATE OR DELETE ON {items} "
                      "FOR EACH ROW EXECUTE FUNCTION {balances}_kept()")
SQLITE_TAKE_OFF = """UPDATE {balances} SET documents = documents - 1, owed = owed - (OLD.total - OLD.reduced)
        WHERE OLD.settled_on IS NULL AND party_id = OLD.party_id AND branch_id = OLD.branch_id
        AND currency = OLD.currency;"""
SQLITE_ADD = """INSERT INTO {balances} ({key}, documents, owed)
        SELECT NEW.party_id, NEW.branch_id, NEW.currency, 1, NEW.total - NEW.reduced WHERE NEW.settled_on IS NULL
        ON CONFLICT ({key}) DO UPDATE SET documents = documents + 1, owed = owed + excluded.owed;"""
SQLITE_TRIGGERS = {
    "insert": (SQLITE_ADD,),
    "update": (SQLITE_TAKE_OFF, SQLITE_ADD),
    "delete": (SQLITE_TAKE_OFF,),
}
FILL = """INSERT INTO {balances} ({key}, documents, owed)
SELECT {key}, COUNT(*), SUM(total - reduced) FROM {items} WHERE settled_on IS NULL GROUP BY {key}"""


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for items, balances in SIDES:
        op.create_table(
            balances,
            sa.Column("party_id", ID, nullable=False),
            sa.Column("branch_id", ID, nullable=False),
            sa.Column("currency", sa.String(length=3), nullable=False),
            sa.Column("documents", sa.BigInteger(), nullable=False),
            sa.Column("owed", sa.BigInteger(), nullable=False),
            sa.PrimaryKeyConstraint("party_id", "branch_id", "currency", name=op.f(f"pk_{balances}")),
        )
        op.execute(FILL.format(balances=balances, items=items, key=KEY))
        names = {"balances": balances, "items": items, "key": KEY}
        if postgres:
            op.execute(POSTGRESQL_FUNCTION.format(**names))
            op.execute(POSTGRESQL_TRIGGER.format(**names))
        else:
            for event, statements in SQLITE_TRIGGERS.items():
                body = "\n        ".join(statement.format(**names) for statement in statements)
                op.execute(f"CREATE TRIGGER {items}_balance_{event} AFTER {event.upper()} ON {items}\n"
                           f"    BEGIN\n        {body}\n    END")
        still_open = sa.text("settled_on IS NULL")
        op.create_index(f"ix_{items}_open_due", items, ["due_date"], postgresql_include=DUE,
                        postgresql_where=still_open, sqlite_where=still_open)
        reduced = sa.text("settled_on IS NULL AND reduced_until IS NOT NULL")
        op.create_index(f"ix_{items}_open_reduced", items, ["reduced_until"],
                        postgresql_include=["document_id", "due_date", *DUE], postgresql_where=reduced,
                        sqlite_where=reduced)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for items, balances in reversed(SIDES):
        op.drop_index(f"ix_{items}_open_reduced", table_name=items)
        op.drop_index(f"ix_{items}_open_due", table_name=items)
        if postgres:
            op.execute(f"DROP TRIGGER {items}_balance ON {items}")
            op.execute(f"DROP FUNCTION {balances}_kept()")
        else:
            for event in SQLITE_TRIGGERS:
                op.execute(f"DROP TRIGGER {items}_balance_{event}")
        op.drop_table(balances)
