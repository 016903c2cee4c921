"""An aggregate's parts read in one statement on PostgreSQL: each part table's rows as a JSON array.

Loading an order read its root and then each table of its parts (lines, reservations, goods issues and their lines,
returns and their receipts, history) in a statement of its own: the driver's cost per statement made that the
dearest step of confirming an order. Here every part table is a column of one row, `json_agg` of the rows the part
query selects, in its order, sent as text and read back with the columns' own meaning (exact decimals, UTC times,
dates, enums). The statement still runs after the root's, so after its row lock, and sees what was committed
before the lock was granted, as the separate statements did.

When a part table has a column of a type this module cannot read from JSON (`readers_of` says None), the session
reads that aggregate's parts one statement per table, as before.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, Integer, Select, String, Table, Text, cast, func, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.sql import ClauseElement
from sqlalchemy.types import TypeEngine

from oms.adapters.sql.shared.types import (
    ExactDecimal,
    ExactFraction,
    StrEnumType,
    UtcDateTime,
    exact_decimal,
    exact_fraction,
    utc_datetime,
)

Reader = Callable[[Any], Any]


def parts_statement(part_queries: Sequence[tuple[Select[Any], tuple[str, ...]]]) -> ClauseElement:
    """One row: for each part query, its rows as a JSON array (text), ordered by the columns named with it."""
    columns = []
    for index, (query, ordering) in enumerate(part_queries):
        rows = query.order_by(None).subquery(f"part{index}")
        aggregated = func.json_agg(aggregate_order_by(rows.table_valued(), *(rows.c[name] for name in ordering)))
        columns.append(cast(select(aggregated).scalar_subquery(), Text).label(f"part{index}"))
    return select(*columns)


@functools.cache
def readers_of(table: Table) -> tuple[tuple[str, Reader], ...] | None:
    """How to read each column of the table that JSON does not carry as the driver would give it; None when a
    column is of a type this module cannot read from JSON."""
    found = []
    for column in table.columns:
        try:
            reader = _reader(column.type)
        except ValueError:
            return None
        if reader is not None:
            found.append((column.name, reader))
    return tuple(found)


def rows_of(text: str | None, readers: tuple[tuple[str, Reader], ...]) -> list[dict[str, Any]]:
    """The rows of one part column: the JSON array read with exact decimals, then each column by its reader."""
    if text is None:  # json_agg of no rows
        return []
    rows: list[dict[str, Any]] = json.loads(text, parse_float=Decimal)
    for row in rows:
        for name, reader in readers:
            value = row[name]
            if value is not None:
                row[name] = reader(value)
    return rows


def _reader(type_: TypeEngine[Any]) -> Reader | None:
    if isinstance(type_, ExactDecimal):
        return exact_decimal  # 3, not 3.0, comes as an int
    if isinstance(type_, UtcDateTime):
        return utc_datetime
    if isinstance(type_, ExactFraction):
        return exact_fraction
    if isinstance(type_, StrEnumType):
        enum_class: Reader = type_.enum_class
        return enum_class
    if isinstance(type_, Date):
        return date.fromisoformat
    if isinstance(type_, (String, Integer, Boolean)):  # Text is a String, BigInteger an Integer
        return None
    raise ValueError(f"no JSON reading of a {type_!r} column")  # a new column type: teach _reader or go without
