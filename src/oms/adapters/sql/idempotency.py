"""Idempotency keys in SQL: claimed with INSERT ... ON CONFLICT DO NOTHING, so of two concurrent claims one wins."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, Engine, Integer, LargeBinary, String, Table, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from oms.adapters.sql.tables import metadata
from oms.adapters.sql.types import UtcDateTime
from oms.ports.shared.idempotency import IdempotencyRecord, StoredResponse

idempotency_keys = Table(
    "idempotency_keys", metadata,
    Column("key", String(320), primary_key=True),
    Column("fingerprint", String(128), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False, index=True),
    Column("status", Integer(), nullable=True),
    Column("content_type", String(200), nullable=True),
    Column("body", LargeBinary(), nullable=True),
    Column("location", String(2000), nullable=True),
)


def _record(row: Any) -> IdempotencyRecord:
    response = None if row.status is None else StoredResponse(status=row.status, body=bytes(row.body),
                                                              content_type=row.content_type, location=row.location)
    return IdempotencyRecord(key=row.key, fingerprint=row.fingerprint, created_at=row.created_at,
                             expires_at=row.expires_at, response=response)


class SqlIdempotencyStore:
    """The `IdempotencyStore` port on a SQL database; every method is one short transaction of its own."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert

    def claim(self, key: str, fingerprint: str, now: datetime, expires_at: datetime) -> IdempotencyRecord | None:
        table = idempotency_keys
        fresh = {"fingerprint": fingerprint, "created_at": now, "expires_at": expires_at, "status": None,
                 "content_type": None, "body": None, "location": None}
        with self._engine.begin() as connection:
            # RETURNING says whether this claim wrote the row (psycopg reports no rowcount for ON CONFLICT).
            inserted = connection.execute(self._insert(table).values(key=key, **fresh)
                                          .on_conflict_do_nothing(index_elements=[table.c.key])
                                          .returning(table.c.key)).first()
            if inserted is not None:
                return None
            # A live record wins; an expired one is taken over, by whichever claim updates it first.
            replaced = connection.execute(update(table).where(table.c.key == key, table.c.expires_at <= now)
                                          .values(**fresh).returning(table.c.key)).first()
            if replaced is not None:
                return None
            row = connection.execute(select(table).where(table.c.key == key)).first()
        return None if row is None else _record(row)

    def complete(self, key: str, response: StoredResponse) -> None:
        with self._engine.begin() as connection:
            connection.execute(update(idempotency_keys).where(idempotency_keys.c.key == key,
                                                              idempotency_keys.c.status.is_(None))
                               .values(status=response.status, content_type=response.content_type,
                                       body=response.body, location=response.location))

    def release(self, key: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(delete(idempotency_keys).where(idempotency_keys.c.key == key,
                                                              idempotency_keys.c.status.is_(None)))

    def purge_expired(self, now: datetime) -> int:
        with self._engine.begin() as connection:
            return connection.execute(delete(idempotency_keys).where(idempotency_keys.c.expires_at <= now)).rowcount
