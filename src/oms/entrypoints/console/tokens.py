"""API tokens and console users, for admins: tokens listed (never their secrets), created with the secret shown on
the next page only, revoked after a confirmation; users listed (they are kept with `oms user`)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from oms.application.access.tokens import issue_token, revoke_token
from oms.domain.access.tokens import Role
from oms.domain.shared.errors import DomainError, InvalidValue
from oms.entrypoints.console.auth import require
from oms.entrypoints.console.config import console
from oms.entrypoints.http.config import api
from oms.entrypoints.http.problems import problem_for

ADMIN = Role.ADMIN


def token_list() -> Any:
    user = require(ADMIN)
    if isinstance(user, Response):
        return user
    return render_template("console/tokens.html", tokens=api().tokens.list(), roles=list(Role))


def create_token() -> Any:
    """GET shows the form; POST creates the token and shows its secret in the answer, which is never stored."""
    user = require(ADMIN)
    if isinstance(user, Response):
        return user
    values = {name: request.values.get(name, "").strip() for name in ("name", "role")}
    if request.method == "GET":
        return render_template("console/token_form.html", values=values, errors={}, roles=list(Role))
    try:
        issued = issue_token(api().tokens, api().clock, name=values["name"], role=values["role"])
    except InvalidValue as refused:
        return render_template("console/token_form.html", values=values, errors={refused.field: refused.detail},
                               roles=list(Role)), 422
    page = render_template("console/token_secret.html", token=issued.token, secret=issued.secret)
    return page, 201, {"Cache-Control": "no-store"}  # the secret must not stay in any cache


def revoke(token_id: str) -> Any:
    """GET asks to confirm; POST revokes: the next request that presents the token is refused."""
    user = require(ADMIN)
    if isinstance(user, Response):
        return user
    try:
        token = api().tokens.get(token_id)
        if request.method == "GET":
            return render_template("console/token_revoke.html", token=token)
        revoked = revoke_token(api().tokens, api().clock, token_id)
    except DomainError as refused:
        problem = problem_for(refused)
        return render_template("console/error.html", title=problem.title, detail=problem.detail), problem.status
    flash(f"Token {revoked.name} revoked", "done")
    return redirect(url_for("console.tokens"))


def user_list() -> Any:
    user = require(ADMIN)
    if isinstance(user, Response):
        return user
    return render_template("console/users.html", users=sorted(console().users.list(), key=lambda u: u.username))


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/tokens", "tokens", token_list)
    bp.add_url_rule("/tokens/new", "create_token", create_token, methods=["GET", "POST"])
    bp.add_url_rule("/tokens/<token_id>/revoke", "revoke_token", revoke, methods=["GET", "POST"])
    bp.add_url_rule("/users", "users", user_list)
