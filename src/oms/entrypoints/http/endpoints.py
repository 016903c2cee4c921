"""Declaring endpoints: reads (GET) with `ApiBlueprint.operation`, and every command from its action declaration
with `ApiBlueprint.actions`; each is described in the OpenAPI document from the same declaration, so the two cannot
drift apart.

Every request goes the same way: the caller's token and role (401, 403), the path parameters (400), the body's size
and type (413, 415), the Idempotency-Key (POST), the JSON (400), the query parameters (400), the command (422),
the domain's answer (404, 409, 422, 503) and the response, rendered by the one converter. A command's answer is
rendered inside its transaction, from the aggregates it holds, and recorded there under the request's key.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, TypeVar, cast

import attrs
from attrs import define, frozen
from flask import Blueprint, Response, request
from werkzeug.exceptions import RequestEntityTooLarge

from oms.application.service import OrderManagement
from oms.application.shared.actions import Action, answers_result
from oms.application.shared.commands import Command
from oms.domain.access.tokens import ApiToken, Role
from oms.domain.shared.errors import DomainError
from oms.entrypoints.http.auth import caller
from oms.entrypoints.http.config import api
from oms.entrypoints.http.idempotency import Answered, answered_by, request_for
from oms.entrypoints.http.identifiers import check_path
from oms.entrypoints.http.problems import Problem, problem_for
from oms.entrypoints.http.query import parse_query
from oms.entrypoints.json.converter import structure
from oms.entrypoints.json.field_errors import FieldError, InvalidBody
from oms.entrypoints.json.text import json_bytes

T = TypeVar("T")
PREFIX = "/api/v1"
JSON = "application/json"


@frozen(kw_only=True)
class Rendered:
    """What an operation answers that is not JSON: a document rendered as `media_type` (HTML, PDF)."""

    media_type: str
    binary: bool = False


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
    headers: Mapping[str, str] = attrs.field(factory=dict)  # request header -> the command field it fills

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
        return {*self.fills.values(), *self.headers.values(), "actor"}


@define
class Call:
    """What a read's view is given: the system, the caller's token, the URL variables and the query."""

    system: OrderManagement
    token: ApiToken | None
    args: dict[str, str]
    parameters: object | None = None

    def query(self, cls: type[T]) -> T:
        assert isinstance(self.parameters, cls), f"the endpoint declares no {cls.__name__}"
        return self.parameters


View = Callable[[Call], object]


class ApiBlueprint(Blueprint):
    """A blueprint whose endpoints are declared, and listed in `operations` for OpenAPI."""

    def __init__(self, name: str, import_name: str, tag: str, prefix: str = PREFIX) -> None:
        super().__init__(name, import_name, url_prefix=prefix or None)
        self.tag = tag
        self.prefix = prefix
        self.operations: list[Operation] = []

    def operation(self, method: str, rule: str, *, summary: str, role: Role | None, response: Any,
                  query: type[Any] | None = None, errors: tuple[int, ...] = (),
                  headers: Mapping[str, str] | None = None) -> Callable[[View], View]:
        """A read: `view(call)` answers with a view; `errors` are statuses it may answer besides the usual ones."""
        def declare(view: View) -> View:
            operation = Operation(name=view.__name__, method=method, rule=rule, summary=summary, tag=self.tag,
                                  role=role, response=response, query=query, prefix=self.prefix, errors=errors,
                                  headers=dict(headers or {}))
            self.operations.append(operation)
            self.add_url_rule(rule, view.__name__, partial(serve, operation, view), methods=[method],
                              provide_automatic_options=False)
            return view

        return declare

    def actions(self, actions: list[Action]) -> None:
        """A route for each declared action of this blueprint's resources."""
        for action in actions:
            operation = Operation(name=endpoint_name(action), method=action.method, rule=action.rule,
                                  summary=action.summary, tag=action.resource.tag, role=action.role,
                                  response=answer_type(action), status=action.status, command=action.command,
                                  fills=action.url_fields, body_field=action.body_field, prefix=self.prefix,
                                  headers=action.headers)
            self.operations.append(operation)
            self.add_url_rule(action.rule, operation.name, partial(perform, operation, action),
                              methods=[action.method], provide_automatic_options=False)


