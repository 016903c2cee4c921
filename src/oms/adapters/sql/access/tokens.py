"""API tokens in SQL: one row per token, each method its own short transaction."""

from __future__ import annotations

import copy
import threading
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from oms.adapters.sql.access.tables import api_tokens
from oms.adapters.sql.shared.changes import CHANNEL, TOKENS, ChangeWatch
from oms.adapters.sql.shared.engine import READ_ONLY
from oms.adapters.sql.shared.tables import change_counters
from oms.domain.access.tokens import ApiToken
from oms.domain.shared.errors import AlreadyExists, NotFound


def _token(row: Any) -> ApiToken:
    return ApiToken(id=row.id, name=row.name, role=row.role, token_hash=row.token_hash, created_at=row.created_at,
                    revoked_at=row.revoked_at, version=row.version)


class SqlApiTokenStore:
    """The `ApiTokenStore` port on a SQL database (SQLite or PostgreSQL).

    With a `watch` whose listener hears the database's changes (PostgreSQL), the tokens found by their hash are kept
    in memory while the tokens' change counter stands: every add and save raises it, so a revoked token is refused
    by every process as soon as the revocation commits (and its notice arrives, within milliseconds)."""

    def __init__(self, engine: Engine, watch: ChangeWatch | None = None) -> None:
        self._engine = engine
        self._watch = watch
        self._kept: dict[str, ApiToken] = {}
        self._kept_at = -1
        self._lock = threading.Lock()

    def add(self, token: ApiToken) -> None:
        try:
            with self._engine.begin() as connection:
                connection.execute(api_tokens.insert().values(
                    id=token.id, name=token.name, role=token.role, token_hash=token.token_hash,
                    created_at=token.created_at, revoked_at=token.revoked_at, version=token.version))
                _raise_counter(connection)
        except IntegrityError:
            raise AlreadyExists("api token", token.id) from None

    def _reading(self) -> Connection:
        """A connection whose transaction only reads: on SQLite it never waits for a writer."""
        return self._engine.connect().execution_options(**{READ_ONLY: True})

    def get(self, token_id: str) -> ApiToken:
        with self._reading() as connection:
            row = connection.execute(select(api_tokens).where(api_tokens.c.id == token_id)).first()
        if row is None:
            raise NotFound("api token", token_id)
        return _token(row)

    def by_hash(self, token_hash: str) -> ApiToken | None:
        version = self._watch.known(TOKENS) if self._watch is not None else None
        if version is not None:
            with self._lock:
                if version != self._kept_at:
                    self._kept, self._kept_at = {}, version
                kept = self._kept.get(token_hash)
            if kept is not None:
                return copy.copy(kept)  # its values are immutable: a copy of the object is enough
        with self._reading() as connection:
            row = connection.execute(select(api_tokens).where(api_tokens.c.token_hash == token_hash)).first()
        found = None if row is None else _token(row)
        if found is not None and version is not None:
            with self._lock:
                if version == self._kept_at and len(self._kept) < MAX_KEPT:
                    self._kept[token_hash] = copy.copy(found)
        return found

    def save(self, token: ApiToken) -> None:
        with self._engine.begin() as connection:
            result = connection.execute(update(api_tokens).where(api_tokens.c.id == token.id).values(
                name=token.name, role=token.role, revoked_at=token.revoked_at, version=api_tokens.c.version + 1))
            if result.rowcount == 0:
                raise NotFound("api token", token.id)
            _raise_counter(connection)

    def list(self) -> Sequence[ApiToken]:
        with self._reading() as connection:
            rows = connection.execute(select(api_tokens).order_by(api_tokens.c.created_at, api_tokens.c.id)).all()
        return [_token(row) for row in rows]


MAX_KEPT = 10_000


def _raise_counter(connection: Connection) -> None:
    """Raise the tokens' change counter in this transaction, announced to the listeners when it commits."""
    raise_it = (update(change_counters).where(change_counters.c.name == TOKENS)
                .values(value=change_counters.c.value + 1).returning(change_counters.c.value))
    value = connection.execute(raise_it).scalar()
    if value is None:  # a database whose counters were emptied: start the topic again
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        connection.execute(dialect.insert(change_counters).values(name=TOKENS, value=0).on_conflict_do_nothing())
        value = connection.execute(raise_it).scalar()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_notify(:channel, :payload)"),
                           {"channel": CHANNEL, "payload": f"{TOKENS}:{value}"})
