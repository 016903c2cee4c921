"""Number sequences: a database sequence per document type on PostgreSQL; a counter row per series otherwise.

A gapless type (an invoice), a series per period (a fiscal year's invoices) and every type on SQLite take
`UPDATE sequences ... RETURNING` on the series' row (kind, period): the row stays locked to the commit, so two
transactions never get the same number and a rolled back one gives its number back (on SQLite writers take turns
anyway); the first number of a new period is 1. On PostgreSQL the other types take `nextval` of their own
sequence (migration 0007), which never waits for another transaction: creating orders in parallel no longer queues
on one row, at the price of a gap when a command that took a number rolls back.

A batch (the renewal job's) reserves as many numbers as it expects in one statement. Of a `nextval` sequence, those
it does not take are a gap. Of a counter row, the reservation moves the counter by the count and so holds the row to
the commit, and `give_back` (the unit of work's commit calls it) moves the counter back by those not taken: they are
the highest, and nobody else could take one while the row was held, so the series stays gapless.

A command that takes one number of a `nextval` series (`Command.numbered`: a sales order, a quotation) has it read
ahead: the `nextval` rides with the command's first round trip (`read_ahead`), and `next_value` hands it out. Not
taken (the command refused, or a keyed request answered from its record), it is a gap, as a rollback's is. A gapless
series and a counter row are never read ahead, since reading them would hold them.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from sqlalchemy import bindparam, func, literal_column, select, update
from sqlalchemy.dialects import postgresql, sqlite

from oms.adapters.sql.shared.statements import Statement
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
        self._counted_reserved: dict[tuple[DocumentType, str], list[int]] = {}  # the same, of counter rows
        self._ahead: set[DocumentType] = set()  # numbers read ahead, not come back yet

    def reserve(self, kind: DocumentType, count: int, period: str | None = None) -> None:
        if count < 2:
            return
        if period is not None or kind.gapless or not self._transaction.is_postgres:
            series = (kind, "" if period is None else check_period(period))
            top = self._counted(kind, series[1], step=count)
            self._counted_reserved[series] = list(range(top, top - count, -1)) + self._counted_reserved.get(
                series, [])
            return
        statement = self._transaction.compiler.get(("sequences", "reserve", kind), lambda: select(
            func.nextval(literal_column(f"'{sequence_name(kind)}'")).label("value")).select_from(
            func.generate_series(1, bindparam("count")).alias("taken")))
        self._keep(kind, self._transaction.run(statement, {"count": count}))

    def next_value(self, kind: DocumentType, period: str | None = None) -> int:
        if period is not None or kind.gapless or not self._transaction.is_postgres:
            series = (kind, "" if period is None else check_period(period))
            if counted := self._counted_reserved.get(series):
                return counted.pop()
            return self._counted(*series)
        if kind in self._ahead:
            self._transaction.fetch_ahead()  # the number read ahead is wanted now: it goes in a round trip at last
        if reserved := self._reserved.get(kind):
            return reserved.pop()
        return int(self._transaction.run(self._nextval(kind))[0]["value"])

    def read_ahead(self, kind: DocumentType) -> None:
        """On PostgreSQL, a number of a series that may have gaps rides with the next statement (Transaction
        .read_ahead); a gapless series or a counter row is left alone, since reading it would hold it."""
        if kind.gapless or not self._transaction.is_postgres or kind in self._ahead:
            return
        self._ahead.add(kind)
        self._transaction.read_ahead(self._nextval(kind), {}, partial(self._received, kind))

    def _received(self, kind: DocumentType, rows: list[dict[str, Any]]) -> None:
        self._ahead.discard(kind)
        self._keep(kind, rows)

    def _keep(self, kind: DocumentType, rows: list[dict[str, Any]]) -> None:
        """Keep the numbers fetched with those fetched before (a number read ahead may come back with a block
        reserved), lowest last."""
        self._reserved[kind] = sorted([*self._reserved.get(kind, []), *(int(row["value"]) for row in rows)],
                                      reverse=True)

    def _nextval(self, kind: DocumentType) -> Statement:
        return self._transaction.compiler.get(("sequences", "nextval", kind), lambda: select(
            func.nextval(literal_column(f"'{sequence_name(kind)}'")).label("value")))

    def give_back(self) -> None:
        """Before the commit: move each counter row reserved back by the numbers not taken (queued with the
        commit's writes)."""
        unused = [(kind, period, len(values)) for (kind, period), values in self._counted_reserved.items() if values]
        self._counted_reserved.clear()
        if unused:
            statement = self._transaction.compiler.get(("sequences", "give back"), lambda: update(sequences).where(
                sequences.c.kind == bindparam("kind"), sequences.c.period == bindparam("period")).values(
                value=sequences.c.value - bindparam("step")))
            self._transaction.queue(statement, [{"kind": kind.value, "period": period, "step": step}
                                                for kind, period, step in unused])

    def _counted(self, kind: DocumentType, period: str, step: int = 1) -> int:
        """The counter row's value moved on by `step` (the row created at 0 first if the series is new)."""
        compiler = self._transaction.compiler
        series = {"kind": kind.value, "period": period, "step": step}
        increment = compiler.get(("sequences", "next"), lambda: update(sequences).where(
            sequences.c.kind == bindparam("kind"), sequences.c.period == bindparam("period")).values(
            value=sequences.c.value + bindparam("step")).returning(sequences.c.value))
        rows = self._transaction.run(increment, series)
        if not rows:
            dialect = postgresql if self._transaction.is_postgres else sqlite
            create = compiler.get(("sequences", "create"), lambda: dialect.insert(sequences).values(
                kind=bindparam("kind"), period=bindparam("period"), value=0).on_conflict_do_nothing())
            self._transaction.run(create, {"kind": kind.value, "period": period})
            rows = self._transaction.run(increment, series)
        return int(rows[0]["value"])
