"""The API documentation a person browses: Swagger UI at /api/v1/docs, served from the flask-swagger-ui package,
pointed at this API's OpenAPI document; nothing is fetched from another host."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from flask import Blueprint, Response, redirect, send_from_directory
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as WerkzeugResponse

from oms.entrypoints.http.endpoints import PREFIX

DOCS = f"{PREFIX}/docs"
VIEWER = Path(__file__).with_name("viewer")

bp = Blueprint("docs", __name__)


@cache
def swagger_ui() -> Path:
    """The directory of Swagger UI's files (swagger-ui-bundle.js, swagger-ui.css, ...) in the installed package."""
    return Path(str(files("flask_swagger_ui") / "dist"))


@bp.get(DOCS)
def page() -> Response:
    return send_from_directory(VIEWER, "index.html", mimetype="text/html", max_age=0)


@bp.get(f"{DOCS}/start.js")
def start() -> Response:
    return send_from_directory(VIEWER, "start.js", mimetype="text/javascript", max_age=0)


@bp.get(f"{DOCS}/static/<path:filename>")
def static_file(filename: str) -> Response:
    return send_from_directory(swagger_ui(), filename, max_age=24 * 3600)


@bp.get("/docs")
@bp.get("/redoc")
def elsewhere() -> WerkzeugResponse:
    """The addresses people guess (FastAPI's) lead to the documentation."""
    return redirect(DOCS)


@bp.errorhandler(HTTPException)
def plain_error(error: HTTPException) -> Response:
    """A page for people answers its errors in words, not as the API's problem documents."""
    return Response(f"{error.code} {error.name}\n", status=error.code or 500, mimetype="text/plain")
