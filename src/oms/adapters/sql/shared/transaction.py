"""One database transaction on a pooled driver connection: SQLite's write lock taken at its start (BEGIN IMMEDIATE)
unless it only reads, driver errors translated into the domain's, and a lost connection dropped from the pool."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn, cast

from sqlalchemy import Engine

from oms.adapters.sql.shared.errors import connection_lost
from oms.adapters.sql.shared.statements import Compiler, Statement
from oms.domain.shared.errors import DomainError

Translate = Callable[[Exception], DomainError | None]


class Transaction:
    def __init__(self, engine: Engine, compiler: Compiler, translate: Translate, *, read_only: bool) -> None:
        self.compiler = compiler
        self.read_only = read_only
        self._translate = translate
        self._pooled = engine.raw_connection()
        self._driver: Any = cast(Any, self._pooled.driver_connection)
        self._cursor: Any = None
        self.is_postgres = compiler.is_postgres
        try:
            if not self.is_postgres:
                # pysqlite runs in autocommit mode here (see engine.py): the transaction is ours to open.
                self._driver.execute("BEGIN" if read_only else "BEGIN IMMEDIATE")
            self._cursor = self._driver.cursor()
        except Exception as error:
            self._fail(error)

    def run(self, statement: Statement, values: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Execute a statement; the rows it returns (SELECT, RETURNING), converted by the columns' types."""
        try:
            self._cursor.execute(statement.sql, statement.parameters(values or {}))
            return statement.rows(self._cursor.fetchall()) if statement.columns else []
        except Exception as error:
            self._fail(error)

    def execute_text(self, sql: str, values: Mapping[str, Any]) -> None:
        """A statement written for this database's driver (`%(name)s` parameters on PostgreSQL)."""
        try:
            self._cursor.execute(sql, values)
        except Exception as error:
            self._fail(error)

    def run_many(self, statement: Statement, rows: Sequence[Mapping[str, Any]]) -> int:
        """Execute a statement once per row, in one round trip where the driver can; returns the rows it changed."""
        if not rows:
            return 0
        try:
            if len(rows) == 1:
                self._cursor.execute(statement.sql, statement.parameters(rows[0]))
            else:
                self._cursor.executemany(statement.sql, [statement.parameters(row) for row in rows])
            return int(self._cursor.rowcount)
        except Exception as error:
            self._fail(error)

    def commit(self) -> None:
        try:
            self._driver.commit()
        except Exception as error:
            self._fail(error)

    def close(self) -> None:
        """End the transaction (rolling back what was not committed) and give the connection back to the pool."""
        try:
            if self._driver is not None and not self.is_postgres and self._driver.in_transaction:
                self._driver.rollback()
        except sqlite3.Error:
            pass
        finally:
            self._pooled.close()  # the pool rolls back anything still open
            self._driver = None

    def _fail(self, error: Exception) -> NoReturn:
        if connection_lost(error):
            self._pooled.invalidate()  # never hand this connection out again
        translated = self._translate(error)
        if translated is None:
            raise error
        raise translated from error
