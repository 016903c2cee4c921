"""Helpers for testing code that uses the API: an app in memory with one token per role, and a client per token."""

from __future__ import annotations

from typing import Any

from attrs import define
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from oms.adapters.memory.access import InMemoryApiTokenStore
from oms.application.access.tokens import issue_token
from oms.application.service import OrderManagement
from oms.domain.access.tokens import Role
from oms.entrypoints.http.app import create_app
from oms.entrypoints.http.config import HttpSettings
from oms.entrypoints.http.endpoints import PREFIX


def app_with_tokens(system: OrderManagement | None = None, *, settings: HttpSettings | None = None,
                    **adapters: Any) -> tuple[Flask, dict[Role, str]]:
    """`create_app` with an in-memory token store holding one token per role (named "<role>-user"); returns the
    app and the secret of each role's token."""
    tokens = InMemoryApiTokenStore()
    app = create_app(system, tokens=tokens, settings=settings or HttpSettings(), **adapters)
    clock = app.extensions["oms"].clock
    return app, {role: issue_token(tokens, clock, name=f"{role}-user", role=role).secret for role in Role}


@define
class Caller:
    """A test client with one token (or none): `clerk.post("/sales-orders", json=...)`, paths under /api/v1."""

    client: FlaskClient
    secret: str | None

    def request(self, method: str, path: str, *, headers: dict[str, str] | None = None, **kwargs: Any) -> TestResponse:
        auth = {"Authorization": f"Bearer {self.secret}"} if self.secret else {}
        return self.client.open(PREFIX + path, method=method, headers={**auth, **(headers or {})}, **kwargs)

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> TestResponse:
        return self.request("POST", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> TestResponse:
        return self.request("PATCH", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> TestResponse:
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> TestResponse:
        return self.request("DELETE", path, **kwargs)
