"""Who is calling: the bearer token of each request, and whether its role may use the endpoint."""

from __future__ import annotations

from flask import request

from oms.application.access.tokens import authenticate
from oms.domain.access.tokens import ApiToken, Role
from oms.entrypoints.http.config import api
from oms.entrypoints.http.problems import Problem


def _unauthenticated(detail: str, error: str | None = None) -> Problem:
    challenge = 'Bearer realm="oms"' + (f', error="{error}"' if error else "")
    return Problem("unauthenticated", detail, headers={"WWW-Authenticate": challenge})


def caller(required: Role) -> ApiToken:
    """The token of the request, if it may do what `required` may; otherwise a 401 or 403 problem."""
    header = request.headers.get("Authorization")
    if not header:
        raise _unauthenticated("send an API token as 'Authorization: Bearer <token>'")
    scheme, _, secret = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise _unauthenticated("the Authorization header must be 'Bearer <token>'", "invalid_request")
    token = authenticate(api().tokens, secret.strip())
    if token is None:
        raise _unauthenticated("the API token is unknown or revoked", "invalid_token")
    if not token.permits(required):
        raise Problem("forbidden", f"this needs the {required} role or a higher one; the token's role is {token.role}")
    return token
