"""Errors as application/problem+json (RFC 9457): a stable `type` per kind of problem, and every offending field."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from attrs import frozen
from flask import Response, request
from werkzeug.exceptions import HTTPException

from oms.application.processes.cart_checkout import TotalChanged
from oms.domain.shared.errors import (
    AlreadyExists,
    BusinessRuleViolation,
    ConcurrencyConflict,
    InvalidValue,
    NotFound,
    StoreBusy,
)
from oms.entrypoints.json.field_errors import FieldError, InvalidBody, dotted_path
from oms.entrypoints.wording import did_you_mean
from oms.ports.shared.repositories import RequestInProgress, RequestKeyReused

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:oms:problem:"

# slug -> (status, title). The slugs are part of the API: clients may rely on them.
PROBLEMS: Mapping[str, tuple[int, str]] = {
    "malformed-request": (400, "The request is malformed"),
    "unauthenticated": (401, "An API token is required"),
    "forbidden": (403, "The token's role may not do this"),
    "not-found": (404, "Not found"),
    "method-not-allowed": (405, "Method not allowed"),
    "already-exists": (409, "It exists already"),
    "business-rule": (409, "Refused by a business rule"),
    "price-changed": (409, "The total changed: confirm the new one (`total`)"),
    "concurrent-update": (409, "Someone else changed it at the same time"),
    "idempotency-key-in-use": (409, "A request with this Idempotency-Key is still running"),
    "payload-too-large": (413, "The request body is too large"),
    "unsupported-media-type": (415, "The request body must be application/json"),
    "invalid-input": (422, "The request body has invalid fields"),
    "idempotency-key-reused": (422, "This Idempotency-Key was used for another request"),
    "internal-error": (500, "Internal error"),
    "unavailable": (503, "Busy: try again shortly"),
    "not-ready": (503, "Not ready to serve"),
}


@frozen
class Culprit:
    """One offending input: a body field (`pointer`, a JSON Pointer), a query parameter or a header."""

    detail: str
    pointer: str | None = None
    parameter: str | None = None
    header: str | None = None

    def as_json(self) -> dict[str, str]:
        members = {"detail": self.detail, "pointer": self.pointer, "parameter": self.parameter,
                   "header": self.header}
        return {name: value for name, value in members.items() if value is not None}


class Problem(Exception):
    """Raised anywhere in a request to answer with a problem document."""

    def __init__(self, slug: str, detail: str, *, errors: Sequence[Culprit] = (), rule: str | None = None,
                 headers: Mapping[str, str] | None = None, members: Mapping[str, Any] | None = None) -> None:
        super().__init__(detail)
        self.slug = slug
        self.status, self.title = PROBLEMS[slug]
        self.detail = detail
        self.errors = tuple(errors)
        self.rule = rule
        self.headers = dict(headers or {})
        self.members = dict(members or {})  # extension members of its kind (`total` of a price-changed)

    def as_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": TYPE_PREFIX + self.slug, "title": self.title, "status": self.status,
                                "detail": self.detail, "instance": request.path}
        if self.errors:
            body["errors"] = [culprit.as_json() for culprit in self.errors]
        if self.rule is not None:
            body["rule"] = self.rule
        return {**body, **self.members}

    def response(self) -> Response:
        return Response(json.dumps(self.as_json()), status=self.status, mimetype=PROBLEM_MEDIA_TYPE,
                        headers=self.headers)


def body_culprits(errors: Sequence[FieldError]) -> list[Culprit]:
    return [Culprit(error.detail, pointer=error.pointer) for error in errors]


def _root(field: str) -> str:
    return field.split(".")[0].split("[")[0]


def _pointer(field: str, strip: str | None) -> str:
    """The JSON Pointer to the body member a command's field (`lines[1].quantity`) came from; `strip` is the command
    field that holds the whole body."""
    path = dotted_path(field)
    if strip is not None and path[:1] == (strip,):
        path = path[1:]
    return FieldError(path, "").pointer


def invalid_value(error: InvalidValue, parameters: Mapping[str, str], strip: str | None = None) -> Problem:
    """A 422 for a value the domain refused, naming each input it is about (two that contradict each other are
    both named). `parameters` maps command fields filled from the URL to their parameter names."""
    culprits = [Culprit(error.detail, parameter=parameters[_root(field)]) if _root(field) in parameters
                else Culprit(error.detail, pointer=_pointer(field, strip)) for field in error.fields]
    return Problem("invalid-input", str(error), errors=culprits)


def not_found(error: NotFound, parameters: Mapping[str, str], strip: str | None = None) -> Problem:
    """What a missing thing answers: the URL names nothing (404) unless a member of the body named it (422 with the
    pointer to that member: the request's URL itself exists)."""
    if error.field is None or _root(error.field) in parameters:
        return Problem("not-found", f"{error}{did_you_mean(error.suggestions)}")
    detail = f"no {error.kind.replace('_', ' ')} {error.key!r}{did_you_mean(error.suggestions)}"
    return Problem("invalid-input", f"{error.field}: {detail}",
                   errors=[Culprit(detail, pointer=_pointer(error.field, strip))])


def problem_for(error: Exception, parameters: Mapping[str, str] = {}, strip: str | None = None) -> Problem:
    """The problem that answers an error raised while handling a request."""
    if isinstance(error, Problem):
        return error
    if isinstance(error, InvalidBody):
        return Problem("invalid-input", f"{len(error.errors)} invalid field(s): {error}",
                       errors=body_culprits(error.errors))
    if isinstance(error, InvalidValue):
        return invalid_value(error, parameters, strip)
    if isinstance(error, TotalChanged):
        return Problem("price-changed", error.detail, rule=error.rule, members={"total": {
            "amount": str(error.total), "currency": error.currency}})
    if isinstance(error, BusinessRuleViolation):
        return Problem("business-rule", error.detail, rule=error.rule)
    if isinstance(error, NotFound):
        return not_found(error, parameters, strip)
    if isinstance(error, AlreadyExists):
        return Problem("already-exists", str(error))
    if isinstance(error, RequestInProgress):
        return Problem("idempotency-key-in-use", f"{error}", headers={"Retry-After": "1"})
    if isinstance(error, RequestKeyReused):
        return Problem("idempotency-key-reused", f"{error}; use a new key for a new request")
    if isinstance(error, ConcurrencyConflict):
        return Problem("concurrent-update", "someone else changed it at the same time; retry the request")
    if isinstance(error, StoreBusy):
        return Problem("unavailable", str(error), headers={"Retry-After": "2"})
    logger.exception("unexpected error answering %s %s", request.method, request.path, exc_info=error)
    return Problem("internal-error", "the server failed to answer; the request changed nothing")


def http_problem(error: HTTPException) -> Response:
    """Flask's own errors (unknown URL, wrong method, body over the limit) as problem documents."""
    slugs = {404: "not-found", 405: "method-not-allowed", 413: "payload-too-large", 415: "unsupported-media-type"}
    status = error.code or 500
    slug = slugs.get(status, "malformed-request" if 400 <= status < 500 else "internal-error")
    allowed = getattr(error, "valid_methods", None) or ()
    headers = {"Allow": ", ".join(sorted(allowed))} if allowed else {}
    detail = {404: f"there is nothing at {request.path}"}.get(status, error.description or PROBLEMS[slug][1])
    return Problem(slug, detail, headers=headers).response()


def unexpected_problem(error: Exception) -> Response:
    return problem_for(error).response()
