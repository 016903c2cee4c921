"""The OpenAPI 3.1 document, generated from the declared operations and the classes the converter reads and writes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from oms.domain.access.tokens import Role, describe_roles
from oms.domain.event_types import EVENT_TYPES
from oms.entrypoints.event_schemas import envelope_schema, payload_schema, schema_name, summary
from oms.entrypoints.http.descriptions import PARAMETERS
from oms.entrypoints.http.endpoints import JSON, Operation, Rendered
from oms.entrypoints.http.examples import recorded_examples
from oms.entrypoints.http.idempotency import HEADER, KEY_PATTERN
from oms.entrypoints.http.problems import PROBLEM_MEDIA_TYPE, PROBLEMS, TYPE_PREFIX
from oms.entrypoints.http.query import is_array, resolved_fields, unwrap_optional
from oms.entrypoints.http.schemas import Schemas
from oms.entrypoints.json.identifiers import IDENTIFIER_PATTERN

DESCRIPTION = """The sales flow of oms: master data, stock, quotations and sales orders.

**Authentication.** Send an API token as `Authorization: Bearer <token>`; tokens are made and revoked with
`oms token create --role ROLE` and `oms token revoke`. Roles, each allowed what the roles before it are:
""" + describe_roles(lambda role: f"`{role}`") + """. `/api/v1` (an index of links), `/healthz` (the process
answers), `/readyz` (its database answers and is migrated) and this document are open.

**Values.** Money is `{"amount": "12.50", "currency": "EUR"}`; quantities, prices and rates are decimal strings
(a JSON number is refused); timestamps are ISO 8601 in UTC. Unknown members of a body are refused.

**Idempotency.** Every POST takes an optional `Idempotency-Key` (per token): the same key with the same request
replays the first response (status and body, with `Idempotent-Replayed: true`); with another request it is refused
(422); while the first request runs, another gets 409. Keys are kept for at least 24 hours.

**Errors** are `application/problem+json` (RFC 9457) with a stable `type` (`urn:oms:problem:...`), a `detail`, and
`errors` naming each offending body member (`pointer`), path or query `parameter` or `header`; a refusal by a
business rule names the `rule`. Path and query parameters, and the codes and ids in a body, must not hold control
characters.

