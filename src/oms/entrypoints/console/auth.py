"""Who is using the console: sign-in and sign-out, the user of each request, and the role a page or form needs.

The session (a cookie signed with the console's secret key, HttpOnly, SameSite=Lax, Secure when the request came
over TLS) holds the user's id and a fingerprint of their password: disabling the user or changing the password ends
every session at its next request. Sign-in is throttled twice: per user by the access context (a lockout after
repeated failures) and per client address (`Console.may_try_to_sign_in`).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Request, g, redirect, render_template, request, session, url_for
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from werkzeug.exceptions import Forbidden, TooManyRequests
from werkzeug.wrappers import Response

from oms.application.access.users import SignInRefused, password_fingerprint, sign_in
from oms.domain.access.tokens import Role
from oms.domain.access.users import User
from oms.domain.shared.errors import NotFound
from oms.entrypoints.console.config import console

CONSOLE = "/console"
SESSION_LIFETIME = timedelta(hours=12)  # a working day; signing in again the next morning


class TlsAwareSessions(SecureCookieSessionInterface):
    """Session cookies marked Secure whenever the request itself came over TLS (so a plain-HTTP development server
    still works, and a deployment behind TLS never sends the cookie in clear). Only the console has sessions: the
    API's requests (tokens, no cookies) get none, and pay nothing for reading or signing one."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if not request.path.startswith(CONSOLE):
            return self.null_session_class()
        return super().open_session(app, request)

    def get_cookie_secure(self, app: Flask) -> bool:
        current: Request = request
        return bool(current.is_secure or app.config.get("SESSION_COOKIE_SECURE"))


def configure_sessions(app: Flask, secret_key: str) -> None:
    app.secret_key = secret_key
    app.session_interface = TlsAwareSessions()
    app.config.update(SESSION_COOKIE_NAME="oms_session", SESSION_COOKIE_HTTPONLY=True,
                      SESSION_COOKIE_SAMESITE="Lax", PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME)


def current_user() -> User | None:
    """The signed-in user of this request, or None (never signed in, signed out, disabled, or password changed)."""
    if "user" not in g:
        g.user = _session_user()
    found: User | None = g.user
    return found


def _session_user() -> User | None:
    user_id = session.get("user")
    if not isinstance(user_id, str):
        return None
    try:
        user = console().users.get(user_id)
    except NotFound:
        user = None
    if user is None or not user.active or session.get("pw") != password_fingerprint(user):
        session.clear()
        return None
    return user


def actor() -> str:
    """Who is recorded in the audit trail for what this request does: the user's username."""
    user = current_user()
    assert user is not None, "a command sent without a signed-in user"
    return user.username


def can(role: Role) -> bool:
    """Whether the signed-in user may do what `role` may (templates hide what they may not)."""
    user = current_user()
    return user is not None and user.role.includes(role)


def require(role: Role = Role.VIEWER) -> User | Response:
    """The signed-in user if their role suffices; a redirect to sign in when nobody is; 403 when the role is short."""
    user = current_user()
    if user is None:
        return redirect(url_for("console.sign_in", next=request.full_path.rstrip("?")))
    if not user.role.includes(role):
        raise Forbidden(f"this needs the {role} role or a higher one; yours is {user.role}")
    return user


def _safe_next(target: str | None) -> str:
    """Where to go after signing in: only a page of this console (never another site: an open redirect)."""
    fallback = url_for("console.home")
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/console") or "\\" in target:
        return fallback
    return target


def sign_in_page() -> Any:
    """GET shows the form; POST signs in and goes on to `next`, or shows the form again with why it failed."""
    if request.method == "GET":
        return render_template("console/sign_in.html", next=request.args.get("next", ""), error=None)
    settings = console()
    if not settings.may_try_to_sign_in(request.remote_addr or "unknown"):
        raise TooManyRequests("too many sign-in attempts from this address; wait a minute and try again")
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    target = request.form.get("next", "")
    try:
        user = sign_in(settings.users, settings.passwords, _clock(), username, password)
    except SignInRefused as refused:
        return render_template("console/sign_in.html", next=target, error=refused.detail, username=username), 401
    session.clear()  # a fresh session on every sign-in: nothing set before it (a planted id) survives
    session.permanent = True
    session["user"] = user.id
    session["pw"] = password_fingerprint(user)
    return redirect(_safe_next(target))


def sign_out() -> Response:
    session.clear()
    return redirect(url_for("console.sign_in"))


def _clock() -> Any:
    from oms.entrypoints.http.config import api

    return api().clock
