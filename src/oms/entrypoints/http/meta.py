"""Open endpoints (the health check and the OpenAPI document) and the maintenance actions an admin may run."""

from __future__ import annotations

from typing import Any

from attrs import frozen

from oms.application.shared.maintenance import ACTIONS
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import PREFIX, ApiBlueprint, Call

bp = ApiBlueprint("meta", __name__, tag="meta", prefix="")
system = ApiBlueprint("system", __name__, tag="system")


@frozen(kw_only=True)
class Health:
    status: str


@bp.operation("GET", "/healthz", summary="Whether the server answers", role=None, response=Health)
def health(call: Call) -> Health:
    return Health(status="ok")


@bp.operation("GET", f"{PREFIX}/openapi.json", summary="This document: OpenAPI 3.1", role=None,
              response=dict[str, Any])
def openapi(call: Call) -> dict[str, Any]:
    return api().openapi


system.actions(ACTIONS)
