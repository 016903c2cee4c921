"""Where API tokens are kept: a port of its own, outside the unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from oms.domain.access.tokens import ApiToken


class ApiTokenStore(Protocol):
    """The API tokens, by id and by the hash of their secret.

    Each method is its own transaction: tokens change rarely (the CLI creates and revokes them) and are read on
    every request, so they do not take part in the commands' unit of work. A SQL store keeps one row per token
    (id primary key, token_hash unique, name, role, created_at, revoked_at, version) and must be safe to use
    from many threads and processes. Stores hand out copies: changing a returned token changes nothing until `save`.
    """

    def add(self, token: ApiToken) -> None:
        """Keep a new token. Raises `AlreadyExists("api token", ...)` if its id or its hash is taken."""
        ...

    def get(self, token_id: str) -> ApiToken:
        """The token with this id, revoked or not. Raises `NotFound("api token", token_id)`."""
        ...

    def by_hash(self, token_hash: str) -> ApiToken | None:
        """The token whose secret hashes to `token_hash` (revoked ones too), or None. Called on every request."""
        ...

    def save(self, token: ApiToken) -> None:
        """Write back a changed token (today: its `revoked_at`). Raises `NotFound` if it was never added."""
        ...

    def list(self) -> Sequence[ApiToken]:
        """Every token, oldest first."""
        ...
