"""Rows inserted many to a statement (INSERT ... VALUES (...), (...)): one execution, where one per row would cost
the driver and the database a statement each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from sqlalchemy import Table, bindparam, insert
from sqlalchemy.sql import ClauseElement

from oms.adapters.sql.shared.transaction import Transaction

ROWS_PER_STATEMENT = 100  # the parameters stay far below SQLite's and PostgreSQL's limits


def queue_inserts(transaction: Transaction, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Queue the INSERT of rows that all have the same columns (a table's autoincrementing key left out of them
    is given by the database)."""
    if not rows:
        return
    columns = tuple(sorted(rows[0]))
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        chunk = rows[start:start + ROWS_PER_STATEMENT]
        statement = transaction.compiler.get(("insert", table.name, columns, len(chunk)),
                                             partial(_insert, table, columns, len(chunk)))
        transaction.queue_rows(statement, chunk)


def _insert(table: Table, columns: tuple[str, ...], count: int) -> ClauseElement:
    # Each parameter gets its column's type, so its value is converted as the column's (not only the first row's).
    return insert(table).values([{name: bindparam(f"{name}_{index}", type_=table.c[name].type) for name in columns}
                                 for index in range(count)])
