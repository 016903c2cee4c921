"""Open endpoints (an index of links, the health (liveness) and readiness checks, the OpenAPI document) and the
maintenance actions an admin may run."""

from __future__ import annotations

import logging
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from attrs import frozen

from oms.application.shared.maintenance import ACTIONS
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import PREFIX, ApiBlueprint, Call
from oms.entrypoints.http.problems import Problem
from oms.entrypoints.readiness import one_line

logger = logging.getLogger(__name__)

bp = ApiBlueprint("meta", __name__, tag="meta", prefix="")
system = ApiBlueprint("system", __name__, tag="system")


@frozen(kw_only=True)
class Health:
    status: str


@frozen(kw_only=True)
class Readiness:
    """`database`: memory, sqlite or postgresql; `revision`: the migration it is at (none in memory)."""

    status: str
    database: str
    revision: str | None


@frozen(kw_only=True)
class Links:
    openapi: str
    docs: str
    health: str
    readiness: str


@frozen(kw_only=True)
class ApiIndex:
    name: str
    version: str
    links: Links


LINKS = Links(openapi=f"{PREFIX}/openapi.json", docs=f"{PREFIX}/docs", health="/healthz", readiness="/readyz")


@cache
def _version() -> str:
    try:
        return version("oms")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree that was never installed
        return "unknown"


def _index() -> ApiIndex:
    return ApiIndex(name="oms", version=_version(), links=LINKS)


@bp.operation("GET", PREFIX, summary="Where to start: links to this API's description and checks", role=None,
              response=ApiIndex)
def index(call: Call) -> ApiIndex:
    return _index()


@bp.operation("GET", f"{PREFIX}/", summary="The index again, for a URL written with a final slash", role=None,
              response=ApiIndex)
def index_with_slash(call: Call) -> ApiIndex:
    return _index()


@bp.operation("GET", "/healthz", summary="Whether the process answers (liveness; it does not ask the database)",
              role=None, response=Health)
def health(call: Call) -> Health:
    return Health(status="ok")


@bp.operation("GET", "/readyz", summary="Whether the database answers and is at the newest migration (readiness)",
              role=None, response=Readiness, errors=(503,))
def readiness(call: Call) -> Readiness:
    try:
        state = api().readiness()
    except Exception as error:
        logger.warning("not ready: the database does not answer: %s", one_line(error))
        raise Problem("not-ready", f"the database does not answer: {one_line(error)}") from None
    if state.problem is not None:
        logger.warning("not ready: %s", state.problem)
        raise Problem("not-ready", state.problem)
    return Readiness(status="ready", database=state.backend, revision=state.revision)


@bp.operation("GET", f"{PREFIX}/openapi.json", summary="This document: OpenAPI 3.1", role=None,
              response=dict[str, Any])
def openapi(call: Call) -> dict[str, Any]:
    return api().openapi


system.actions(ACTIONS)