**Events.** `webhooks` below lists every event type oms publishes: the signed body a subscribed URL receives (the
broker's messages carry the same), its payload's schema by type and version (`GoodsIssued.v1`), and the headers that
sign it. The same events, in order, are the feed `GET /api/v1/events`. See docs/events.md and docs/webhooks.md."""

ERRORS = {400: "Malformed JSON, path or query parameter, or header", 401: "No API token, or an unknown or revoked one",
          403: "The token's role may not do this", 404: "Something the request names does not exist",
          409: "Refused by a business rule or by the state of things", 413: "The body is too large",
          415: "The body is not application/json", 422: "Invalid fields, or an Idempotency-Key reused",
          500: "The server failed; nothing was changed",
          503: "Unavailable for now (the database is busy with another writer, or not ready): nothing was changed"}


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def _problem_schema() -> dict[str, Any]:
    culprit = {"type": "object", "required": ["detail"], "additionalProperties": False, "properties": {
        "detail": _text("What is wrong with it."),
        "pointer": _text("The body member, as a JSON Pointer (/lines/0/sku)."),
        "parameter": _text("The path or query parameter."), "header": _text("The header.")}}
    return {"type": "object", "required": ["type", "title", "status", "detail"], "additionalProperties": False,
            "properties": {
                "type": {"type": "string", "enum": [TYPE_PREFIX + slug for slug in PROBLEMS],
                         "description": "The kind of problem; stable, so clients may rely on it."},
                "title": _text("The kind of problem in words."),
                "status": {"type": "integer", "description": "The HTTP status."},
                "detail": _text("What went wrong this time, and what to do."),
                "instance": _text("The path that was asked."),
                "errors": {"type": "array", "items": culprit, "description": "Each offending input."},
                "rule": _text("The business rule that refused the request (CannotIssueMoreThanOrdered, ...)."),
                "total": {"type": "object", "required": ["amount", "currency"], "description": "A price-changed's "
                          "new total, to confirm (as `expected_total`) or not.", "properties": {
                              "amount": _text("The amount, a decimal string."),
                              "currency": _text("The currency, ISO 4217.")}}}}


def _error_statuses(op: Operation) -> list[int]:
    statuses = {400, 500, *op.errors}
    if op.role is not None:
        statuses |= {401, 403}
    if op.path_parameters or op.command is not None or op.query is not None:
        statuses.add(404)
    if op.command is not None:
        statuses |= {409, 422, 503}
    if op.takes_body:
        statuses |= {413, 415}
    return sorted(statuses)


def _parameters(op: Operation, schemas: Schemas) -> list[dict[str, Any]]:
    path = {"type": "string", "minLength": 1, "maxLength": 64, "pattern": IDENTIFIER_PATTERN}  # see `identifiers`
    found: list[dict[str, Any]] = [{"name": name, "in": "path", "required": True, "schema": dict(path),
                                    **_described(name)} for name in op.path_parameters]
    for field in resolved_fields(op.query) if op.query is not None else ():
        schema = schemas.of(unwrap_optional(field.type), output=False)
        if unwrap_optional(field.type) is str:  # no control character in any parameter (`identifiers`)
            schema = {**schema, "pattern": IDENTIFIER_PATTERN}
        found.append({"name": field.name, "in": "query", "required": field.default is attrs.NOTHING,
                      "schema": {**schema, **field.metadata.get("schema", {})}, **_described(field.name),
                      **({"style": "form", "explode": True} if is_array(field.type) else {})})
    for header in op.headers:
        found.append({"name": header, "in": "header", "required": False, "schema": {"type": "string"},
                      **_described(header)})
    if op.method == "POST" and op.role is not None:
        found.append({"name": HEADER, "in": "header", "required": False, "schema": {"type": "string",
                      "pattern": KEY_PATTERN}, "description": "Makes retries safe: see the introduction."})
    return found


def _described(parameter: str) -> dict[str, str]:
    meaning = PARAMETERS.get(parameter)
    return {} if meaning is None else {"description": meaning}


def _parameter_example(parameter: dict[str, Any], example: dict[str, Any]) -> dict[str, Any]:
    """The parameter with the value its operation's example gives it, typed as its schema says."""
    given = example.get(parameter["in"], {}).get(parameter["name"])
    if given is None:
        return parameter
    kind = parameter["schema"].get("type")
    value: object = given
    if kind == "integer":
        value = int(given)
    elif kind == "boolean":
        value = given == "true"
    elif kind == "array":
        value = [given]
    return {**parameter, "example": value}


def _content(op: Operation, schemas: Schemas) -> dict[str, Any]:
    if isinstance(op.response, Rendered):
        text = {"type": "string", **({"format": "binary"} if op.response.binary else {})}
        return {op.response.media_type: {"schema": text}}
    return {JSON: {"schema": schemas.of(op.response, output=True)}}


def _operation(op: Operation, schemas: Schemas, example: dict[str, Any]) -> dict[str, Any]:
    success: dict[str, Any] = {"description": "Done" if op.command is not None else "Found",
                               "content": _content(op, schemas)}
    if "response" in example and JSON in success["content"]:
        success["content"][JSON]["example"] = example["response"]
    if op.status == 201:
        success["headers"] = {"Location": {"schema": {"type": "string"}, "description": "Where it can be read"}}
    result: dict[str, Any] = {
        "operationId": op.name, "summary": op.summary, "tags": [op.tag],
        "responses": {str(op.status): success,
                      **{str(status): {"$ref": f"#/components/responses/{status}"} for status in _error_statuses(op)}},
    }
    if op.role is None:
        result["security"] = []
    else:
        result["description"] = f"Needs the `{op.role}` role or a higher one."
        result["x-required-role"] = op.role.value
    parameters = [_parameter_example(parameter, example) for parameter in _parameters(op, schemas)]
    if parameters:
        result["parameters"] = parameters
    if op.command is not None and op.takes_body:
        if op.body_field is not None:
            field_type = {f.name: f.type for f in resolved_fields(op.command)}[op.body_field]
            body = schemas.of(field_type, output=False)
        else:
            body = schemas.of_class(op.command, output=False, exclude=frozenset(op.server_fields),
                                    name=op.command.__name__ + "Request")
        required = _requires_body(schemas, body)
        result["requestBody"] = {"required": required, "content": {JSON: {"schema": body}}}
        if example.get("request") is not None:
            result["requestBody"]["content"][JSON]["example"] = example["request"]
    return result


def _requires_body(schemas: Schemas, body: dict[str, Any]) -> bool:
    name = body.get("$ref", "").removeprefix("#/components/schemas/")
    return bool(schemas.components.get(name, {}).get("required"))


WEBHOOK_HEADERS = {
    "Oms-Event-Id": ("The event's id (as `id` in the body).", {"type": "string"}),
    "Oms-Event-Type": ("The event's type (as `type` in the body).", {"type": "string"}),
    "Oms-Timestamp": ("When this attempt was signed, in Unix seconds; refuse old ones (replays).",
                      {"type": "string", "pattern": "^[0-9]+$"}),
    "Oms-Signature": ("`v1=` and the hex HMAC-SHA256 of `<Oms-Timestamp>.<body>` keyed with the subscription's "
                      "secret; compare in constant time.", {"type": "string", "pattern": "^v1=[0-9a-f]{64}$"}),
}


def _webhooks(components: dict[str, Any]) -> dict[str, Any]:
    """A webhook per event type: the POST a subscribed URL receives, its payload's schema put in `components`."""
    found: dict[str, Any] = {}
    for name, cls in sorted(EVENT_TYPES.items()):
        components[schema_name(cls)] = payload_schema(cls)
        data = {"$ref": f"#/components/schemas/{schema_name(cls)}"}
        found[name] = {"post": {
            "operationId": f"webhook{name}", "summary": f"{name} (version {cls.schema_version})",
            "description": summary(cls) or f"A {name} event.", "tags": ["events"], "security": [],
            "parameters": [{"name": header, "in": "header", "required": True, "description": text, "schema": schema}
                           for header, (text, schema) in WEBHOOK_HEADERS.items()],
            "requestBody": {"required": True, "content": {JSON: {"schema": envelope_schema(cls, data)}}},
            "responses": {"2XX": {"description": "Received. Any other answer (a redirect too) or none within 5 s "
                                                 "is a failed attempt, retried with backoff (docs/webhooks.md)."}}}}
    return found


def openapi_document(operations: Iterable[Operation]) -> dict[str, Any]:
    """The document of the given operations, each with its recorded example (see `examples`)."""
    schemas = Schemas()
    examples = recorded_examples()
    paths: dict[str, dict[str, Any]] = {}
    tags: list[str] = []
    for op in operations:
        paths.setdefault(op.openapi_path, {})[op.method.lower()] = _operation(op, schemas, examples.get(op.name, {}))
        tags += [] if op.tag in tags else [op.tag]
    problem = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    events: dict[str, Any] = {}
    webhooks = _webhooks(events)
    return {
        "openapi": "3.1.0",
        "info": {"title": "oms", "version": "1", "description": DESCRIPTION,
                 "license": {"name": "MIT", "identifier": "MIT"}},
        "tags": [{"name": tag} for tag in tags],
        "security": [{"apiToken": []}],
        "paths": paths,
        "webhooks": webhooks,
        "components": {
            "schemas": {**dict(sorted(schemas.components.items())), "Problem": _problem_schema(), **events},
            "responses": {str(status): {"description": text, "content": problem} for status, text in ERRORS.items()},
            "securitySchemes": {"apiToken": {"type": "http", "scheme": "bearer", "description": "An oms API token; "
                                             f"roles: {', '.join(role.value for role in Role)}."}},
        },
    }
