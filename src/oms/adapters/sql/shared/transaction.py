"""One database transaction on a pooled driver connection: SQLite's write lock taken at its start (BEGIN IMMEDIATE)
unless it only reads, driver errors translated into the domain's, and a lost connection dropped from the pool.

Writes can be queued (`queue`) rather than run: they go to the database together, before the next statement that
reads and at the commit. On PostgreSQL that is one round trip (libpq's pipeline mode, pipeline.py), the writes one
statement where that cannot change what they do (merged_writes.py), and the COMMIT rides in it too unless a write's
row count must be checked first; statements that do not depend on each other's answers can be sent together the same
way (`run_together`). On SQLite, in the same process, they simply run in order.

A read that is not needed yet can be sent ahead (`read_ahead`): it rides in the next round trip, after that round
trip's own statements, and its rows are handed over when they come back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn, cast

import psycopg
from attrs import define, frozen
from psycopg.pq import TransactionStatus

from oms.adapters.sql.shared.connections import ConnectionShelf
from oms.adapters.sql.shared.errors import connection_lost
from oms.adapters.sql.shared.merged_writes import MergedWrites, Write, merged
from oms.adapters.sql.shared.pipeline import exchange, prepared_on
from oms.adapters.sql.shared.statements import Compiler, Statement
from oms.adapters.sql.shared.writers import WriterTurns
from oms.domain.shared.errors import DomainError

Translate = Callable[[Exception], DomainError | None]
IDLE = TransactionStatus.IDLE
Check = Callable[[int], None]  # told the number of rows a queued write changed; raises if that is wrong
Receive = Callable[[list[dict[str, Any]]], None]  # given the rows of a read sent ahead


def _untranslated(_: Exception) -> DomainError | None:
    """What a closed transaction translates errors with: nothing (it runs no statement any more)."""
    return None


@define
class Traffic:
    """What a database's transactions sent it: statements executed (a write queued for N rows counts N) and the
    times they waited for its answer (round trips on PostgreSQL; calls into the library on SQLite). For benchmarks
    and tools; counted without a lock, so exact only while one thread uses the database."""

    statements: int = 0
    round_trips: int = 0


@frozen
class Queued:
    """A write waiting to be sent: its statement, the parameters of each execution, and its row-count check."""

    statement: Statement
    parameters: list[Any]  # of each execution, in the order of its placeholders
    check: Check | None


class Transaction:
    def __init__(self, connections: ConnectionShelf, compiler: Compiler, translate: Translate, *, read_only: bool,
                 traffic: Traffic | None = None, writers: WriterTurns | None = None) -> None:
        self.compiler = compiler
        self._connections = connections
        self._traffic = traffic or Traffic()
        self.read_only = read_only
        self._translate = translate
        self._queued: list[Queued] = []
        self._ahead: list[tuple[Statement, Any, Receive]] = []  # reads waiting for the next round trip
        self._pooled: Any = None
        self._broken = False  # invalidated: returned to the pool, not to the shelf
        self._driver: Any = None
        self._cursor: Any = None
        self.is_postgres = compiler.is_postgres
        self._begun = False
        self._turn = None if self.is_postgres or read_only else writers
        if self._turn is not None:
            self._turn.take()
        try:
            self._pooled = connections.take()
            self._driver = cast(Any, self._pooled.driver_connection)
            if self.is_postgres:
                # psycopg would send BEGIN in a round trip of its own before the first statement: in autocommit
                # mode it leaves that to us, and the BEGIN goes with the first statements (see _send).
                self._driver.autocommit = True
            else:
                # pysqlite runs in autocommit mode here (see engine.py): the transaction is ours to open.
                self._driver.execute("BEGIN" if read_only else "BEGIN IMMEDIATE")
                self._begun = True
                self._traffic.statements += 1
                self._traffic.round_trips += 1
            if not self.is_postgres:  # PostgreSQL's statements go through pipeline.py, without a cursor
                self._cursor = self._driver.cursor()
        except Exception as error:
            self._drop_if_lost(error)
            self._release()
            self._fail(error)

    def run(self, statement: Statement, values: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Execute a statement (after the queued writes); the rows it returns (SELECT, RETURNING), converted by the
        columns' types."""
        return self.run_together([(statement, values or {})])[0]

    def run_together(self, statements: Sequence[tuple[Statement, Mapping[str, Any]]]) -> list[list[dict[str, Any]]]:
        """Execute statements in order, after the queued writes, in one round trip; the rows of each."""
        queued, self._queued = self._queued, []
        return self._send(queued, [(statement, statement.parameters(values)) for statement, values in statements])

    def read_ahead(self, statement: Statement, values: Mapping[str, Any], receive: Receive) -> None:
        """Send a read with the next round trip, after its own statements, and give `receive` its rows then (a
        round trip saved where the answer can wait; its row locks are taken in that order)."""
        self._ahead.append((statement, statement.parameters(values), receive))

    def fetch_ahead(self) -> None:
        """Send the reads sent ahead now (after the queued writes), for a caller that cannot wait for their answer
        any longer."""
        if self._ahead:
            queued, self._queued = self._queued, []
            self._send(queued, [])

    def queue(self, statement: Statement, rows: Sequence[Mapping[str, Any]], check: Check | None = None) -> None:
        """Execute a write once per row, with the queued writes; `check` is told how many rows it changed."""
        if rows:
            self._queued.append(Queued(statement, [statement.parameters(row) for row in rows], check))

    def queue_rows(self, statement: Statement, rows: Sequence[Mapping[str, Any]], check: Check | None = None) -> None:
        """Execute once a write made for these rows together (`Statement.parameters_of_rows`), with the queued
        writes."""
        self._queued.append(Queued(statement, [statement.parameters_of_rows(rows)], check))

    def run_many(self, statement: Statement, rows: Sequence[Mapping[str, Any]]) -> int:
        """Execute a statement once per row, now; returns the rows it changed."""
        counted: list[int] = []
        self.queue(statement, rows, counted.append)
        self.drain()
        return sum(counted)

    def drain(self) -> None:
        """Send the queued writes now (and run their checks)."""
        if self._queued:
            queued, self._queued = self._queued, []
            self._send(queued, [])

    def commit(self) -> None:
        """Send the queued writes and commit: on PostgreSQL in one round trip when no write's count is checked."""
        queued, self._queued = self._queued, []
        if not queued and not self._begun:
            self._ahead = []
            return  # nothing was sent: there is no transaction to commit
        if self.is_postgres and not any(write.check for write in queued):
            self._send(queued, [], commit=True)
            return
        self._send(queued, [])
        self._traffic.statements += 1
        self._traffic.round_trips += 1
        try:
            if self.is_postgres:
                exchange(self._driver, prepared_on(self._pooled.info, self._driver), [("COMMIT", [()])])
            else:
                self._driver.commit()
        except Exception as error:
            self._fail(error)

    def close(self) -> None:
        """End the transaction (rolling back what was not committed), give the connection back to the pool and let
        the translator go: it is the unit of work's, which holds this transaction through its session, and the
        cycle would keep everything the unit of work loaded alive until the garbage collector's next full pass
        (a renewal batch's thousands of objects; the collections cost a sixth of its CPU)."""
        self._release()
        self._translate = _untranslated

    def _release(self) -> None:
        """Roll back what was not committed and give the connection (and the writer's turn) back."""
        self._queued, self._ahead = [], []
        driver, self._driver = self._driver, None
        pooled, self._pooled = self._pooled, None
        try:
            if driver is not None and self.is_postgres:
                if driver.info.transaction_status != IDLE:
                    driver.rollback()
                driver.autocommit = False  # as the pool's other users expect it
            elif driver is not None and driver.in_transaction:
                driver.rollback()
        except (sqlite3.Error, psycopg.Error):
            if pooled is not None:
                pooled.invalidate()  # a connection that cannot roll back is not given out again
                self._broken = True
        finally:
            if pooled is not None and self._broken:
                pooled.close()
            elif pooled is not None:
                self._connections.put_back(pooled)
            turn, self._turn = self._turn, None
            if turn is not None:
                turn.give_back()

    def _send(self, writes: list[Queued], reads: list[tuple[Statement, Any]], *,
              commit: bool = False) -> list[list[dict[str, Any]]]:
        """The writes, the reads and the reads sent ahead, in that order, in one round trip; the reads' rows."""
        if not self._ahead:
            return self._exchange(writes, reads, commit=commit)
        ahead, self._ahead = self._ahead, []
        found = self._exchange(writes, reads + [(statement, values) for statement, values, _ in ahead], commit=commit)
        for (_, _, receive), rows in zip(ahead, found[len(reads):], strict=True):
            receive(rows)
        return found[:len(reads)]

    def _exchange(self, writes: list[Queued], reads: list[tuple[Statement, Any]], *,
                  commit: bool = False) -> list[list[dict[str, Any]]]:
        begin = not self._begun
        together = _together(writes) if self.is_postgres else None
        written = 1 if together is not None else sum(len(write.parameters) for write in writes)
        self._traffic.statements += written + len(reads) + commit + begin
        self._traffic.round_trips += 1
        try:
            if self.is_postgres:
                counts, fetched = self._pipelined(writes, together, reads, begin=begin, commit=commit)
                self._begun = True
            else:
                counts, fetched = self._in_order(writes, reads)
                if commit:
                    self._driver.commit()
        except Exception as error:
            self._fail(error)
        for write, count in zip(writes, counts, strict=True):
            if write.check is not None:
                write.check(count)
        return [statement.rows(rows) if statement.columns else []
                for (statement, _), rows in zip(reads, fetched, strict=True)]

    def _in_order(self, writes: list[Queued], reads: list[tuple[Statement, Any]]
                  ) -> tuple[list[int], list[list[Any]]]:
        cursor, counts, fetched = self._cursor, [], []
        for write in writes:
            if len(write.parameters) == 1:
                cursor.execute(write.statement.sql, write.parameters[0])
            else:
                cursor.executemany(write.statement.sql, write.parameters)
            counts.append(int(cursor.rowcount))
        for statement, parameters in reads:
            cursor.execute(statement.sql, parameters)
            fetched.append(cursor.fetchall() if statement.columns else [])
        return counts, fetched

    def _pipelined(self, writes: list[Queued], together: MergedWrites | None, reads: list[tuple[Statement, Any]],
                   *, begin: bool, commit: bool) -> tuple[list[int], list[list[Any]]]:
        sent: list[tuple[str, Sequence[Sequence[Any]]]] = [("BEGIN", [()])] if begin else []
        if together is not None:
            sent.append((together.sql, [together.parameters]))
        else:
            sent.extend((write.statement.sql, write.parameters) for write in writes)
        sent.extend((statement.sql, [parameters]) for statement, parameters in reads)
        if commit:
            sent.append(("COMMIT", [()]))
        answers = exchange(self._driver, prepared_on(self._pooled.info, self._driver), sent)
        first = 1 if begin else 0
        if together is not None:
            counts = together.counts(answers[first].rows[0])
            first += 1
        else:
            counts = [answer.count for answer in answers[first:first + len(writes)]]
            first += len(writes)
        return counts, [answer.rows for answer in answers[first:first + len(reads)]]

    def _drop_if_lost(self, error: Exception) -> None:
        if connection_lost(error) and self._pooled is not None and not self._broken:
            self._pooled.invalidate()  # never hand this connection out again
            self._broken = True

    def _fail(self, error: Exception) -> NoReturn:
        self._queued = []
        self._drop_if_lost(error)
        translated = self._translate(error)
        if translated is None:
            raise error
        raise translated from error


def _together(writes: list[Queued]) -> MergedWrites | None:
    """The writes as one statement, when each runs once and they can be merged (merged_writes.py)."""
    if len(writes) < 2 or any(len(write.parameters) != 1 for write in writes):
        return None
    return merged([Write(write.statement.sql, write.parameters[0]) for write in writes])
