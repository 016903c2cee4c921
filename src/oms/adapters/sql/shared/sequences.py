"""Number sequences: one row per document type, incremented under a row lock held to the commit."""

from __future__ import annotations

from sqlalchemy import bindparam, update
from sqlalchemy.dialects import postgresql, sqlite

from oms.adapters.sql.shared.tables import sequences
from oms.adapters.sql.shared.transaction import Transaction
from oms.domain.shared.ids import DocumentType


class SqlSequenceRepository:
    """UPDATE ... RETURNING takes the next value and locks the row to the commit, so two transactions never get the
    same number (and a rolled back one gives its number back); the row is created the first time a type is used."""

    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction

    def next_value(self, kind: DocumentType) -> int:
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
