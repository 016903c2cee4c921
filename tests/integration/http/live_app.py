"""The app a live server runs in the integration tests: demo data, and one admin token whose secret the test gives.

gunicorn --pythonpath tests/integration/http 'live_app:create_live_app()' with OMS_TEST_ADMIN_SECRET set, and
OMS_TEST_DATABASE_URL set to serve from that database (system and tokens) instead of memory.
"""

from __future__ import annotations

import contextlib
import os

from flask import Flask

from oms.application.access.tokens import hash_secret
from oms.domain.access.tokens import ApiToken, Role
from oms.domain.shared.errors import AlreadyExists
from oms.entrypoints.demo import load_demo_data
from oms.entrypoints.http import create_app
from oms.entrypoints.runtime import Runtime
from oms.entrypoints.settings import Settings


def create_live_app() -> Flask:
    url = os.environ.get("OMS_TEST_DATABASE_URL", "")
    runtime = Runtime.from_settings(Settings(database_url=url, migrate_on_start=True)) if url else Runtime.in_memory()
    load_demo_data(runtime.system)
    with contextlib.suppress(AlreadyExists):  # another worker of the same server added it first
        runtime.tokens.add(ApiToken(id="live-test", name="live-test", role=Role.ADMIN,
                                    created_at=runtime.system.bus.clock.now(),
                                    token_hash=hash_secret(os.environ["OMS_TEST_ADMIN_SECRET"])))
    return create_app(runtime.system, tokens=runtime.tokens, listings=runtime.listings, readiness=runtime.probe)
