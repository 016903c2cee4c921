"""API tokens in memory, for tests, demos and the embedded default; thread-safe."""

from __future__ import annotations

import copy
import threading
from collections.abc import Sequence

from oms.domain.access.tokens import ApiToken
from oms.domain.shared.errors import AlreadyExists, NotFound


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
