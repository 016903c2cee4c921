"""Console users in SQL: one row per user, each method its own short transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.exc import IntegrityError

from oms.adapters.sql.access.tables import users
from oms.adapters.sql.shared.engine import READ_ONLY
from oms.domain.access.users import User
from oms.domain.shared.errors import AlreadyExists, ConcurrencyConflict, NotFound


def _user(row: Any) -> User:
    return User(id=row.id, username=row.username, name=row.name, role=row.role, password_hash=row.password_hash,
                created_at=row.created_at, disabled_at=row.disabled_at, failed_sign_ins=row.failed_sign_ins,
                locked_until=row.locked_until, last_sign_in_at=row.last_sign_in_at, version=row.version)


def _values(user: User) -> dict[str, Any]:
    return {"name": user.name, "role": user.role, "password_hash": user.password_hash,
            "disabled_at": user.disabled_at, "failed_sign_ins": user.failed_sign_ins,
            "locked_until": user.locked_until, "last_sign_in_at": user.last_sign_in_at}


class SqlUserStore:
    """The `UserStore` port on a SQL database (SQLite or PostgreSQL). Nothing is kept in memory: the console reads
    a user once per request, by its primary key. A save names the version it read, so a sign-in that counts a
    failure never writes back over a password changed meanwhile (`ConcurrencyConflict`)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, user: User) -> None:
        try:
            with self._engine.begin() as connection:
                connection.execute(users.insert().values(id=user.id, username=user.username,
                                                         created_at=user.created_at, version=user.version,
                                                         **_values(user)))
        except IntegrityError:
            raise AlreadyExists("user", user.username) from None

    def _reading(self) -> Connection:
        """A connection whose transaction only reads: on SQLite it never waits for a writer."""
        return self._engine.connect().execution_options(**{READ_ONLY: True})

    def get(self, user_id: str) -> User:
        with self._reading() as connection:
            row = connection.execute(select(users).where(users.c.id == user_id)).first()
        if row is None:
            raise NotFound("user", user_id)
        return _user(row)

    def by_username(self, username: str) -> User | None:
        with self._reading() as connection:
            row = connection.execute(select(users).where(users.c.username == username.lower())).first()
        return None if row is None else _user(row)

    def save(self, user: User) -> None:
        with self._engine.begin() as connection:
            result = connection.execute(update(users).where(users.c.id == user.id, users.c.version == user.version)
                                        .values(version=users.c.version + 1, **_values(user)))
            if result.rowcount == 0:
                found = connection.execute(select(users.c.id).where(users.c.id == user.id)).first()
                if found is None:
                    raise NotFound("user", user.id)
                raise ConcurrencyConflict(f"user {user.username} was changed meanwhile")
        user.version += 1

    def list(self) -> Sequence[User]:
        with self._reading() as connection:
            rows = connection.execute(select(users).order_by(users.c.created_at, users.c.id)).all()
        return [_user(row) for row in rows]
