"""A read-only console page: the signed-in viewer's, its view read through the application, a refusal (an unknown
reference, a bad filter) shown as the error page with the API's status."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import render_template
from werkzeug.wrappers import Response

from oms.domain.shared.errors import DomainError
from oms.entrypoints.console.auth import require
from oms.entrypoints.http.problems import problem_for


def viewer_page(template: str, read: Callable[[], Any], **context: Any) -> Any:
    """`template` rendered with `view=read()` and `context`, for any signed-in user."""
    user = require()
    if isinstance(user, Response):
        return user
    try:
        view = read()
    except DomainError as error:
        problem = problem_for(error)
        return render_template("console/error.html", title=problem.title, detail=problem.detail), problem.status
    return render_template(template, view=view, **context)
