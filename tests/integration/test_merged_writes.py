"""A transaction's queued writes go to PostgreSQL as one statement when that cannot change what they do."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import make_url

from oms.adapters.sql.shared.merged_writes import Write, merged

INSERT_A = "INSERT INTO merged_a (id, note) VALUES ($1::INTEGER, $2::VARCHAR)"
UPDATE_B = "UPDATE merged_b SET amount=$1::INTEGER WHERE merged_b.id = $2::INTEGER"
NOTIFY = "SELECT pg_notify($1::VARCHAR, $2::VARCHAR) AS pg_notify_1"


def test_writes_to_different_tables_become_one_statement_with_their_placeholders_renumbered() -> None:
    together = merged([Write(INSERT_A, [1, "x"]), Write(UPDATE_B, [5, 2]), Write(NOTIFY, ["oms_outbox", ""])])

    assert together is not None
    assert together.sql == (
        "WITH w0 AS (INSERT INTO merged_a (id, note) VALUES ($1::INTEGER, $2::VARCHAR) RETURNING 1), "
        "w1 AS (UPDATE merged_b SET amount=$3::INTEGER WHERE merged_b.id = $4::INTEGER RETURNING 1) "
        "SELECT (SELECT count(*) FROM w0), (SELECT count(*) FROM w1), "
        "(SELECT pg_notify($5::VARCHAR, $6::VARCHAR) AS pg_notify_1)")
    assert together.parameters == [1, "x", 5, 2, "oms_outbox", ""]
    assert together.counts((1, 0, None)) == [1, 0, 1]


@pytest.mark.parametrize("writes", [
    [Write(INSERT_A, [1, "x"])],  # one write: nothing to merge
    [Write(INSERT_A, [1, "x"]), Write(INSERT_A, [2, "y"])],  # one table twice: they must see each other
    [Write(INSERT_A, [1, "x"]), Write(UPDATE_B + " RETURNING merged_b.id", [5, 2])],  # a write that returns rows
    [Write(INSERT_A, [1]), Write(UPDATE_B, [5, 2])],  # placeholders that are not the parameters
    [Write(NOTIFY, ["a", ""]), Write(NOTIFY, ["b", ""])],  # nothing changed: nothing gained
    [Write(INSERT_A, [1, "x"]), Write("SELECT id FROM merged_a WHERE id = $1::INTEGER", [1])],  # a read
], ids=["one", "same table", "returning", "placeholders", "only functions", "a read"])
def test_writes_are_left_apart_when_one_statement_could_change_what_they_do(writes: list[Write]) -> None:
    assert merged(writes) is None


@pytest.fixture
def tables(postgres_url: str) -> Iterator[psycopg.Connection[Any]]:
    url = make_url(postgres_url).set(drivername="postgresql")
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True,
                         cursor_factory=psycopg.RawCursor) as connection:
        connection.execute("DROP TABLE IF EXISTS merged_child, merged_parent, merged_a, merged_b")
        connection.execute("CREATE TABLE merged_a (id INTEGER PRIMARY KEY, note VARCHAR)")
        connection.execute("CREATE TABLE merged_b (id INTEGER PRIMARY KEY, amount INTEGER)")
        connection.execute("CREATE TABLE merged_parent (id INTEGER PRIMARY KEY)")
        connection.execute("CREATE TABLE merged_child (id INTEGER PRIMARY KEY, "
                           "parent_id INTEGER NOT NULL REFERENCES merged_parent (id))")
        connection.execute("INSERT INTO merged_b VALUES (2, 0)")
        yield connection
        connection.execute("DROP TABLE merged_child, merged_parent, merged_a, merged_b")


@pytest.mark.postgres
def test_one_statement_changes_what_its_writes_would_and_counts_each(tables: psycopg.Connection[Any]) -> None:
    together = merged([Write(INSERT_A, [1, "x"]), Write(UPDATE_B, [5, 2]),
                       Write("UPDATE merged_parent SET id=$1::INTEGER WHERE merged_parent.id = $2::INTEGER", [1, 7]),
                       Write(NOTIFY, ["oms_merged", ""])])
    assert together is not None

    row = tables.execute(together.sql, together.parameters).fetchone()

    assert row is not None
    assert together.counts(row) == [1, 1, 0, 1]
    assert tables.execute("SELECT id, note FROM merged_a").fetchall() == [(1, "x")]
    assert tables.execute("SELECT id, amount FROM merged_b").fetchall() == [(2, 5)]


@pytest.mark.postgres
def test_a_row_and_the_rows_that_refer_to_it_can_be_written_in_one_statement(
        tables: psycopg.Connection[Any]) -> None:
    together = merged([Write("INSERT INTO merged_parent (id) VALUES ($1::INTEGER)", [1]),
                       Write("INSERT INTO merged_child (id, parent_id) VALUES ($1::INTEGER, $2::INTEGER), "
                             "($3::INTEGER, $4::INTEGER)", [10, 1, 11, 1])])
    orphan = merged([Write("INSERT INTO merged_parent (id) VALUES ($1::INTEGER)", [2]),
                     Write("INSERT INTO merged_child (id, parent_id) VALUES ($1::INTEGER, $2::INTEGER)", [12, 3])])
    assert together is not None
    assert orphan is not None

    row = tables.execute(together.sql, together.parameters).fetchone()
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        tables.execute(orphan.sql, orphan.parameters)

    assert row is not None
    assert together.counts(row) == [1, 2]
    assert tables.execute("SELECT count(*) FROM merged_child").fetchone() == (2,)
    assert tables.execute("SELECT count(*) FROM merged_parent").fetchone() == (1,)  # the orphan's parent too: none
