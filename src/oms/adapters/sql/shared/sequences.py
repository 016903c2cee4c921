"""Number sequences: a database sequence per document type on PostgreSQL; a counter row per series otherwise.

A gapless type (an invoice), a series per period (a fiscal year's invoices) and every type on SQLite take
`UPDATE sequences ... RETURNING` on the series' row (kind, period): the row stays locked to the commit, so two
transactions never get the same number and a rolled back one gives its number back (on SQLite writers take turns
anyway); the first number of a new period is 1. On PostgreSQL the other types take `nextval` of their own
sequence (migration 0007), which never waits for another transaction: creating orders in parallel no longer queues
on one row, at the price of a gap when a command that took a number rolls back. Such numbers can be reserved: a
batch (the renewal job's) fetches as many as it expects in one statement, and those it does not take are a gap.
"""

from __future__ import annotations

from sqlalchemy import bindparam, func, literal_column, select, update
from sqlalchemy.dialects import postgresql, sqlite

from oms.adapters.sql.shared.tables import sequences
from oms.adapters.sql.shared.transaction import Transaction
from oms.domain.shared.ids import DocumentType, check_period


def sequence_name(kind: DocumentType) -> str:
    """The PostgreSQL sequence of a document type that is not gapless."""
    return f"number_{kind.value.lower()}"


class SqlSequenceRepository:
    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction
        self._reserved: dict[DocumentType, list[int]] = {}  # fetched and not taken yet, lowest last

    def reserve(self, kind: DocumentType, count: int) -> None:
        if count < 2 or kind.gapless or not self._transaction.is_postgres:
            return  # gapless and SQLite series are counter rows, taken one by one
        statement = self._transaction.compiler.get(("sequences", "reserve", kind), lambda: select(
            func.nextval(literal_column(f"'{sequence_name(kind)}'")).label("value")).select_from(
            func.generate_series(1, bindparam("count")).alias("taken")))
        values = sorted((int(row["value"]) for row in self._transaction.run(statement, {"count": count})),
                        reverse=True)
        self._reserved[kind] = values + self._reserved.get(kind, [])

    def next_value(self, kind: DocumentType, period: str | None = None) -> int:
        if period is not None:
            return self._counted(kind, check_period(period))
        if reserved := self._reserved.get(kind):
            return reserved.pop()
        if self._transaction.is_postgres and not kind.gapless:
            statement = self._transaction.compiler.get(("sequences", "nextval", kind), lambda: select(
                func.nextval(literal_column(f"'{sequence_name(kind)}'")).label("value")))
            return int(self._transaction.run(statement)[0]["value"])
        return self._counted(kind, "")

    def _counted(self, kind: DocumentType, period: str) -> int:
        compiler = self._transaction.compiler
        series = {"kind": kind.value, "period": period}
        increment = compiler.get(("sequences", "next"), lambda: update(sequences).where(
            sequences.c.kind == bindparam("kind"), sequences.c.period == bindparam("period")).values(
            value=sequences.c.value + 1).returning(sequences.c.value))
        rows = self._transaction.run(increment, series)
        if not rows:
            dialect = postgresql if self._transaction.is_postgres else sqlite
            create = compiler.get(("sequences", "create"), lambda: dialect.insert(sequences).values(
                kind=bindparam("kind"), period=bindparam("period"), value=0).on_conflict_do_nothing())
            self._transaction.run(create, series)
            rows = self._transaction.run(increment, series)
        return int(rows[0]["value"])