def endpoint_name(action: Action) -> str:
    """The operation id: `confirm_sales_order`, `create_product`, `add_quotation_line`, ..."""
    if action.operation is not None:
        return action.operation
    verb, _, rest = action.name.partition("-")
    noun = action.resource.name
    return f"{verb}_{noun}_{rest}".replace("-", "_") if rest else f"{verb}_{noun}"


def answer_type(action: Action) -> Any:
    """The type an action answers with, for its OpenAPI response schema."""
    if action.answer is answers_result:
        return _result_type(action.command)
    if action.answer is not None:
        return typing.get_type_hints(action.answer)["return"]
    target = action.creates or action.resource
    assert target.show is not None
    return typing.get_type_hints(target.show)["return"]


def _result_type(command: type[Any]) -> Any:
    for base in getattr(command, "__orig_bases__", ()):
        if typing.get_origin(base) is Command:
            return typing.get_args(base)[0]
        if isinstance(base, type):
            return _result_type(base)
    raise TypeError(f"{command.__name__} declares no result type")


def serve(operation: Operation, view: View, **args: str) -> Response:
    try:
        token = caller(operation.role) if operation.role is not None else None
        check_path(args, request.environ)
        call = Call(api().system, token, args, parameters=parse_query(operation.query))
        return _render(operation.status, view(call))
    except Exception as error:
        return problem_for(error).response()


def perform(operation: Operation, action: Action, **args: str) -> Response:
    """Run an action's command and answer: once per Idempotency-Key on POST, replaying the first answer."""
    by_field = {name: url_var for url_var, name in operation.fills.items()}
    try:
        token = caller(action.role)
        check_path(args, request.environ)
        body = _read_body(operation)
        request_key = request_for(token, body) if operation.method == "POST" else None
        parse_query(None)
        command = _command(operation, args, token, body)
        if action.prepare is not None:
            action.prepare(api().system, api().payments, command)
        fresh = []

        def respond(uow: Any, result: Any) -> Answered:
            fresh.append(True)
            return _answered(operation, action, action.respond(uow, command, result))

        def refusal(error: DomainError) -> Answered:
            return answered_by(problem_for(error, by_field, operation.body_field).response())

        answered = api().system.answer(command, respond, request=request_key, refusal=refusal)
        return answered.response(replayed=not fresh)
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


def _command(operation: Operation, args: dict[str, str], token: ApiToken | None, body: bytes) -> Command[Any]:
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
    filled |= _from_headers(operation)
    actor = {"actor": token.name} if token is not None else {}
    try:
        return cast(Command[Any], structure({**data, **filled, **actor}, cast(type[object], operation.command)))
    except InvalidBody as invalid:
        if operation.body_field is None:
            raise
        strip = (operation.body_field,)
        raise InvalidBody([FieldError(e.path[1:] if e.path[:1] == strip else e.path, e.detail)
                           for e in invalid.errors]) from None


def _from_headers(operation: Operation) -> dict[str, str]:
    """The command fields its headers fill; a header left out fills a field that must be given with nothing (a
    token left out finds nothing, as a wrong one)."""
    assert operation.command is not None
    required = {f.name for f in attrs.fields(operation.command) if f.default is attrs.NOTHING}
    found = {name: request.headers.get(header) for header, name in operation.headers.items()}
    return {name: value or "" for name, value in found.items() if value is not None or name in required}


def _answered(operation: Operation, action: Action, view: object) -> Answered:
    location = None
    if action.creates is not None:
        location = f"{PREFIX}{action.creates.path}/{action.creates.key(view)}"
    return Answered(status=operation.status, body=json_bytes(view), content_type=JSON,
                    location=location)


def _render(status: int, result: object) -> Response:
    if isinstance(result, Response):  # a document rendered already (an operation answering `Rendered`)
        return result
    return Response(json_bytes(result), status=status, mimetype=JSON)
