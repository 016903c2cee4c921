"""Use cases of API tokens: issue one (its secret is shown once), revoke one, and tell who a secret belongs to."""

from __future__ import annotations

import hashlib
import secrets

from attrs import frozen

from oms.domain.access.tokens import ApiToken, Role
from oms.domain.shared.ids import new_id
from oms.ports.access.tokens import ApiTokenStore
from oms.ports.shared.clock import Clock

SECRET_PREFIX = "oms_"


def hash_secret(secret: str) -> str:
    """The hex SHA-256 of a token's secret: what is stored and looked up, never the secret itself."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


@frozen
class IssuedToken:
    """A new token and its secret. The secret exists only here: show it to the holder once, then forget it."""

    token: ApiToken
    secret: str


def issue_token(tokens: ApiTokenStore, clock: Clock, *, name: str, role: Role | str) -> IssuedToken:
    """Create a token for `name` with `role`; the secret is 256 random bits, prefixed "oms_" so scanners spot it."""
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(id=new_id(), name=name, role=role if isinstance(role, Role) else Role.parse(role),
                     token_hash=hash_secret(secret), created_at=clock.now())
    tokens.add(token)
    return IssuedToken(token, secret)


def revoke_token(tokens: ApiTokenStore, clock: Clock, token_id: str) -> ApiToken:
    """Revoke a token at once: the next request that presents it is refused."""
    token = tokens.get(token_id)
    token.revoke(clock.now())
    tokens.save(token)
    return token


def authenticate(tokens: ApiTokenStore, secret: str) -> ApiToken | None:
    """The active token whose secret this is, or None (unknown or revoked)."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    token = tokens.by_hash(hash_secret(secret))
    return token if token is not None and token.active else None
