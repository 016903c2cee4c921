"""Statements compiled once per database and run on the driver's connection, and the transaction they run in.

SQLAlchemy Core builds each statement (so SQLite and PostgreSQL each get their own SQL, FOR UPDATE and RETURNING
where they have them); it is compiled once per database, with positional parameters, and every execution hands the
driver that text and the parameters, converted by the columns' own types (exact decimals, UTC times, enums).
This skips the ORM's and the Core executor's bookkeeping on every statement, which cost more than the statements.
"""

from __future__ import annotations

import operator
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from typing import Any, cast

from attrs import frozen
from sqlalchemy import Engine
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.types import TypeEngine

Processor = Callable[[Any], Any] | None
PG_NUMERIC = 1700  # the type code psycopg reports for NUMERIC columns


@frozen
class Statement:
    """A compiled statement: its SQL, how each parameter is converted, and the result's columns and converters."""

    sql: str
    binders: tuple[tuple[str, Processor, Any], ...]  # (name, converter, the value of a literal in the statement)
    columns: tuple[str, ...]
    readers: tuple[Processor, ...]
    positions: tuple[str, ...] | None = None  # the names of the placeholders in order; None: named parameters
    placed: tuple[tuple[str, Processor, Any], ...] = ()  # the binders in the order of the placeholders

    def parameters(self, values: Mapping[str, Any]) -> dict[str, Any] | list[Any]:
        """The values the driver gets: by name, or in the order of the statement's placeholders."""
        if self.positions is not None:
            return [value if binder is None or value is None else binder(value)
                    for name, binder, literal in self.placed for value in (values.get(name, literal),)]
        found = {}
        for name, binder, literal in self.binders:
            value = values.get(name, literal)
            found[name] = value if binder is None or value is None else binder(value)
        return found

    def parameters_of_rows(self, rows: Sequence[Mapping[str, Any]]) -> list[Any]:
        """The values of a statement written for many rows at once, whose parameters are named `<column>_<the
        row's index>`, taken from the rows as they are (no dict of renamed values in between). Each row's values
        are taken in one call (`itemgetter`), and only the columns with a converter are gone through one by one; a
        row without one of the columns gives None for it."""
        found: list[Any] = []
        extend = found.extend
        try:
            for index, take, converted in self._row_plan:
                values = take(rows[index])
                if converted:
                    values = list(values)
                    for position, binder in converted:
                        value = values[position]
                        if value is not None:
                            values[position] = binder(value)
                extend(values)
        except KeyError:  # a row without a column: its value is None
            return [value if binder is None or value is None else binder(value)
                    for index, name, binder, _ in self._by_row for value in (rows[index].get(name),)]
        return found

    @cached_property
    def _row_plan(self) -> tuple[tuple[int, Callable[[Mapping[str, Any]], Sequence[Any]],
                                       tuple[tuple[int, Callable[[Any], Any]], ...]], ...]:
        """For each run of placeholders of one row: the row's index, how its values are taken, and the positions
        among them of those converted, with their converters."""
        runs: list[tuple[int, list[str], list[tuple[int, Callable[[Any], Any]]]]] = []
        for index, name, binder, _ in self._by_row:
            if not runs or runs[-1][0] != index:
                runs.append((index, [], []))
            _, names, converted = runs[-1]
            if binder is not None:
                converted.append((len(names), binder))
            names.append(name)
        return tuple((index, _taker(tuple(names)), tuple(converted)) for index, names, converted in runs)

    @cached_property
    def _by_row(self) -> tuple[tuple[int, str, Processor, Any], ...]:
        found = []
        for parameter, binder, literal in self.placed:
            name, _, index = parameter.rpartition("_")
            if not (name and index.isdigit()) or literal is not None:
                raise ValueError(f"{parameter} is not the parameter of one row (<column>_<index>)")
            found.append((int(index), name, binder, literal))
        return tuple(found)

    def rows(self, fetched: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
        columns, converted = self.columns, self._converted
        found = []
        for values in fetched:
            row = dict(zip(columns, values, strict=True))
            for name, reader in converted:
                value = row[name]
                if value is not None:
                    row[name] = reader(value)
            found.append(row)
        return found

    @cached_property
    def _converted(self) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
        """The result's columns whose values the driver gives in another form than the domain's, and how to
        convert them."""
        return tuple((name, reader) for name, reader in zip(self.columns, self.readers, strict=True)
                     if reader is not None)


def _taker(names: tuple[str, ...]) -> Callable[[Mapping[str, Any]], Sequence[Any]]:
    """The values of `names` in a row, as a tuple, in one call."""
    if len(names) == 1:
        name = names[0]
        return lambda row: (row[name],)
    taker: Callable[[Mapping[str, Any]], Sequence[Any]] = operator.itemgetter(*names)
    return taker


class Compiler:
    """Compiles statements for one database and keeps them by a key, so each is compiled once per process."""

    def __init__(self, engine: Engine) -> None:
        self.dialect = _positional_dialect(engine.dialect)
        self.is_postgres = self.dialect.name == "postgresql"
        self._cache: dict[Any, Statement] = {}
        self._lock = threading.Lock()

    def get(self, key: Any, build: Callable[[], ClauseElement]) -> Statement:
        found = self._cache.get(key)
        if found is None:
            found = self.compile(build())
            with self._lock:
                if len(self._cache) > 4096:  # statements keyed by a count of parameters: keep memory bounded
                    self._cache.clear()
                self._cache[key] = found
        return found

    def compile(self, clause: ClauseElement) -> Statement:
        compiled = cast(SQLCompiler, clause.compile(dialect=self.dialect))  # statements compile with an SQLCompiler
        expanding = [name for bind, name in compiled.bind_names.items() if bind.expanding]
        if expanding:  # IN (<a list>) is expanded by SQLAlchemy's executor, which these statements skip
            raise ValueError(f"give IN one parameter per value, not a list: {expanding}")
        binders = tuple((name, self._binder(bind.type), None if bind.required else bind.value)
                        for bind, name in compiled.bind_names.items())
        selected = list(getattr(clause, "exported_columns", ()))
        positions = compiled.positiontup
        by_name = {binder[0]: binder for binder in binders}
        return Statement(sql=str(compiled), binders=binders,
                         columns=tuple(column.name for column in selected),
                         readers=tuple(self._reader(column.type) for column in selected),
                         positions=None if positions is None else tuple(positions),
                         placed=() if positions is None else tuple(by_name[name] for name in positions))

    def _binder(self, type_: TypeEngine[Any]) -> Processor:
        return type_.dialect_impl(self.dialect).bind_processor(self.dialect)

    def _reader(self, type_: TypeEngine[Any]) -> Processor:
        return type_.dialect_impl(self.dialect).result_processor(self.dialect,
                                                                 PG_NUMERIC if self.is_postgres else None)


def _positional_dialect(dialect: Dialect) -> Dialect:
    """The engine's dialect with positional parameters, which the drivers take fastest: PostgreSQL's own $1, $2,
    ..., which go to libpq as they are (pipeline.py; psycopg parsing %(name)s cost as much as the rest of a
    statement's client side); SQLite's ?, which binds in time proportional to the parameters (named ones took
    time growing with the square of their number: 4.5 s for 100,000 customers in statements of 100 rows)."""
    style = "numeric_dollar" if dialect.name == "postgresql" else "qmark"
    if dialect.paramstyle == style:
        return dialect
    dialect_class: Any = type(dialect)  # every dialect takes a paramstyle; Dialect's stub declares no arguments
    made: Dialect = dialect_class(paramstyle=style)
    return made
