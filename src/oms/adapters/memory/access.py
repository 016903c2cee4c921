"""API tokens and console users in memory, for tests, demos and the embedded default; thread-safe."""

from __future__ import annotations

import copy
import threading
from collections.abc import Sequence

from oms.domain.access.tokens import ApiToken
from oms.domain.access.users import User
from oms.domain.shared.errors import AlreadyExists, ConcurrencyConflict, NotFound


class InMemoryApiTokenStore:
    """Keeps copies, so a caller's changes count only once saved, as with a database."""

    def __init__(self) -> None:
        self._tokens: dict[str, ApiToken] = {}
        self._lock = threading.Lock()

    def add(self, token: ApiToken) -> None:
        with self._lock:
            if token.id in self._tokens:
                raise AlreadyExists("api token", token.id)
            if any(t.token_hash == token.token_hash for t in self._tokens.values()):
                raise AlreadyExists("api token", "with this secret")
            self._tokens[token.id] = copy.deepcopy(token)

    def get(self, token_id: str) -> ApiToken:
        with self._lock:
            token = self._tokens.get(token_id)
            if token is None:
                raise NotFound("api token", token_id)
            return copy.deepcopy(token)

    def by_hash(self, token_hash: str) -> ApiToken | None:
        with self._lock:
            for token in self._tokens.values():
                if token.token_hash == token_hash:
                    return copy.deepcopy(token)
            return None

    def save(self, token: ApiToken) -> None:
        with self._lock:
            if token.id not in self._tokens:
                raise NotFound("api token", token.id)
            token.version += 1
            self._tokens[token.id] = copy.deepcopy(token)

    def list(self) -> Sequence[ApiToken]:
        with self._lock:
            return [copy.deepcopy(t) for t in sorted(self._tokens.values(), key=lambda t: (t.created_at, t.id))]


class InMemoryUserStore:
    """Keeps copies, so a caller's changes count only once saved, as with a database; a save from a stale copy is
    refused, as the SQL store refuses it."""

    def __init__(self) -> None:
        self._users: dict[str, User] = {}
        self._lock = threading.Lock()

    def add(self, user: User) -> None:
        with self._lock:
            if user.id in self._users or any(u.username == user.username for u in self._users.values()):
                raise AlreadyExists("user", user.username)
            self._users[user.id] = copy.deepcopy(user)

    def get(self, user_id: str) -> User:
        with self._lock:
            user = self._users.get(user_id)
            if user is None:
                raise NotFound("user", user_id)
            return copy.deepcopy(user)

    def by_username(self, username: str) -> User | None:
        wanted = username.lower()
        with self._lock:
            for user in self._users.values():
                if user.username == wanted:
                    return copy.deepcopy(user)
            return None

    def save(self, user: User) -> None:
        with self._lock:
            kept = self._users.get(user.id)
            if kept is None:
                raise NotFound("user", user.id)
            if kept.version != user.version:
                raise ConcurrencyConflict(f"user {user.username} was changed meanwhile")
            user.version += 1
            self._users[user.id] = copy.deepcopy(user)

    def list(self) -> Sequence[User]:
        with self._lock:
            return [copy.deepcopy(u) for u in sorted(self._users.values(), key=lambda u: (u.created_at, u.id))]
