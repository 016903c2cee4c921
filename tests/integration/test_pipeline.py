"""Statements sent to PostgreSQL together through libpq's pipeline mode (pipeline.py): in order, in one round
trip, prepared once per connection, the first failure raised, and a connection left either usable or closed."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import psycopg
import pytest
from sqlalchemy import make_url

from oms.adapters.sql.shared.engine import build_engine
from oms.adapters.sql.shared.pipeline import exchange, prepared_on

pytestmark = pytest.mark.postgres

INSERT = "INSERT INTO pipeline_items (id, note, amount) VALUES ($1, $2, $3)"
SELECT = "SELECT id, note, amount FROM pipeline_items WHERE id = $1"
RENAME = "UPDATE pipeline_items SET note = $1 WHERE id >= $2"


@pytest.fixture
def connection(postgres_url: str) -> Iterator[psycopg.Connection[Any]]:
    url = make_url(postgres_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS pipeline_items")
        connection.execute("CREATE TABLE pipeline_items (id BIGINT PRIMARY KEY, note TEXT, amount NUMERIC)")
        yield connection
    with psycopg.connect(url, autocommit=True) as cleaner:
        cleaner.execute("DROP TABLE pipeline_items")


def _stored(connection: psycopg.Connection[Any]) -> list[tuple[Any, ...]]:
    return connection.execute("SELECT id, note, amount FROM pipeline_items ORDER BY id").fetchall()


def test_statements_run_in_order_and_answer_with_their_counts_and_rows(
        connection: psycopg.Connection[Any]) -> None:
    info: dict[str, Any] = {}
    answers = exchange(connection, prepared_on(info, connection), [
        ("BEGIN", [()]),
        (INSERT, [[1, "one", Decimal("12.34")], [2, None, Decimal("0.10")]]),  # executed twice
        (RENAME, [["renamed", 2]]),
        (SELECT, [[2]]),
        ("COMMIT", [()]),
    ])

    assert [answer.count for answer in answers] == [0, 2, 1, 1, 0]
    assert answers[3].rows == [(2, "renamed", Decimal("0.10"))]
    assert _stored(connection) == [(1, "one", Decimal("12.34")), (2, "renamed", Decimal("0.10"))]
    assert connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE


def test_a_statement_is_prepared_once_per_connection_and_parameter_types(
        connection: psycopg.Connection[Any]) -> None:
    prepared = prepared_on({}, connection)
    exchange(connection, prepared, [(INSERT, [[1, "a", Decimal(1)], [2, "b", Decimal(2)]])])
    exchange(connection, prepared, [(INSERT, [[3, "c", Decimal(3)]])])
    exchange(connection, prepared, [(INSERT, [[10**12, "d", Decimal(4)]])])  # a bigger integer: another type

    assert len(prepared.names) == 2
    on_server = connection.execute("SELECT name FROM pg_prepared_statements ORDER BY name").fetchall()
    assert sorted(name.decode() for name in prepared.names.values()) == [name for (name,) in on_server]
    assert [row[0] for row in _stored(connection)] == [1, 2, 3, 10**12]


def test_the_first_failure_is_raised_and_what_follows_it_does_not_run(connection: psycopg.Connection[Any]) -> None:
    connection.execute("INSERT INTO pipeline_items VALUES (1, 'kept', 1)")

    with pytest.raises(psycopg.errors.UniqueViolation):
        exchange(connection, prepared_on({}, connection), [
            ("BEGIN", [()]),
            (INSERT, [[2, "new", Decimal(2)]]),
            (INSERT, [[1, "duplicate", Decimal(3)]]),
            (RENAME, [["changed", 0]]),
            ("COMMIT", [()]),
        ])

    assert connection.info.transaction_status == psycopg.pq.TransactionStatus.INERROR
    connection.rollback()
    assert _stored(connection) == [(1, "kept", Decimal(1))]
    assert connection.execute("SELECT 1").fetchone() == (1,)  # the connection is usable again


def test_a_value_the_driver_cannot_convert_sends_nothing(connection: psycopg.Connection[Any]) -> None:
    with pytest.raises(psycopg.ProgrammingError):
        exchange(connection, prepared_on({}, connection), [(INSERT, [[1, "a", object()]])])

    assert not connection.closed
    assert connection.info.pipeline_status == psycopg.pq.PipelineStatus.OFF
    assert _stored(connection) == []


def test_a_connection_lost_on_the_way_is_closed_and_says_so(connection: psycopg.Connection[Any],
                                                            postgres_url: str) -> None:
    url = make_url(postgres_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [connection.info.backend_pid])

    with pytest.raises(psycopg.OperationalError):
        exchange(connection, prepared_on({}, connection), [(SELECT, [[1]])])

    assert connection.closed


def test_what_is_prepared_outlives_a_rollback_on_oms_s_connections(connection: psycopg.Connection[Any],
                                                                    postgres_url: str) -> None:
    engine = build_engine(postgres_url)
    try:
        pooled = engine.raw_connection()
        driver: psycopg.Connection[Any] = pooled.driver_connection  # type: ignore[assignment]
        driver.autocommit = True
        prepared = prepared_on(pooled.info, driver)
        exchange(driver, prepared, [(INSERT, [[1, "a", Decimal(1)]])])
        with driver.transaction(force_rollback=True):
            for _ in range(6):  # as often as psycopg prepares a statement of its own by default
                driver.execute("SELECT count(*) FROM pipeline_items").fetchone()

        exchange(driver, prepared, [(INSERT, [[2, "b", Decimal(2)]])])

        assert [row[0] for row in _stored(connection)] == [1, 2]
        pooled.close()
    finally:
        engine.dispose()


def test_past_the_most_prepared_on_a_connection_statements_are_sent_unprepared(
        connection: psycopg.Connection[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("oms.adapters.sql.shared.pipeline.PREPARED_MAX", 1)
    prepared = prepared_on({}, connection)

    answers = exchange(connection, prepared, [(INSERT, [[1, "a", Decimal(1)]]), (SELECT, [[1]]), (RENAME, [["b", 1]])])

    assert [answer.count for answer in answers] == [1, 1, 1]
    assert answers[1].rows == [(1, "a", Decimal(1))]
    assert [sql for sql, _ in prepared.names] == [INSERT]
    assert connection.execute("SELECT count(*) FROM pg_prepared_statements").fetchone() == (1,)


def test_a_failure_while_the_statements_are_on_their_way_leaves_the_connection_closed(
        connection: psycopg.Connection[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt  # as a signal would, between the sending and the answers

    monkeypatch.setattr("oms.adapters.sql.shared.pipeline.waiting.wait", interrupted)

    with pytest.raises(KeyboardInterrupt):
        exchange(connection, prepared_on({}, connection), [(INSERT, [[1, "a", Decimal(1)]])])

    assert connection.closed  # half through a pipeline, it is not given out again
