"""Declaring endpoints: method, path, role, command, query and response of each, used alike to serve it and to
describe it in the OpenAPI document, so the two cannot drift apart.

Every request goes the same way: the caller's token and role (401, 403), the body's size and type (413, 415), the
Idempotency-Key (POST), the JSON (400), the query parameters (400), the command (422), the view, the domain's
answer (404, 409, 422) and the response, rendered by the one converter.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, TypeVar, cast

import attrs
from attrs import define, frozen
from flask import Blueprint, Response, request
from werkzeug.exceptions import RequestEntityTooLarge

from oms.application.service import OrderManagement
from oms.application.shared.commands import Command
from oms.domain.access.tokens import ApiToken, Role
from oms.entrypoints.http.auth import caller
from oms.entrypoints.http.config import api
from oms.entrypoints.http.converter import structure, unstructure
from oms.entrypoints.http.field_errors import FieldError, InvalidBody
from oms.entrypoints.http.idempotency import idempotent
from oms.entrypoints.http.problems import Problem, problem_for
from oms.entrypoints.http.query import parse_query

T = TypeVar("T")
R = TypeVar("R")
PREFIX = "/api/v1"
JSON = "application/json"


@frozen(kw_only=True)
class Operation:
    """One endpoint. `fills` maps URL variables to the command fields they fill; `body_field` names the command
    field that takes the whole body (else the body's members are the command's fields)."""

    name: str
    method: str
    rule: str
    summary: str
    tag: str
    role: Role | None
    response: Any
    status: int = 200
    command: type[Any] | None = None
    fills: Mapping[str, str] = attrs.field(factory=dict)
    body_field: str | None = None
    query: type[Any] | None = None
    prefix: str = PREFIX
    errors: tuple[int, ...] = ()  # statuses it may answer besides those every endpoint of its kind may

    @property
    def path_parameters(self) -> list[str]:
        return re.findall(r"<(?:\w+:)?(\w+)>", self.rule)

    @property
    def openapi_path(self) -> str:
        return self.prefix + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", self.rule)

    @property
    def takes_body(self) -> bool:
        return self.method in ("POST", "PUT", "PATCH")

    @property
    def server_fields(self) -> set[str]:
        """Command fields the server fills (from the URL, and the actor from the token), never from the body."""
        return {*self.fills.values(), "actor"}


@frozen
class Reply:
    """A view's answer when it has a Location to tell; otherwise a view returns the body itself."""

    body: object
    location: str | None = None


@define
class Call:
    """What a view is given: the system, the caller's token, the URL variables, the command and the query."""

    system: OrderManagement
    token: ApiToken | None
    args: dict[str, str]
    structured: object | None = None
    parameters: object | None = None
    request_key: str | None = None  # the request's Idempotency-Key, scoped to the caller and its claim

    def handle(self, command: Command[R]) -> R:
        """Run the request's command: at most once per Idempotency-Key, whatever crashes in between."""
        return self.system.handle(command, self.request_key)

    def command(self, cls: type[T]) -> T:
        assert isinstance(self.structured, cls), f"the endpoint declares no {cls.__name__}"
        return self.structured

    def query(self, cls: type[T]) -> T:
        assert isinstance(self.parameters, cls), f"the endpoint declares no {cls.__name__}"
        return self.parameters


View = Callable[[Call], object]


class ApiBlueprint(Blueprint):
    """A blueprint whose endpoints are declared with `operation`, and listed in `operations` for OpenAPI."""

    def __init__(self, name: str, import_name: str, tag: str, prefix: str = PREFIX) -> None:
        super().__init__(name, import_name, url_prefix=prefix or None)
        self.tag = tag
        self.prefix = prefix
        self.operations: list[Operation] = []

    def operation(self, method: str, rule: str, *, summary: str, role: Role | None, response: Any, status: int = 200,
                  command: type[Any] | None = None, fills: Mapping[str, str] | None = None,
                  body_field: str | None = None, query: type[Any] | None = None,
                  errors: tuple[int, ...] = ()) -> Callable[[View], View]:
        def declare(view: View) -> View:
            operation = Operation(name=view.__name__, method=method, rule=rule, summary=summary, tag=self.tag,
                                  role=role, response=response, status=status, command=command,
                                  fills=dict(fills or {}), body_field=body_field, query=query, prefix=self.prefix,
                                  errors=errors)
            self.operations.append(operation)
            self.add_url_rule(rule, view.__name__, partial(serve, operation, view), methods=[method],
                              provide_automatic_options=False)
            return view

        return declare


def serve(operation: Operation, view: View, **args: str) -> Response:
    try:
        token = caller(operation.role) if operation.role is not None else None
        body = _read_body(operation)
        if operation.method == "POST" and token is not None:
            return idempotent(token, body, lambda key: _answer(operation, view, args, token, body, key))
        return _answer(operation, view, args, token, body, None)
    except Exception as error:
        return problem_for(error).response()


def _answer(operation: Operation, view: View, args: dict[str, str], token: ApiToken | None, body: bytes,
            request_key: str | None) -> Response:
    by_field = {name: url_var for url_var, name in operation.fills.items()}
    try:
        call = Call(api().system, token, args, parameters=parse_query(operation.query), request_key=request_key)
        if operation.command is not None:
            call.structured = _command(operation, args, token, body)
        return _render(operation, view(call))
    except Exception as error:
        return problem_for(error, by_field, operation.body_field).response()


def _read_body(operation: Operation) -> bytes:
    if not operation.takes_body:
        return b""
    limit = api().settings.max_body_bytes
    too_large = Problem("payload-too-large", f"the body must not exceed {limit} bytes")
    if request.content_length is not None and request.content_length > limit:
        raise too_large
    try:
        body = request.get_data(cache=True)
    except RequestEntityTooLarge:
        raise too_large from None
    if len(body) > limit:
        raise too_large
    if body and request.mimetype != JSON:
        raise Problem("unsupported-media-type", f"send the body as {JSON}, not {request.mimetype or 'untyped'}")
    return body


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _command(operation: Operation, args: dict[str, str], token: ApiToken | None, body: bytes) -> object:
    assert operation.command is not None
    try:
        data = json.loads(body, parse_constant=_refuse_constant) if body else {}
    except (ValueError, RecursionError) as error:
        raise Problem("malformed-request", f"the body is not valid JSON: {error}") from None
    if operation.body_field is not None:
        data = {operation.body_field: data}
    elif not isinstance(data, dict):
        raise InvalidBody([FieldError((), "must be a JSON object")])
    clashes = sorted(key for key in data if key in operation.server_fields)
    if clashes:
        raise InvalidBody([FieldError((key,), "is not a field here") for key in clashes])
    filled = {name: args[url_var] for url_var, name in operation.fills.items()}
    actor = {"actor": token.name} if token is not None else {}
    try:
        return structure({**data, **filled, **actor}, cast(type[object], operation.command))
    except InvalidBody as invalid:
        if operation.body_field is None:
            raise
        strip = (operation.body_field,)
        raise InvalidBody([FieldError(e.path[1:] if e.path[:1] == strip else e.path, e.detail)
                           for e in invalid.errors]) from None


def _render(operation: Operation, result: object) -> Response:
    reply = result if isinstance(result, Reply) else Reply(result)
    response = Response(json.dumps(unstructure(reply.body)), status=operation.status, mimetype=JSON)
    if reply.location is not None:
        response.headers["Location"] = reply.location
    return response
