"""One log line per request (method, path, status, duration in ms, request id) and the X-Request-Id header.

A request keeps the X-Request-Id its client sent, if it is 1 to 128 letters, digits or `-_.:`; otherwise it gets a
new one. The id is returned in the response's X-Request-Id header and carried by every record logged while the
request is served (see `oms.entrypoints.logs`).
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, Response, g, request

from oms.entrypoints.logs import REQUEST_ID

HEADER = "X-Request-Id"
ACCEPTED_ID = re.compile(r"[A-Za-z0-9_.:-]{1,128}")

logger = logging.getLogger("oms.requests")


def _start() -> None:
    given = request.headers.get(HEADER, "")
    request_id = given if ACCEPTED_ID.fullmatch(given) else uuid.uuid4().hex
    g.oms_request_id = request_id
    g.oms_request_id_token = REQUEST_ID.set(request_id)
    g.oms_request_started = time.perf_counter()


def _finish(response: Response) -> Response:
    request_id: str = g.get("oms_request_id") or uuid.uuid4().hex
    started: float = g.get("oms_request_started") or time.perf_counter()
    duration_ms = round((time.perf_counter() - started) * 1000, 1)
    response.headers[HEADER] = request_id
    logger.info("%s %s %s %.1f ms", request.method, request.path, response.status_code, duration_ms,
                extra={"method": request.method, "path": request.path, "status": response.status_code,
                       "duration_ms": duration_ms, "request_id": request_id})
    return response


def _forget(error: BaseException | None) -> None:
    token = g.pop("oms_request_id_token", None)
    if token is not None:
        REQUEST_ID.reset(token)


def log_requests(app: Flask) -> None:
    """Log every request the app answers, once, after its response is made."""
    app.before_request(_start)
    app.after_request(_finish)
    app.teardown_request(_forget)
