"""The WSGI application for production servers, built from the environment when the server calls the factory:

    OMS_DATABASE_URL=postgresql://oms@db/oms gunicorn --workers 4 'oms.entrypoints.wsgi:create_production_app()'

Each gunicorn worker calls the factory after it forks, so each has its own connection pool. The scheduled jobs do
not run here: run one `oms scheduler` beside the workers.
"""

from __future__ import annotations

from flask import Flask

from oms.entrypoints.http import create_app
from oms.entrypoints.runtime import Runtime
from oms.entrypoints.settings import Settings


def create_production_app(settings: Settings | None = None) -> Flask:
    runtime = Runtime.from_settings(settings, serving=True)
    return create_app(runtime.system, tokens=runtime.tokens, listings=runtime.listings)
