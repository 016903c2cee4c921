"""Idempotency keys: the first response to a POST, kept so that a retry with the same key gets it again."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from attrs import frozen


@frozen(kw_only=True)
class StoredResponse:
    """What the first request with a key answered, replayed byte for byte to every retry."""

    status: int
    body: bytes
    content_type: str
    location: str | None = None  # the Location header of a 201


@frozen(kw_only=True)
class IdempotencyRecord:
    """A claimed key. `fingerprint` identifies the request (method, path and body); `response` is None while the
    first request is still running."""

    key: str
    fingerprint: str
    created_at: datetime
    expires_at: datetime
    response: StoredResponse | None = None

    @property
    def in_progress(self) -> bool:
        return self.response is None


class IdempotencyStore(Protocol):
    """Idempotency keys and the responses they got (DESIGN.md, "Boundaries and bad input").

    A port of its own, outside the commands' unit of work: a key is claimed before the command runs and
    completed after it committed. Keys arrive already scoped to the caller (the entrypoint prefixes the API
    token's id), up to 300 characters. A record is live until `expires_at`; an expired one counts as absent.
    Stores must be safe to use from many threads and processes; a SQL store keeps one row per key
    (key primary key, fingerprint, created_at, expires_at, and status, content_type, body, location, which stay
    NULL while in progress) and claims with INSERT ... ON CONFLICT DO NOTHING, replacing an expired row.
    """

    def claim(self, key: str, fingerprint: str, now: datetime, expires_at: datetime) -> IdempotencyRecord | None:
        """Atomically claim `key` for a request with this fingerprint.

        Returns None if the caller now owns the key (no live record existed at `now`: a new in-progress record
        was written that expires at `expires_at`). Otherwise returns the live record unchanged, whatever its
        fingerprint: in progress (another request holds it) or completed (its response is to be replayed).
        Of two concurrent claims of one key, exactly one gets None.
        """
        ...

    def complete(self, key: str, response: StoredResponse) -> None:
        """Store the response to the claimed key; later claims get it. Its expiry does not change."""
        ...

    def release(self, key: str) -> None:
        """Forget an in-progress claim whose request ended without a response to keep (an unexpected error), so a
        retry runs again. Does nothing to a completed record or an unknown key."""
        ...

    def purge_expired(self, now: datetime) -> int:
        """Delete the records that expired at or before `now`; returns how many. Run it now and then."""
        ...
