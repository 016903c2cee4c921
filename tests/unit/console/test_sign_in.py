"""Signing in and out of the console: sessions, cookies, throttling, and what ends a session."""

from __future__ import annotations

from flask import Flask, request
from flask.sessions import NullSession

import oms
from oms.adapters.memory.access import InMemoryUserStore
from oms.adapters.passwords import Argon2PasswordHasher
from oms.application.access.users import disable_user, set_password
from oms.domain.access.tokens import Role
from oms.entrypoints.console.config import ConsoleSettings
from oms.entrypoints.http.app import create_app
from oms.entrypoints.http.config import HttpSettings
from tests.unit.console.conftest import Browser, browser, text


def test_a_page_of_the_console_asks_whoever_is_not_signed_in_to_sign_in_first(app: Flask) -> None:
    response = Browser(app.test_client()).get("/console/sales-orders?status=draft")

    assert response.status_code == 302
    assert response.location.startswith("/console/sign-in?next=")
    assert "sales-orders" in response.location


def test_signing_in_leads_to_the_page_asked_for_and_names_the_user(app: Flask) -> None:
    client = Browser(app.test_client())
    client.get("/console/sign-in")

    response = client.post("/console/sign-in", {"username": "clerk", "password": "secret-clerk",
                                                "next": "/console/quotations"})

    assert response.status_code == 302
    assert response.location == "/console/quotations"
    assert "Clerk User" in text(client.get("/console/"))


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(app: Flask) -> None:
    client = Browser(app.test_client())

    wrong = client.sign_in("clerk", "not-the-password")
    unknown = client.sign_in("nobody", "whatever-it-is")

    assert wrong.status_code == unknown.status_code == 401
    assert "username or password is wrong" in text(wrong)
    assert "username or password is wrong" in text(unknown)


def test_signing_in_never_leads_to_another_site(app: Flask) -> None:
    client = Browser(app.test_client())
    client.get("/console/sign-in")

    response = client.post("/console/sign-in", {"username": "clerk", "password": "secret-clerk",
                                                "next": "https://evil.example/console"})

    assert response.location == "/console/"


def test_the_session_cookie_is_http_only_same_site_lax_and_secure_over_tls(app: Flask) -> None:
    plain = Browser(app.test_client())
    plain.get("/console/sign-in")
    tls = Browser(app.test_client())
    tls.get("/console/sign-in", base_url="https://localhost")

    over_http = plain.post("/console/sign-in", {"username": "clerk", "password": "secret-clerk"})
    over_tls = tls.post("/console/sign-in", {"username": "clerk", "password": "secret-clerk"},
                        base_url="https://localhost", headers={"Referer": "https://localhost/console/sign-in"})

    cookie = over_http.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie
    assert "Secure" in over_tls.headers["Set-Cookie"]


def test_the_api_sets_no_cookie(app: Flask) -> None:
    response = app.test_client().get("/api/v1")

    assert "Set-Cookie" not in response.headers


def test_signing_out_ends_the_session(clerk: Browser) -> None:
    clerk.get("/console/")

    clerk.post("/console/sign-out")

    assert clerk.get("/console/").status_code == 302


def test_disabling_a_user_or_changing_their_password_ends_their_sessions(
        app: Flask, users: InMemoryUserStore, clock: oms.FixedClock) -> None:
    disabled, changed = browser(app, Role.CLERK), browser(app, Role.MANAGER)

    disable_user(users, clock, "clerk")
    set_password(users, Argon2PasswordHasher.fast(), clock, "manager", "a-new-password")

    assert disabled.get("/console/").status_code == 302
    assert changed.get("/console/").status_code == 302


def test_sign_in_attempts_from_one_address_are_throttled(system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    app = create_app(system, users=InMemoryUserStore(), passwords=Argon2PasswordHasher.fast(),
                     settings=HttpSettings(), console=ConsoleSettings(secret_key="k", sign_in_limit="3 per minute"))
    client = Browser(app.test_client())

    answers = [client.sign_in("clerk", "wrong-password").status_code for _ in range(4)]

    assert answers == [401, 401, 401, 429]


def test_the_root_of_the_site_leads_to_the_console(app: Flask) -> None:
    assert app.test_client().get("/").location == "/console/"


def test_a_page_that_does_not_exist_is_a_page_in_the_console_and_a_problem_in_the_api(clerk: Browser) -> None:
    page = clerk.get("/console/no-such-page")
    problem = clerk.get("/api/v1/no-such-thing")

    assert page.status_code == problem.status_code == 404
    assert page.mimetype == "text/html"
    assert problem.mimetype == "application/problem+json"



def test_only_the_console_has_sessions_so_the_api_reads_and_signs_no_cookie(app: Flask) -> None:
    with app.test_request_context("/api/v1/quotations", headers={"Cookie": "oms_session=anything"}):
        api_session = app.session_interface.open_session(app, request)
    with app.test_request_context("/console/", headers={"Cookie": "oms_session=anything"}):
        console_session = app.session_interface.open_session(app, request)

    assert isinstance(api_session, NullSession)
    assert console_session is not None
    assert not isinstance(console_session, NullSession)
