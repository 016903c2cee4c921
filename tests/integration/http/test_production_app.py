"""The production factory under a real gunicorn: it refuses a database that is not migrated, and what its workers
log (a line per request, errors) carries time, level and the request's id."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from oms.adapters.sql import head_revision

from .conftest import BIN, free_port

FACTORY = "oms.entrypoints.wsgi:create_production_app()"
LINE = re.compile(r"(?P<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (?P<level>[A-Z]+) (?P<logger>\S+) "
                  r"\[(?P<request>\S+)\] (?P<message>.*)")


def environment(**settings: str) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if not k.startswith("OMS_")}, **settings}


def status_of(url: str, headers: dict[str, str] | None = None) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_gunicorn_refuses_to_start_on_a_database_that_is_not_migrated(tmp_path: Path) -> None:
    env = environment(OMS_DATABASE_URL=f"sqlite:///{tmp_path / 'oms.db'}", OMS_MIGRATE_ON_START="off")

    result = subprocess.run([str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{free_port()}", "--workers", "1", FACTORY],
                            capture_output=True, text=True, env=env, timeout=90)

    refusals = [m for m in map(LINE.fullmatch, result.stderr.splitlines()) if m and m["logger"] == "oms.wsgi"]
    assert result.returncode == 4, result.stderr
    assert [(m["level"], m["message"].split(" (database ")[0]) for m in refusals] == [
        ("CRITICAL", f"cannot start: the database is not migrated (this oms needs revision {head_revision()}): "
                     "run `oms db upgrade`")]
    assert "Traceback" not in result.stderr


def test_under_gunicorn_each_request_is_logged_and_an_error_carries_time_level_and_request_id(tmp_path: Path) -> None:
    database = tmp_path / "oms.db"
    env = environment(OMS_DATABASE_URL=f"sqlite:///{database}")
    subprocess.run([str(BIN / "oms"), "db", "upgrade"], env=env, check=True, capture_output=True, timeout=60)
    secret = subprocess.run([str(BIN / "oms"), "token", "create", "--role", "admin", "--name", "ops"], env=env,
                            check=True, capture_output=True, text=True, timeout=60).stdout.strip()
    auth = {"Authorization": f"Bearer {secret}"}
    port, log = free_port(), tmp_path / "gunicorn.log"
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as stderr:
        server = subprocess.Popen([str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "1", FACTORY],
                                  env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        deadline = time.monotonic() + 60
        while status_of_or_none(f"{url}/healthz") != 200:
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        listed = status_of(f"{url}/api/v1/sales-orders", {**auth, "X-Request-Id": "listed"})
        with sqlite3.connect(database) as connection:
            connection.execute("ALTER TABLE sales_orders RENAME TO sales_orders_gone")
        failed = status_of(f"{url}/api/v1/sales-orders", {**auth, "X-Request-Id": "failed"})
    finally:
        server.terminate()
        server.wait(30)

    lines = [m for m in map(LINE.fullmatch, log.read_text().splitlines()) if m]
    requests = [(m["level"], m["request"], m["message"].rsplit(" ", 2)[0]) for m in lines
                if m["logger"] == "oms.requests"]
    errors = [(m["level"], m["request"]) for m in lines if m["logger"] == "oms.entrypoints.http.problems"]
    assert (listed, failed) == (200, 500)
    assert ("INFO", "listed", "GET /api/v1/sales-orders 200") in requests
    assert ("INFO", "failed", "GET /api/v1/sales-orders 500") in requests
    assert errors == [("ERROR", "failed")]


def status_of_or_none(url: str) -> int | None:
    try:
        return status_of(url)
    except OSError:
        return None
