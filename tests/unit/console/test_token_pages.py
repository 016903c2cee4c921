"""API tokens in the console: for admins only; a new token's secret is shown once, never listed; revoking works."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from oms.domain.access.tokens import Role
from tests.unit.console.conftest import browser, text


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CLERK, Role.MANAGER])
def test_tokens_and_users_are_refused_below_admin(app: Flask, role: Role) -> None:
    someone = browser(app, role)

    assert someone.get("/console/tokens").status_code == 403
    assert someone.post("/console/tokens/new", {"name": "shop", "role": "clerk"}).status_code == 403
    assert someone.get("/console/users").status_code == 403
    assert app.extensions["oms"].tokens.list() == []


def test_an_admin_sees_a_new_tokens_secret_once_and_never_in_the_list(app: Flask) -> None:
    admin = browser(app, Role.ADMIN)

    created = admin.post("/console/tokens/new", {"name": "web shop", "role": "clerk"})
    secret = re.search(r"oms_[A-Za-z0-9_-]{20,}", text(created))
    listed = text(admin.get("/console/tokens"))

    assert created.status_code == 201
    assert created.headers["Cache-Control"] == "no-store"
    assert secret is not None
    assert "web shop" in listed
    assert "clerk" in listed
    assert secret.group(0) not in listed
    assert "oms_" not in listed


def test_a_token_without_a_name_is_refused_beside_the_name(app: Flask) -> None:
    admin = browser(app, Role.ADMIN)

    response = admin.post("/console/tokens/new", {"name": " ", "role": "clerk"})

    field = re.search(r'<label class="field invalid">.*?</label>', text(response), re.S)
    assert response.status_code == 422
    assert field is not None
    assert 'name="name"' in field.group(0)
    assert app.extensions["oms"].tokens.list() == []


def test_revoking_a_token_asks_first_and_then_revokes_it(app: Flask) -> None:
    admin = browser(app, Role.ADMIN)
    admin.post("/console/tokens/new", {"name": "web shop", "role": "clerk"})
    token = app.extensions["oms"].tokens.list()[0]

    confirm = admin.get(f"/console/tokens/{token.id}/revoke")
    still_active = app.extensions["oms"].tokens.get(token.id).active
    revoked = admin.post(f"/console/tokens/{token.id}/revoke")

    assert "Revoke the token of web shop" in text(confirm)
    assert still_active
    assert revoked.status_code == 302
    assert not app.extensions["oms"].tokens.get(token.id).active
    assert "Revoke…" not in text(admin.get("/console/tokens"))


def test_an_admin_sees_the_console_users(app: Flask) -> None:
    page = text(browser(app, Role.ADMIN).get("/console/users"))

    assert all(f"<td>{role.value}</td>" in page for role in Role)
