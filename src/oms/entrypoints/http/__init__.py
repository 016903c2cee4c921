"""The HTTP API (Flask): `create_app()` serves the sales flow under /api/v1, described at /api/v1/openapi.json."""

from oms.entrypoints.http.app import create_app
from oms.entrypoints.http.config import HttpSettings

__all__ = ["HttpSettings", "create_app"]
