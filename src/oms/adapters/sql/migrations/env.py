"""Alembic environment of oms: runs on the connection `oms.adapters.sql.migrate` passes, or on sqlalchemy.url."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from oms.adapters.sql.shared.engine import build_engine
from oms.adapters.sql.shared.metadata import complete_metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=complete_metadata(), compare_type=True,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = build_engine(context.config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.begin() as new_connection:
            _run(new_connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("oms migrations run online only: use `oms db upgrade`")
run_migrations_online()
