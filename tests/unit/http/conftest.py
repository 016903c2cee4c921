"""An app in memory with a fixed clock, a small catalogue and one token per role; every response the tests get is
checked against the OpenAPI document (documented status, media type and schema) and must not be a 500."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from werkzeug.test import TestResponse

import oms
from oms.adapters.memory.access import InMemoryApiTokenStore
from oms.application.access.tokens import issue_token
from oms.domain.access.tokens import Role
from oms.entrypoints.http import HttpSettings, create_app
from oms.entrypoints.http.testing import Caller, app_with_tokens

DOCUMENT_URI = "urn:oms:openapi"


class Document:
    """The document as a schema registry, and its operations by (method, path template regex)."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self.registry: Registry[Any] = Registry().with_resource(DOCUMENT_URI, resource)
        self.templates: list[tuple[re.Pattern[str], str]] = [
            (re.compile("^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(path)) + "$"), path)
            for path in document["paths"]]

    def template(self, path: str) -> str | None:
        for pattern, template in self.templates:
            if pattern.match(path):
                return template
        return None

    def validate(self, pointer: str, instance: object) -> list[str]:
        reference = {"$ref": DOCUMENT_URI + "#" + quote(pointer, safe="/~")}
        validator = Draft202012Validator(reference, registry=self.registry,
                                         format_checker=Draft202012Validator.FORMAT_CHECKER)
        return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
                for error in validator.iter_errors(instance)]


@cache
def _document(serialized: str) -> Document:
    return Document(json.loads(serialized))


_PARSED: dict[int, tuple[dict[str, Any], Document]] = {}  # by the document object an app serves: a few kept


def parsed(document: dict[str, Any]) -> Document:
    """The registry of an app's document, made once per document object (not once per response: the document is
    large, and serialising it for every response cost more than the request)."""
    found = _PARSED.get(id(document))
    if found is None or found[0] is not document:
        if len(_PARSED) >= 8:
            _PARSED.clear()
        found = _PARSED[id(document)] = (document, _document(json.dumps(document, sort_keys=True)))
    return found[1]


def escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


def check_response(document: dict[str, Any], response: TestResponse, allow_server_error: bool = False) -> None:
    """Raise AssertionError if the response is a 500 (unless allowed) or is not what the document says."""
    assert allow_server_error or response.status_code < 500, response.get_data(as_text=True)
    doc = parsed(document)
    method, path = response.request.method.lower(), response.request.path
    template = doc.template(path)
    operation = doc.document["paths"].get(template, {}).get(method) if template else None
    if operation is None:  # a URL or method the API does not have: still a problem document
        assert response.status_code in (404, 405), (method, path, response.status_code)
        pointer = "/components/schemas/Problem"
    else:
        status = str(response.status_code)
        assert status in operation["responses"], f"{method} {template} answered an undocumented {status}"
        pointer = f"/paths/{escape(template or '')}/{method}/responses/{status}"
        documented = operation["responses"][status]
        if "$ref" in documented:
            pointer = documented["$ref"].removeprefix("#")
            documented = doc.document["components"]["responses"][status]
        media_types = list(documented["content"])
        assert response.mimetype in media_types, f"{method} {template} {status}: {response.mimetype} not documented"
        pointer += f"/content/{escape(response.mimetype or '')}/schema"
    if method == "head" or (response.mimetype or "").startswith(("text/html", "application/pdf", "text/csv", "image/")):
        return  # a document: no JSON to check
    errors = doc.validate(pointer, json.loads(response.get_data()))
    assert not errors, f"{method} {path} {response.status_code} does not match the OpenAPI document: {errors}"


class ValidatingClient(FlaskClient):
    """A test client that checks every response against the app's OpenAPI document."""

    allow_server_error = False

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        response = super().open(*args, **kwargs)
        check_response(self.application.extensions["oms"].openapi, response, self.allow_server_error)
        return response


@pytest.fixture
def document_schemas(app: Flask) -> tuple[Document, Callable[[str], str]]:
    """The app's document as a schema registry (`validate(pointer, instance)`), and how a path goes in a pointer."""
    return _document(json.dumps(app.extensions["oms"].openapi, sort_keys=True)), escape


@pytest.fixture
def tokens() -> InMemoryApiTokenStore:
    return InMemoryApiTokenStore()


@pytest.fixture
def app(system: oms.OrderManagement, tokens: InMemoryApiTokenStore) -> Flask:
    app = create_app(system, tokens=tokens, settings=HttpSettings(max_body_bytes=64 * 1024))
    app.test_client_class = ValidatingClient
    return app


@pytest.fixture
def client_for() -> Callable[[Flask, bool], FlaskClient]:
    """A checking test client for another app; `True` lets it answer 500 (for the test that provokes one)."""
    def make(app: Flask, allow_server_error: bool) -> FlaskClient:
        client = ValidatingClient(app, app.response_class, use_cookies=False)
        client.allow_server_error = allow_server_error
        return client

    return make


@pytest.fixture
def client(app: Flask) -> Iterator[FlaskClient]:
    with app.test_client() as client:
        yield client


@pytest.fixture(scope="module")
def refusing() -> tuple[FlaskClient, dict[Role, str]]:
    """One checking client of an app in memory, and a token per role, shared by a module's tests of requests refused
    before anything is read or changed (401, 403): making an app per test cost more than its request."""
    app, secrets = app_with_tokens(settings=HttpSettings(max_body_bytes=64 * 1024))
    return ValidatingClient(app, app.response_class, use_cookies=False), secrets


@pytest.fixture
def secrets(tokens: InMemoryApiTokenStore, clock: oms.FixedClock) -> dict[Role, str]:
    """One token per role, named after it (the name is the actor in audit trails)."""
    return {role: issue_token(tokens, clock, name=f"{role}-user", role=role).secret for role in Role}


@pytest.fixture
def anonymous(client: FlaskClient) -> Caller:
    return Caller(client, None)


@pytest.fixture
def viewer(client: FlaskClient, secrets: dict[Role, str]) -> Caller:
    return Caller(client, secrets[Role.VIEWER])


@pytest.fixture
def clerk(client: FlaskClient, secrets: dict[Role, str]) -> Caller:
    return Caller(client, secrets[Role.CLERK])


@pytest.fixture
def manager(client: FlaskClient, secrets: dict[Role, str]) -> Caller:
    return Caller(client, secrets[Role.MANAGER])


@pytest.fixture
def admin(client: FlaskClient, secrets: dict[Role, str]) -> Caller:
    return Caller(client, secrets[Role.ADMIN])


@pytest.fixture
def draft_order(clerk: Caller) -> dict[str, Any]:
    """A draft order of ACME at BER: 7 DESK and 1 FIT (a service)."""
    response = clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER", "lines": [
        {"sku": "DESK", "quantity": "7"}, {"sku": "FIT", "quantity": "1"}]})
    assert response.status_code == 201, response.get_json()
    order: dict[str, Any] = response.get_json()
    return order
