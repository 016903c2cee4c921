"""The console in memory: the unit tests' catalogue, one user per role (password "secret-<role>"), and a browser-like
client that signs in and sends forms with the page's CSRF token."""

from __future__ import annotations

import re
from typing import Any

import pytest
from attrs import define
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

import oms
from oms.adapters.memory.access import InMemoryUserStore
from oms.adapters.passwords import Argon2PasswordHasher
from oms.application.access.users import create_user
from oms.domain.access.tokens import Role
from oms.entrypoints.console.config import ConsoleSettings
from oms.entrypoints.http.app import create_app
from oms.entrypoints.http.config import HttpSettings

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def users() -> InMemoryUserStore:
    return InMemoryUserStore()


@pytest.fixture
def app(system: oms.OrderManagement, users: InMemoryUserStore, clock: oms.FixedClock) -> Flask:
    hasher = Argon2PasswordHasher.fast()
    for role in Role:
        create_user(users, hasher, clock, username=role.value, name=f"{role.value.title()} User", role=role,
                    password=f"secret-{role.value}")
    return create_app(system, users=users, passwords=hasher, settings=HttpSettings(),
                      console=ConsoleSettings(secret_key="test-key", sign_in_limit="1000 per minute"))


@define
class Browser:
    """A client that keeps the session cookie and fills in the CSRF token of the last page it read."""

    client: FlaskClient
    token: str = ""

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        response = self.client.get(path, **kwargs)
        found = TOKEN.search(response.get_data(as_text=True)) if (response.mimetype or "").startswith("text/") else None
        if found:
            self.token = found.group(1)
        return response

    def post(self, path: str, data: dict[str, Any] | None = None, *, csrf: bool = True, **kwargs: Any
             ) -> TestResponse:
        if csrf and not self.token:
            self.get("/console/sign-in")
        form = {**({"csrf_token": self.token} if csrf else {}), **(data or {})}
        response = self.client.post(path, data=form, **kwargs)
        found = TOKEN.search(response.get_data(as_text=True))
        if found:
            self.token = found.group(1)
        elif response.status_code == 302:  # as a browser does: the page it leads to (with this session's token)
            self.get(response.location, base_url=kwargs.get("base_url"))
        return response

    def sign_in(self, username: str, password: str | None = None) -> TestResponse:
        self.get("/console/sign-in")
        return self.post("/console/sign-in", {"username": username, "password": password or f"secret-{username}"})


def browser(app: Flask, role: Role | None = Role.CLERK) -> Browser:
    client = Browser(app.test_client())
    if role is not None:
        assert client.sign_in(role.value).status_code == 302
    return client


@pytest.fixture
def clerk(app: Flask) -> Browser:
    return browser(app, Role.CLERK)


def text(response: TestResponse) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def plant(system: oms.OrderManagement) -> oms.OrderManagement:
    """The shared system with the TABLE of peers.md 2d (4 LEG, 1 TOP, 8 SCREW with 5 % scrap, half an hour at 30.00)
    and 50 LEG at 5.00, 8 TOP at 40.00 and 1,000 SCREW at 0.10 in BER-1."""
    for sku, cost, stock in (("LEG", "5.00", "50"), ("TOP", "40.00", "8"), ("SCREW", "0.10", "1000")):
        system.handle(oms.CreateProduct(sku=sku, name=f"Table {sku.lower()}", price="1.00", currency="EUR"))
        system.handle(oms.ReceiveStock(sku=sku, warehouse_code="BER-1", quantity=stock, unit_cost=cost))
    system.handle(oms.CreateProduct(sku="TABLE", name="Table", price="150.00", currency="EUR"))
    system.handle(oms.CreateBom(sku="TABLE", components=(
        oms.ComponentInput(sku="LEG", quantity="4"), oms.ComponentInput(sku="TOP", quantity="1"),
        oms.ComponentInput(sku="SCREW", quantity="8", scrap_percent="5")),
        operations=(oms.OperationInput(name="Assemble", hours="0.5", rate="30.00"),)))
    return system
