"""Number sequences: a database sequence per document type on PostgreSQL; a counter row per type otherwise.

A gapless type (an invoice) and every type on SQLite take `UPDATE sequences ... RETURNING`: the row stays locked
to the commit, so two transactions never get the same number and a rolled back one gives its number back (on
SQLite writers take turns anyway). On PostgreSQL the other types take `nextval` of their own sequence (migration
0007), which never waits for another transaction: creating orders in parallel no longer queues on one row, at the
price of a gap when a command that took a number rolls back.
"""

from __future__ import annotations

from sqlalchemy import bindparam, func, literal_column, select, update
from sqlalchemy.dialects import postgresql, sqlite

from oms.adapters.sql.shared.tables import sequences
from oms.adapters.sql.shared.transaction import Transaction
from oms.domain.shared.ids import DocumentType


def sequence_name(kind: DocumentType) -> str:
    """The PostgreSQL sequence of a document type that is not gapless."""
    return f"number_{kind.value.lower()}"


class SqlSequenceRepository:
    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction

    def next_value(self, kind: DocumentType) -> int:
        if self._transaction.is_postgres and not kind.gapless:
            statement = self._transaction.compiler.get(("sequences", "nextval", kind), lambda: select(
                func.nextval(literal_column(f"'{sequence_name(kind)}'")).label("value")))
            return int(self._transaction.run(statement)[0]["value"])
        return self._counted(kind)

    def _counted(self, kind: DocumentType) -> int:
        compiler = self._transaction.compiler
        increment = compiler.get(("sequences", "next"), lambda: update(sequences).where(
            sequences.c.kind == bindparam("kind")).values(value=sequences.c.value + 1).returning(sequences.c.value))
        rows = self._transaction.run(increment, {"kind": kind.value})
        if not rows:
            dialect = postgresql if self._transaction.is_postgres else sqlite
            create = compiler.get(("sequences", "create"), lambda: dialect.insert(sequences).values(
                kind=bindparam("kind"), value=0).on_conflict_do_nothing())
            self._transaction.run(create, {"kind": kind.value})
            rows = self._transaction.run(increment, {"kind": kind.value})
        return int(rows[0]["value"])
