"""API tokens in SQL: one row per token, each method its own short transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError

from oms.adapters.sql.access.tables import api_tokens
from oms.domain.access.tokens import ApiToken
from oms.domain.shared.errors import AlreadyExists, NotFound


def _token(row: Any) -> ApiToken:
    return ApiToken(id=row.id, name=row.name, role=row.role, token_hash=row.token_hash, created_at=row.created_at,
                    revoked_at=row.revoked_at, version=row.version)


class SqlApiTokenStore:
    """The `ApiTokenStore` port on a SQL database (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, token: ApiToken) -> None:
        try:
            with self._engine.begin() as connection:
                connection.execute(api_tokens.insert().values(
                    id=token.id, name=token.name, role=token.role, token_hash=token.token_hash,
                    created_at=token.created_at, revoked_at=token.revoked_at, version=token.version))
        except IntegrityError:
            raise AlreadyExists("api token", token.id) from None

    def get(self, token_id: str) -> ApiToken:
        with self._engine.connect() as connection:
            row = connection.execute(select(api_tokens).where(api_tokens.c.id == token_id)).first()
        if row is None:
            raise NotFound("api token", token_id)
        return _token(row)

    def by_hash(self, token_hash: str) -> ApiToken | None:
        with self._engine.connect() as connection:
            row = connection.execute(select(api_tokens).where(api_tokens.c.token_hash == token_hash)).first()
        return None if row is None else _token(row)

    def save(self, token: ApiToken) -> None:
        with self._engine.begin() as connection:
            result = connection.execute(update(api_tokens).where(api_tokens.c.id == token.id).values(
                name=token.name, role=token.role, revoked_at=token.revoked_at, version=api_tokens.c.version + 1))
        if result.rowcount == 0:
            raise NotFound("api token", token.id)

    def list(self) -> Sequence[ApiToken]:
        with self._engine.connect() as connection:
            rows = connection.execute(select(api_tokens).order_by(api_tokens.c.created_at, api_tokens.c.id)).all()
        return [_token(row) for row in rows]
