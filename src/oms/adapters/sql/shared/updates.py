"""Rows of one table updated by key: on PostgreSQL many to a statement (UPDATE ... FROM (VALUES (...), (...))),
elsewhere one execution per row. A versioned update says WHERE version = <as read>, and the rows it matched are
counted either way, so the unit of work can tell that another transaction changed one meanwhile.

Each row is a dict of `k_<key column>` (which row), `v_<column>` (its new values) and, when versioned,
`old_version`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import partial
from typing import Any

from sqlalchemy import Table, and_, bindparam, cast, column, update, values
from sqlalchemy.sql import ClauseElement

from oms.adapters.sql.shared.transaction import Check, Transaction

ROWS_PER_STATEMENT = 100


def queue_updates(transaction: Transaction, table: Table, key: Sequence[str], columns: Collection[str],
                  rows: Sequence[Mapping[str, Any]], *, versioned: bool = False,
                  check: Check | None = None) -> None:
    """Queue the updates of `columns` in the rows; `check` is told how many rows they matched in all."""
    names = tuple(sorted(columns))
    if not transaction.is_postgres or len(rows) == 1:
        statement = transaction.compiler.get(("update", table.name, names, versioned),
                                             partial(_one_by_one, table, tuple(key), names, versioned))
        transaction.queue(statement, rows, check)
        return
    chunks = [rows[start:start + ROWS_PER_STATEMENT] for start in range(0, len(rows), ROWS_PER_STATEMENT)]
    counted = _Counted(len(chunks), check)
    for chunk in chunks:
        statement = transaction.compiler.get(("update many", table.name, names, versioned, len(chunk)),
                                             partial(_many, table, tuple(key), names, versioned, len(chunk)))
        transaction.queue_rows(statement, chunk, counted.add if check else None)


class _Counted:
    """The rows matched by the statements of one batch, told to its check once all have answered."""

    def __init__(self, statements: int, check: Check | None) -> None:
        self._left, self._matched, self._check = statements, 0, check

    def add(self, matched: int) -> None:
        self._left, self._matched = self._left - 1, self._matched + matched
        if self._left == 0 and self._check is not None:
            self._check(self._matched)


def _parameters(key: tuple[str, ...], names: tuple[str, ...], versioned: bool) -> tuple[str, ...]:
    return (*(f"k_{name}" for name in key), *(f"v_{name}" for name in names), *(("old_version",) if versioned else ()))


def _one_by_one(table: Table, key: tuple[str, ...], names: tuple[str, ...], versioned: bool) -> ClauseElement:
    condition = and_(*(table.c[name] == bindparam(f"k_{name}") for name in key))
    if versioned:
        condition = and_(condition, table.c.version == bindparam("old_version"))
    return update(table).where(condition).values({name: bindparam(f"v_{name}") for name in names})


def _many(table: Table, key: tuple[str, ...], names: tuple[str, ...], versioned: bool, count: int) -> ClauseElement:
    parameters = _parameters(key, names, versioned)

    def column_of(parameter: str) -> str:
        return "version" if parameter == "old_version" else parameter[2:]

    # Every value cast to its column's type: a VALUES list takes its types from its first row, which may hold NULLs.
    given = values(*(column(parameter, table.c[column_of(parameter)].type) for parameter in parameters),
                   name="given").data([tuple(cast(bindparam(f"{parameter}_{index}",
                                                            type_=table.c[column_of(parameter)].type),
                                                  table.c[column_of(parameter)].type) for parameter in parameters)
                                       for index in range(count)])
    condition = and_(*(table.c[name] == given.c[f"k_{name}"] for name in key))
    if versioned:
        condition = and_(condition, table.c.version == given.c.old_version)
    return update(table).where(condition).values({name: given.c[f"v_{name}"] for name in names})
