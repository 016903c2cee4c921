"""The WSGI application for production servers, built from the environment when the server calls the factory:

    OMS_DATABASE_URL=postgresql://oms@db/oms gunicorn -c python:oms.entrypoints.gunicorn_conf \
        'oms.entrypoints.wsgi:create_production_app()'

(gunicorn_conf.py: a worker per core, four threads each, taking connections only with a free thread or while it
holds the fewest.)

Each gunicorn worker calls the factory after it forks, so each has its own connection pool. The scheduled jobs do
not run here: run one `oms scheduler` beside the workers. Logging is set up from OMS_LOG_LEVEL and OMS_LOG_FORMAT
(see `oms.entrypoints.logs`), so every line a worker logs carries time and level.

On a database that does not answer or is not at the newest migration, the factory logs one line that says to run
`oms db upgrade` and exits with status 4, which gunicorn takes for an application that cannot load: it stops,
instead of serving 500 for every call.
"""

from __future__ import annotations

import gc
import logging

from flask import Flask

from oms.entrypoints.http.app import app_of
from oms.entrypoints.logs import LogSettings, configure_logging
from oms.entrypoints.readiness import DatabaseNotReady
from oms.entrypoints.runtime import Runtime
from oms.entrypoints.settings import Settings

logger = logging.getLogger("oms.wsgi")

CANNOT_LOAD = 4  # gunicorn's exit status for "App failed to load": the arbiter stops instead of respawning


def create_production_app(settings: Settings | None = None) -> Flask:
    try:
        configure_logging()
    except ValueError as error:
        configure_logging(LogSettings())
        logger.critical("cannot start: %s", error)
        raise SystemExit(CANNOT_LOAD) from None
    runtime = Runtime.from_settings(settings, serving=True)
    try:
        runtime.require_ready()
    except DatabaseNotReady as error:
        logger.critical("cannot start: %s (database %s)", error, runtime.database)
        raise SystemExit(CANNOT_LOAD) from None
    try:
        app = app_of(runtime, shared=True)
    except ValueError as error:
        logger.critical("cannot start: %s", error)
        raise SystemExit(CANNOT_LOAD) from None
    # What start-up made lives as long as the worker: kept out of the garbage collector's full passes (see serve).
    gc.collect()
    gc.freeze()
    return app
