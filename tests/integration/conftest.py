"""Fixtures of the integration tests: fresh SQLite files, a throwaway PostgreSQL database, and backends to compare.

A local SMTP server (`smtp_server`, `smtp_server_with_login`) comes from smtp_server.py.

PostgreSQL comes from OMS_TEST_POSTGRES_URL (default postgres@127.0.0.1:5432). The tests create their own database
(oms_test_<random>), migrate it once, empty it before each test and drop it at the end. An unreachable server makes
the PostgreSQL tests fail, never skip: CI counts a skipped PostgreSQL test as a failure.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from oms.adapters.memory import InMemoryStore, InMemoryUnitOfWork
from oms.adapters.memory.listings import InMemoryListings
from oms.adapters.sql import SqlDatabase, upgrade
from oms.adapters.sql.shared.metadata import complete_metadata
from oms.adapters.sql.shared.sequences import sequence_name
from oms.domain.shared.ids import DocumentType

from .integration_helpers import Backend
from .smtp_server import smtp_server, smtp_server_with_login

__all__ = ["smtp_server", "smtp_server_with_login"]  # fixtures of a local SMTP server, for every integration test

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BACKENDS = ["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
SQL_BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def postgres_admin_url() -> URL:
    url = make_url(os.environ.get("OMS_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL))
    return url.set(drivername="postgresql+psycopg") if url.drivername in ("postgresql", "postgres") else url


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A migrated database of its own on the PostgreSQL server, dropped after the session."""
    admin_url = postgres_admin_url()
    name = f"oms_test_{secrets.token_hex(4)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 10})
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def unmigrated_postgres_url() -> Iterator[str]:
    """A database of its own on the PostgreSQL server, never migrated, dropped afterwards."""
    admin_url = postgres_admin_url()
    name = f"oms_test_{secrets.token_hex(4)}_fresh"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (quicker than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "oms.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "oms.db"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


def empty_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        names = ", ".join(f'"{table.name}"' for table in complete_metadata().sorted_tables)
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        for kind in DocumentType:
            if not kind.gapless:
                connection.execute(text(f"ALTER SEQUENCE {sequence_name(kind)} RESTART"))
    engine.dispose()


@pytest.fixture
def clean_postgres_url(postgres_url: str) -> str:
    empty_postgres(postgres_url)
    return postgres_url


def _sql_url(request: pytest.FixtureRequest, name: str) -> str:
    fixture = "sqlite_url" if name == "sqlite" else "clean_postgres_url"
    url: str = request.getfixturevalue(fixture)
    return url


@pytest.fixture(params=SQL_BACKENDS)
def sql_url(request: pytest.FixtureRequest) -> str:
    """A fresh, migrated database: a test using it runs on SQLite and on PostgreSQL."""
    return _sql_url(request, request.param)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    """Memory, SQLite or PostgreSQL, empty, behind the same ports: a test using it runs on all three."""
    name: str = request.param
    if name == "memory":
        store = InMemoryStore()
        yield Backend(name, lambda: InMemoryUnitOfWork(store), InMemoryListings(store))
        return
    url = _sql_url(request, name)
    database = SqlDatabase.from_url(url)
    yield Backend(name, database.unit_of_work, database.listings(), url)
    database.dispose()
