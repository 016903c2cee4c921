"""Tokens and roles on every endpoint: no token or a bad one gets 401, a role too low gets 403."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

import oms
from oms.adapters.memory.access import InMemoryApiTokenStore
from oms.application.access.tokens import authenticate, issue_token, revoke_token
from oms.domain.access.tokens import Role
from oms.entrypoints.http import create_app
from oms.entrypoints.http.testing import Caller


def operations() -> list[tuple[str, str, str]]:
    document = create_app().extensions["oms"].openapi
    return [(method.upper(), path, op.get("x-required-role", "")) for path, item in document["paths"].items()
            for method, op in item.items()]


def concrete(path: str) -> str:
    return re.sub(r"\{\w+\}", "X-1", path)


@pytest.mark.parametrize(("method", "path", "role"), [op for op in operations() if op[2]])
def test_every_protected_endpoint_refuses_a_request_without_a_token(refusing: tuple[FlaskClient, dict[Role, str]],
                                                                    method: str, path: str, role: str) -> None:
    client, _ = refusing

    response = client.open(concrete(path), method=method, json={})

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["type"] == "urn:oms:problem:unauthenticated"


@pytest.mark.parametrize(("method", "path", "role"), [op for op in operations() if op[2] not in ("", "viewer")])
def test_every_endpoint_refuses_the_role_just_below_the_one_it_needs(refusing: tuple[FlaskClient, dict[Role, str]],
                                                                     method: str, path: str, role: str) -> None:
    client, secrets = refusing
    below = list(Role)[list(Role).index(Role(role)) - 1]

    response = client.open(concrete(path), method=method, json={},
                           headers={"Authorization": f"Bearer {secrets[below]}"})

    assert response.status_code == 403
    assert role in response.get_json()["detail"]


def test_a_viewer_reads_but_cannot_create_an_order(viewer: Caller) -> None:
    read = viewer.get("/sales-orders")

    write = viewer.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER"})

    assert (read.status_code, write.status_code) == (200, 403)


def test_a_clerk_confirms_orders_but_only_a_manager_cancels_them(clerk: Caller, manager: Caller,
                                                                   draft_order: dict[str, Any]) -> None:
    number = draft_order["number"]

    confirmed = clerk.post(f"/sales-orders/{number}/confirm")
    refused = clerk.post(f"/sales-orders/{number}/cancel")
    cancelled = manager.post(f"/sales-orders/{number}/cancel")

    assert (confirmed.status_code, refused.status_code, cancelled.status_code) == (200, 403, 200)


def test_only_an_admin_creates_branches(manager: Caller, admin: Caller) -> None:
    body = {"code": "HAM", "name": "Hamburg", "currency": "EUR", "tax_jurisdiction": "DE"}

    refused = manager.post("/branches", json=body)
    created = admin.post("/branches", json=body)

    assert (refused.status_code, created.status_code) == (403, 201)


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer oms_not-a-token", "token"])
def test_a_malformed_or_unknown_token_gets_401(client: Any, header: str) -> None:
    response = client.get("/api/v1/products", headers={"Authorization": header})

    assert response.status_code == 401
    assert response.get_json()["type"] == "urn:oms:problem:unauthenticated"


def test_a_revoked_token_is_refused_at_once(app: Flask, tokens: InMemoryApiTokenStore, clock: oms.FixedClock) -> None:
    issued = issue_token(tokens, clock, name="integration", role="clerk")
    caller = Caller(app.test_client(), issued.secret)
    before = caller.get("/products")

    revoke_token(tokens, clock, issued.token.id)

    assert (before.status_code, caller.get("/products").status_code) == (200, 401)


def test_only_the_hash_of_a_token_is_stored_and_the_secret_authenticates(clock: oms.FixedClock) -> None:
    tokens = InMemoryApiTokenStore()

    issued = issue_token(tokens, clock, name="shop front", role=Role.CLERK)

    stored = tokens.get(issued.token.id)
    assert issued.secret not in repr(stored)
    assert len(stored.token_hash) == 64
    assert authenticate(tokens, issued.secret) is not None
    assert authenticate(tokens, issued.secret + "x") is None


def test_revoking_a_token_twice_is_refused_by_a_named_rule(clock: oms.FixedClock) -> None:
    tokens = InMemoryApiTokenStore()
    issued = issue_token(tokens, clock, name="shop front", role=Role.VIEWER)
    revoke_token(tokens, clock, issued.token.id)

    with pytest.raises(oms.BusinessRuleViolation) as refused:
        revoke_token(tokens, clock, issued.token.id)

    assert refused.value.rule == "ApiTokenMustBeActive"


def test_an_unknown_role_is_refused_when_issuing_a_token(clock: oms.FixedClock) -> None:
    with pytest.raises(oms.InvalidValue) as refused:
        issue_token(InMemoryApiTokenStore(), clock, name="x", role="root")

    assert refused.value.field == "role"


def test_the_actor_of_a_change_is_the_name_of_the_token(clerk: Caller, draft_order: dict[str, Any]) -> None:
    confirmed = clerk.post(f"/sales-orders/{draft_order['number']}/confirm").get_json()

    assert confirmed["history"][-1]["actor"] == "clerk-user"
