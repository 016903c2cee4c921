"""A transaction's queued writes sent to PostgreSQL as one statement, each write a data-modifying WITH query.

Each statement costs the client as much again as the next (the driver's pipeline: the query converted, prepared,
sent and its result read, about a fifth of a placement's CPU for eleven writes); one statement for all of them
costs one. PostgreSQL runs the WITH queries of a statement on one snapshot, none seeing the others' rows, so writes
are merged only when no two of them touch the same table (two writes to one row would otherwise miss each other)
and none reads tables (an INSERT ... SELECT refreshing a kept record must see what the others wrote); foreign keys
are checked at the end of the statement, as they were at the end of each. Each write's row count comes
back as a column (`count(*)` of its RETURNING), so the checks of the counts stay exact; a write that only calls a
function (`SELECT pg_notify(...)`) becomes a column of the main SELECT.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import partial
from typing import Any

from attrs import frozen

PLACEHOLDER = re.compile(r"\$(\d+)")
CHANGES = ("INSERT INTO ", "UPDATE ", "DELETE FROM ")
KEPT = 256  # merged texts kept per process; a workload has a few dozen shapes of commit


@frozen
class Write:
    """What merging needs of a queued write: its SQL and the parameters of its one execution."""

    sql: str
    parameters: Sequence[Any]


@frozen
class MergedWrites:
    """One statement for several writes; its one row holds, for each write in order, the rows it changed (or a
    function's result, counted as one row)."""

    sql: str
    parameters: list[Any]
    changes: tuple[bool, ...]  # whether each write changes a table (else it calls a function)

    def counts(self, row: Sequence[Any]) -> list[int]:
        return [int(value) if changes else 1 for value, changes in zip(row, self.changes, strict=True)]


Shape = tuple[str, tuple[bool, ...]] | None
_shapes: dict[tuple[str, ...], Shape] = {}
_lock = threading.Lock()


def merged(writes: Sequence[Write]) -> MergedWrites | None:
    """The writes as one statement, or None when they cannot be merged (fewer than two, two on one table, one that
    returns rows, SQL of another shape)."""
    if len(writes) < 2:
        return None
    key = tuple(write.sql for write in writes)
    shape = _shapes[key] if key in _shapes else _remembered(key, _compose(key, [len(w.parameters) for w in writes]))
    if shape is None:
        return None
    text, changes = shape
    return MergedWrites(text, [value for write in writes for value in write.parameters], changes)


def _remembered(key: tuple[str, ...], shape: Shape) -> Shape:
    with _lock:
        if len(_shapes) >= KEPT:
            _shapes.clear()
        _shapes[key] = shape
    return shape


def _compose(statements: tuple[str, ...], parameter_counts: list[int]) -> Shape:
    tables: set[str] = set()
    queries, columns, changes, offset = [], [], [], 0
    for index, (sql, count) in enumerate(zip(statements, parameter_counts, strict=True)):
        if {int(number) for number in PLACEHOLDER.findall(sql)} != set(range(1, count + 1)) or " RETURNING " in sql:
            return None
        if " SELECT " in sql:  # it reads tables (a kept record's refresh): merged, it would miss the others' rows
            return None
        renumbered = PLACEHOLDER.sub(partial(_shifted, by=offset), sql)
        offset += count
        table = _table_changed(sql)
        if table is not None and table not in tables:
            tables.add(table)
            queries.append(f"w{index} AS ({renumbered} RETURNING 1)")
            columns.append(f"(SELECT count(*) FROM w{index})")
        elif table is None and sql.startswith("SELECT ") and " FROM " not in sql:
            columns.append(f"({renumbered})")
        else:
            return None
        changes.append(table is not None)
    if not queries:
        return None
    return f"WITH {', '.join(queries)} SELECT {', '.join(columns)}", tuple(changes)


def _shifted(placeholder: re.Match[str], by: int) -> str:
    return f"${int(placeholder.group(1)) + by}"


def _table_changed(sql: str) -> str | None:
    for verb in CHANGES:
        if sql.startswith(verb):
            return sql[len(verb):].split(" ", 1)[0]
    return None
