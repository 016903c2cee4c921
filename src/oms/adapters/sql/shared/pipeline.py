"""Statements sent to PostgreSQL together in one round trip, through libpq's pipeline mode directly.

psycopg's own pipeline runs each statement through a cursor and a round of its wait loop: the statement is written
to the socket by itself, its answer read as it comes, each time letting the interpreter lock go and taking it back,
which other threads of the process make dear (a transaction of eight statements cost 375 us of a client's CPU with
four threads at work, against 280 us with one). Here the statements are all queued in libpq's buffer, written with
one flush and their answers read together (290 us with four threads); the parameters are converted and the rows
loaded by psycopg's own Transformer, as its cursors do.

Each statement with parameters is prepared once per connection and type of its parameters (psycopg prepares a
statement run often the same way), under names of our own, kept in the pooled connection's `info` (they live as
long as the server's session: a connection replaced starts with none). A statement without parameters (BEGIN,
COMMIT) is sent unnamed, and so is every other once PREPARED_MAX are prepared on the connection (each holds memory
in the server's session; statements of many rows come in a shape per count of rows).

Errors: the first statement that fails raises psycopg's error for it, once every answer is read (those after it were
skipped by the server, as a pipeline does). A failure while the statements are on their way (the connection lost)
leaves the connection closed, so the pool does not hand it out again.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import Any

import psycopg
from attrs import frozen
from psycopg import errors, pq, waiting
from psycopg.adapt import PyFormat, Transformer

PREPARED = "oms_prepared"  # the key, in a pooled connection's `info`, of the statements prepared on it
OK = (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK)
AUTO = PyFormat.AUTO
PREPARED_MAX = 256  # statements prepared on one connection at most; psycopg keeps 100 of its own
WAIT_INTERVAL = 0.1  # seconds between the checks for a signal while waiting for the server, as psycopg's own (0 spins)


@frozen
class Answer:
    """What one statement (all its executions) did: the rows it changed, and the rows it returned (its last
    execution's)."""

    count: int
    rows: list[tuple[Any, ...]]


@frozen
class _Execution:
    statement: int  # the index of its statement
    name: bytes | None  # of its prepared statement; None: sent unnamed
    sql: bytes
    parameters: Sequence[pq.abc.Buffer | None] | None
    types: Sequence[int]
    formats: Sequence[pq.Format] | None
    prepare: tuple[str, tuple[int, ...]] | None  # the key to prepare it under, first, if this is its first time


class Prepared:
    """The statements prepared on one connection, by SQL and parameter types, and the Transformer that converts
    its values (one per connection, as its dumpers and loaders depend on nothing else)."""

    def __init__(self, driver: psycopg.Connection[Any]) -> None:
        self.names: dict[tuple[str, tuple[int, ...]], bytes] = {}
        self.transformer = Transformer(driver)


def prepared_on(info: dict[str, Any], driver: psycopg.Connection[Any]) -> Prepared:
    """What is prepared on the connection whose pooled `info` this is."""
    found = info.get(PREPARED)
    if found is None:
        found = info[PREPARED] = Prepared(driver)
    return found


def exchange(driver: psycopg.Connection[Any], prepared: Prepared,
             statements: Sequence[tuple[str, Sequence[Sequence[Any]]]]) -> list[Answer]:
    """Run the statements (each with the parameters of each of its executions) in order, in one round trip, in
    whatever transaction the connection is in; what each did."""
    executions = _planned(prepared, statements)
    pgconn = driver.pgconn
    try:
        pgconn.enter_pipeline_mode()
        for execution in executions:
            if execution.prepare is not None and execution.name is not None:
                pgconn.send_prepare(execution.name, execution.sql, execution.types)
            if execution.name is None:
                pgconn.send_query_params(execution.sql, execution.parameters, execution.types, execution.formats)
            else:
                pgconn.send_query_prepared(execution.name, execution.parameters, execution.formats)
        pgconn.pipeline_sync()
        results = waiting.wait(_communicate(pgconn), pgconn.socket, interval=WAIT_INTERVAL)
        pgconn.exit_pipeline_mode()
    except BaseException:
        pgconn.finish()  # in the middle of a pipeline: never to be used again
        raise
    return _answers(driver, prepared, statements, executions, results)


def _planned(prepared: Prepared, statements: Sequence[tuple[str, Sequence[Sequence[Any]]]]) -> list[_Execution]:
    """Each execution with its parameters converted (before anything is sent, so a value the driver cannot convert
    leaves the connection as it was)."""
    transformer, names = prepared.transformer, prepared.names
    preparing: dict[tuple[str, tuple[int, ...]], bytes] = {}
    planned = []
    for index, (sql, executions) in enumerate(statements):
        encoded = sql.encode()
        for values in executions:
            if not values:
                planned.append(_Execution(index, None, encoded, None, (), None, None))
                continue
            dumped = transformer.dump_sequence(values, [AUTO] * len(values))
            types = tuple(transformer.types or ())
            key = (sql, types)
            name = names.get(key) or preparing.get(key)
            first = name is None and len(names) + len(preparing) < PREPARED_MAX
            if first:
                name = preparing[key] = f"oms_{len(names) + len(preparing)}".encode()
            planned.append(_Execution(index, name, encoded, dumped, types, transformer.formats,
                                      key if first else None))
    return planned


def _communicate(pgconn: pq.abc.PGconn) -> Generator[waiting.Wait, waiting.Ready | int, list[list[pq.abc.PGresult]]]:
    """Write what libpq holds, then read every answer up to the pipeline's sync: each statement's results, in order
    (a prepare counts as one)."""
    while pgconn.flush():
        ready = yield waiting.Wait.RW
        if ready & waiting.Ready.R:
            pgconn.consume_input()  # the server may answer before it has read everything
    answers: list[list[pq.abc.PGresult]] = []
    results: list[pq.abc.PGresult] = []
    while True:
        while pgconn.is_busy():
            yield waiting.Wait.R
            pgconn.consume_input()
        result = pgconn.get_result()
        if result is None:  # the end of one statement's results
            answers.append(results)
            results = []
        elif result.status == pq.ExecStatus.PIPELINE_SYNC:
            return answers
        else:
            results.append(result)


def _answers(driver: psycopg.Connection[Any], prepared: Prepared,
             statements: Sequence[tuple[str, Sequence[Sequence[Any]]]], executions: list[_Execution],
             results: list[list[pq.abc.PGresult]]) -> list[Answer]:
    """What each statement did, the statements prepared remembered, and the first failure raised."""
    counts = [0] * len(statements)
    rows: list[list[tuple[Any, ...]]] = [[] for _ in statements]
    failure: psycopg.Error | None = None
    answered = iter(results)
    transformer = prepared.transformer
    for execution in executions:
        if execution.prepare is not None:
            outcome = next(answered)
            if outcome and outcome[-1].status == pq.ExecStatus.COMMAND_OK:
                assert execution.name is not None
                prepared.names[execution.prepare] = execution.name
            elif failure is None and outcome and outcome[-1].status == pq.ExecStatus.FATAL_ERROR:
                failure = errors.error_from_result(outcome[-1], encoding=driver.info.encoding)
        outcome = next(answered)
        result = outcome[-1] if outcome else None
        if result is None or result.status not in OK:
            if failure is None and result is not None and result.status == pq.ExecStatus.FATAL_ERROR:
                failure = errors.error_from_result(result, encoding=driver.info.encoding)
            continue
        counts[execution.statement] += result.command_tuples or 0
        if result.status == pq.ExecStatus.TUPLES_OK:
            transformer.set_pgresult(result)
            rows[execution.statement] = transformer.load_rows(0, result.ntuples, tuple)
    if failure is not None:
        raise failure
    return [Answer(count, found) for count, found in zip(counts, rows, strict=True)]
