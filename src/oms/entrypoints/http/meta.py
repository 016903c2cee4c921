"""Open endpoints: the health check and the OpenAPI document."""

from __future__ import annotations

from typing import Any

from oms.entrypoints.http import views as v
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import PREFIX, ApiBlueprint, Call

bp = ApiBlueprint("meta", __name__, tag="meta", prefix="")


@bp.operation("GET", "/healthz", summary="Whether the server answers", role=None, response=v.Health)
def health(call: Call) -> v.Health:
    return v.Health(status="ok")


@bp.operation("GET", f"{PREFIX}/openapi.json", summary="This document: OpenAPI 3.1", role=None,
              response=dict[str, Any])
def openapi(call: Call) -> dict[str, Any]:
    return api().openapi
