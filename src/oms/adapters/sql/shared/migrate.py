"""Alembic migrations shipped in the package: bring a database to the newest schema, or tell its revision."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.pool import NullPool

from oms.adapters.sql.shared.engine import build_engine

MIGRATIONS = Path(__file__).parent.parent / "migrations"
ADVISORY_LOCK = 0x6F6D73  # "oms": one migration at a time per PostgreSQL database


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships its migrations
        raise RuntimeError("no migrations found")
    return head


def upgrade(url: str | URL, revision: str = "head") -> None:
    """Apply the migrations up to `revision`, all in one transaction; a database already there is left as is.

    Safe to run from several processes at once: SQLite's BEGIN IMMEDIATE and a PostgreSQL advisory lock make
    them take turns, and the later ones find nothing left to do.
    """
    engine = build_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def current_revision(url: str | URL) -> str | None:
    """The revision the database is at; None for a database never migrated."""
    engine = build_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return revision_of(connection)
    finally:
        engine.dispose()


def revision_of(connection: Connection) -> str | None:
    """The revision of the database behind an open connection (which it only reads); None if never migrated."""
    return MigrationContext.configure(connection).get_current_revision()
