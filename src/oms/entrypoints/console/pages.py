"""A read-only console page: the signed-in viewer's, its view read through the application, a refusal (an unknown
reference, a bad filter) shown as the error page with the API's status; and the day a page's filter names."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import render_template, request
from werkzeug.wrappers import Response

from oms.domain.shared.errors import DomainError, InvalidValue
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


def query_day(name: str) -> date | None:
    """The day (YYYY-MM-DD) the query parameter `name` gives, None when blank; anything else is refused naming it
    (read inside `viewer_page`'s `read`, the refusal is the error page)."""
    given = request.args.get(name, "").strip()
    try:
        return date.fromisoformat(given) if given else None
    except ValueError:
        raise InvalidValue(name, f"{given!r} is not a day (YYYY-MM-DD)") from None
