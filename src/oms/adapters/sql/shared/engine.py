"""Engines for the two supported databases: SQLite (embedded default) and PostgreSQL through psycopg 3.

SQLite: WAL journal (readers never wait for the writer), foreign keys enforced, a busy timeout, and every transaction
opened with BEGIN IMMEDIATE so that it holds the write lock from its start: two transactions can never both read the
same stock and then both write, and a writer never fails half way for lock upgrade. Read-only connections (listings)
ask for a deferred BEGIN with the `oms_read_only` execution option.
PostgreSQL: READ COMMITTED; documents and stock rows are locked with SELECT ... FOR UPDATE when a command loads them
(see session.py and stock/repositories.py), and aggregates carry a version column.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url

from oms.adapters.sql.shared import sqlite_functions

BUSY_TIMEOUT_MS = 30_000
READ_ONLY = "oms_read_only"
# A connection per worker thread, with room for bursts. Connections come back to the pool as they are: whoever
# took one ends its transaction first (SQLAlchemy's Connection does; so does transaction.Transaction), which spares
# a rollback per checkin.
_POOL = {"pool_size": 10, "max_overflow": 30, "pool_reset_on_return": None}


def json_text(value: Any) -> str:
    """The text of a JSON column's value (the outbox's event payloads, on every command that raises events),
    encoded in C (orjson): the standard library's encoder cost several times as much. What orjson does not take (an
    integer beyond 64 bits) the standard library does."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value)


def normalize_url(url: str | URL) -> URL:
    """postgresql:// and postgres:// URLs use psycopg 3; everything else is taken as given."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    return parsed


def is_sqlite(url: str | URL) -> bool:
    return normalize_url(url).get_backend_name() == "sqlite"


def _without_pool_sizes(defaults: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    """Pool sizes apply to the default queue pool only, not to a pool class the caller chose."""
    if "poolclass" in options:
        return {k: v for k, v in defaults.items() if k not in _POOL}
    return defaults


def build_engine(url: str | URL, *, sqlite_busy_timeout_ms: int = BUSY_TIMEOUT_MS, **options: Any) -> Engine:
    """An engine for the URL; connects lazily (no I/O here). `options` go to sqlalchemy.create_engine. On SQLite,
    `sqlite_busy_timeout_ms` is how long a writer waits for another's lock (then the unit of work says StoreBusy)."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, sqlite_busy_timeout_ms, **options)
    # No pre-ping round trip per checkout: a connection found broken fails its transaction, which the unit of work
    # drops from the pool and the bus runs again (see errors.connection_lost).
    defaults: dict[str, Any] = {**_POOL, "json_serializer": json_text}
    engine = create_engine(parsed, **{**_without_pool_sizes(defaults, options), **options})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # The statements of oms's transactions are prepared by pipeline.py, under names of its own. psycopg's own
        # preparing is off: after a ROLLBACK it runs DEALLOCATE ALL, which would take pipeline.py's with its own.
        dbapi_connection.prepare_threshold = None

    return engine


def _sqlite_engine(url: URL, busy_timeout_ms: int, **options: Any) -> Engine:
    if url.database in (None, "", ":memory:"):
        raise ValueError("oms needs a SQLite file (sqlite:///path/oms.db): an in-memory database is per connection")
    defaults: dict[str, Any] = {**_POOL, "json_serializer": json_text,
                                "connect_args": {"timeout": busy_timeout_ms / 1000, "check_same_thread": False}}
    engine = create_engine(url, **{**_without_pool_sizes(defaults, options), **options})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event issue BEGIN, instead of pysqlite's own implicit transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()
        sqlite_functions.register(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine
