"""Idempotency-Key on POST: a retry gets the first response again, and never does the work twice.

Semantics (DESIGN.md, "Boundaries and bad input"): the same key with the same request (method, path and body,
byte for byte) replays the first response, status and body, with `Idempotent-Replayed: true`; the same key with
another request is refused (422); while the first request is still running, another with its key gets 409. Keys
are per API token and kept for the configured retention (24 hours at least). A response of 500 is not kept, so a
retry runs again: the failed request changed nothing, every command being one transaction. A request whose first
attempt died without answering (its claim older than the lease) runs again; its command then returns the result it
recorded in its own transaction if it had committed, so nothing is ever done twice.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from flask import Response, request

from oms.domain.access.tokens import ApiToken
from oms.entrypoints.http.config import api
from oms.entrypoints.http.problems import Culprit, Problem
from oms.ports.shared.idempotency import StoredResponse

HEADER = "Idempotency-Key"
KEY_PATTERN = r"^[!-~]{1,255}$"  # visible ASCII, as a UUID or any other client-made string


def _fingerprint(body: bytes) -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(body)
    return digest.hexdigest()


def _replay(stored: StoredResponse) -> Response:
    response = Response(stored.body, status=stored.status, content_type=stored.content_type)
    if stored.location is not None:
        response.headers["Location"] = stored.location
    response.headers["Idempotent-Replayed"] = "true"
    return response


def idempotent(token: ApiToken, body: bytes, run: Callable[[str | None], Response]) -> Response:
    """Answer with `run(key)` once per key; `body` is the raw request body. `run` hands the key on to the command,
    which records its result in its own transaction (see `OrderManagement.for_request`)."""
    key = request.headers.get(HEADER)
    if key is None:
        return run(None)
    if not re.fullmatch(KEY_PATTERN, key):
        raise Problem("malformed-request", f"{HEADER} must be 1 to 255 visible ASCII characters",
                      errors=[Culprit("must be 1 to 255 visible ASCII characters", header=HEADER)])
    context = api()
    scoped, fingerprint, now = f"{token.id}:{key}", _fingerprint(body), context.clock.now()
    record = context.idempotency.claim(scoped, fingerprint, now, now + context.settings.idempotency_retention)
    claimed_at = now
    if record is not None and record.in_progress and record.fingerprint == fingerprint \
            and now - record.created_at > context.settings.idempotency_lease:
        # The first request died before answering (a killed worker). Its command either committed, and recorded
        # its result with it, or left nothing: running the request again answers it either way, exactly once.
        claimed_at, record = record.created_at, None
    if record is not None:
        if record.fingerprint != fingerprint:
            raise Problem("idempotency-key-reused", f"the {HEADER} {key!r} was used for another request; "
                          "use a new key for a new request")
        if record.response is None:
            raise Problem("idempotency-key-in-use", f"the first request with {HEADER} {key!r} is still running; "
                          "retry shortly", headers={"Retry-After": "1"})
        return _replay(record.response)
    try:
        # The command's own record of the request is per claim, so a key reused after it expired is a new request.
        response = run(f"{scoped}@{claimed_at.isoformat()}")
    except BaseException:
        context.idempotency.release(scoped)
        raise
    if response.status_code >= 500:
        context.idempotency.release(scoped)
    else:
        context.idempotency.complete(scoped, StoredResponse(
            status=response.status_code, body=response.get_data(), content_type=response.content_type or "",
            location=response.headers.get("Location")))
    return response
