"""Idempotency-Key on POST: a retry gets the first answer again, and never does the work twice.

Semantics (docs/rules.md, "Idempotency keys"): the same key with the same request (method, path and body,
byte for byte) replays the first answer, status and body, with `Idempotent-Replayed: true`; the same key with
another request is refused (422); while the first request is still running, another with its key gets 409. Keys
are per API token and kept for the configured retention (24 hours at least).

The answer is recorded in the command's own transaction (see `MessageBus.answer`), so the work and the record of it
commit together or not at all: a worker that dies before answering either committed both, and a retry gets the
recorded answer, or neither, and a retry runs the request. A refusal by the domain (409, 422) is recorded too; a
request refused before its command runs (400, 401, 403, 413, 415, an invalid body) records nothing: sent again, it
is refused again.
"""

from __future__ import annotations

import hashlib
import re

from attrs import frozen
from flask import Response, request

from oms.application.shared.requests import Request
from oms.domain.access.tokens import ApiToken
from oms.entrypoints.http.config import api
from oms.entrypoints.http.problems import Culprit, Problem

HEADER = "Idempotency-Key"
KEY_PATTERN = r"^[!-~]{1,255}$"  # visible ASCII, as a UUID or any other client-made string


@frozen(kw_only=True)
class Answered:
    """An HTTP answer as it is recorded for a key and replayed, byte for byte."""

    status: int
    body: bytes
    content_type: str
    location: str | None = None

    def response(self, *, replayed: bool = False) -> Response:
        response = Response(self.body, status=self.status, content_type=self.content_type)
        if self.location is not None:
            response.headers["Location"] = self.location
        if replayed:
            response.headers["Idempotent-Replayed"] = "true"
        return response


def answered_by(response: Response) -> Answered:
    return Answered(status=response.status_code, body=response.get_data(), content_type=response.content_type or "",
                    location=response.headers.get("Location"))


def request_for(token: ApiToken, body: bytes) -> Request | None:
    """The request the bus handles once, from the request's Idempotency-Key (None without one): the key scoped to
    the caller's token, and a fingerprint of the method, path and body."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not re.fullmatch(KEY_PATTERN, key):
        raise Problem("malformed-request", f"{HEADER} must be 1 to 255 visible ASCII characters",
                      errors=[Culprit("must be 1 to 255 visible ASCII characters", header=HEADER)])
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(body)
    return Request(key=f"{token.id}:{key}", fingerprint=digest.hexdigest(),
                   retention=api().settings.idempotency_retention, wait=False)
