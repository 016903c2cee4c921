"""Logging of the oms processes, set up alike by `oms serve`, `oms scheduler` and the WSGI factory (gunicorn).

OMS_LOG_LEVEL: debug, info (the default), warning, error or critical. OMS_LOG_FORMAT: `text` (the default), one
line per record: time (UTC), level, logger, [request id] and message; or `json` for machines: one JSON object per line
with `time` (ISO 8601, UTC), `level`, `logger`, `message`, `request_id` and the record's own fields (a request's
line adds `method`, `path`, `status` and `duration_ms`). Records logged while a request is served carry its id
("-" otherwise). Every record goes to stderr through the root logger, so the lines of waitress, gunicorn's workers,
APScheduler and oms itself all carry time and level.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Mapping
from contextvars import ContextVar
from typing import TextIO

from attrs import frozen

REQUEST_ID: ContextVar[str] = ContextVar("oms_request_id", default="-")
LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR,
          "critical": logging.CRITICAL}
FORMATS = ("text", "json")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
HANDLER_NAME = "oms"
# Alembic's chatter each time oms reads the migrations or the database's revision (at start, and on every /readyz):
# a line per plugin, and which dialect it found; its lines about migrations it runs are kept. APScheduler's two lines
# per run of every job (the webhook delivery job runs every second); a job's failure is still logged as an error.
QUIETER = {"alembic.runtime.plugins": logging.WARNING, "apscheduler.executors.default": logging.WARNING}
CHATTER = {"alembic.runtime.migration": ("Context impl ", "Will assume ")}


@frozen(kw_only=True)
class LogSettings:
    level: int = logging.INFO
    format: str = "text"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> LogSettings:
        """OMS_LOG_LEVEL and OMS_LOG_FORMAT, where set; a ValueError names a value that is neither."""
        env = os.environ if environ is None else environ
        level = env.get("OMS_LOG_LEVEL", "").strip().lower() or "info"
        form = env.get("OMS_LOG_FORMAT", "").strip().lower() or "text"
        if level not in LEVELS:
            raise ValueError(f"OMS_LOG_LEVEL must be one of {', '.join(LEVELS)}, not {level!r}")
        if form not in FORMATS:
            raise ValueError(f"OMS_LOG_FORMAT must be one of {', '.join(FORMATS)}, not {form!r}")
        return cls(level=LEVELS[level], format=form)


class _WithoutChatter(logging.Filter):
    """Drops the records of a logger whose message starts with one of the `starts`."""

    def __init__(self, starts: tuple[str, ...]) -> None:
        super().__init__()
        self.starts = starts

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, str) and record.msg.startswith(self.starts))


class _WithRequestId(logging.Filter):
    """Gives every record the id of the request being served (or "-"), unless it names one itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = REQUEST_ID.get()
        return True


def _formatter(settings: LogSettings) -> logging.Formatter:
    if settings.format == "json":
        from pythonjsonlogger.json import JsonFormatter

        return JsonFormatter("{levelname}{name}{message}{request_id}", style="{", timestamp="time",
                             rename_fields={"levelname": "level", "name": "logger"}, json_ensure_ascii=False)
    text = logging.Formatter(TEXT_FORMAT)
    text.converter = time.gmtime  # times in UTC, written like 2026-03-02T09:30:00.123Z
    text.default_time_format = "%Y-%m-%dT%H:%M:%S"
    text.default_msec_format = "%s.%03dZ"
    return text


def configure_logging(settings: LogSettings | None = None, stream: TextIO | None = None) -> LogSettings:
    """Send every record at or above the level to `stream` (stderr) in the chosen format; calling it again replaces
    what an earlier call set up, and leaves any other handler alone."""
    settings = settings or LogSettings.from_env()
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(HANDLER_NAME)
    handler.addFilter(_WithRequestId())
    handler.setFormatter(_formatter(settings))
    root = logging.getLogger()
    for earlier in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(earlier)
    root.addHandler(handler)
    root.setLevel(settings.level)
    for name, level in QUIETER.items():
        logging.getLogger(name).setLevel(max(level, settings.level))
    for name, starts in CHATTER.items():
        chatty = logging.getLogger(name)
        for chatter in [f for f in chatty.filters if isinstance(f, _WithoutChatter)]:
            chatty.removeFilter(chatter)
        chatty.addFilter(_WithoutChatter(starts))
    return settings
