"""The links oms puts in its messages, made and checked with the server's secret: a recovery message's link that
restores its cart (the relay makes it, the shop front's restore endpoint checks it)."""

from __future__ import annotations

import functools
import logging
import os
import secrets
from collections.abc import Mapping

from oms.application.carts.restore_links import RestoreLinks
from oms.entrypoints.settings import Settings

logger = logging.getLogger("oms.links")


@functools.cache
def _process_secret() -> str:
    return secrets.token_urlsafe(32)


def restore_links(database_url: str | None, environ: Mapping[str, str] | None = None) -> RestoreLinks:
    """The links of the deployment: OMS_PUBLIC_URL, and the secret OMS_SECRET_KEY that the console signs its
    sessions with (a key derived from it signs the links), else the key kept beside the embedded SQLite file, else
    one made for this process (in memory: a link checked by another process, or after a restart, is refused)."""
    env = os.environ if environ is None else environ
    base = Settings.from_env(env).public_url
    given = env.get("OMS_SECRET_KEY", "").strip()
    kept = (database_url or "").startswith("sqlite:///") and ":memory:" not in (database_url or "")
    if given or kept:
        from oms.entrypoints.console.config import ConsoleSettings

        return RestoreLinks(base_url=base, secret=ConsoleSettings.from_env(env, database_url=database_url).secret_key)
    if database_url:
        logger.warning("OMS_SECRET_KEY is not set: the links of this process's messages work only while it runs")
    return RestoreLinks(base_url=base, secret=_process_secret())
