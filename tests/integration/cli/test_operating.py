"""Operating oms through the installed executable: `oms serve` and `oms scheduler` refuse a database that is not
migrated and never print its password, and the embedded SQLite default migrates itself and logs JSON when told."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from oms.adapters.sql import head_revision

OMS = shutil.which("oms", path=str(Path(sys.executable).parent)) or "oms"
UPGRADE = "run `oms db upgrade`"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def environment(**settings: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("OMS_")}
    return {**env, **settings}


def wait_for_line(process: subprocess.Popen[bytes], log: Path, needle: str, seconds: float = 60) -> str:
    """The first line of the log that contains `needle`, once the process wrote it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for line in log.read_text(errors="replace").splitlines():
            if needle in line:
                return line
        assert process.poll() is None, f"the process ended ({process.returncode}): {log.read_text()}"
        time.sleep(0.1)
    raise AssertionError(f"no line with {needle!r} within {seconds} s: {log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], object]:
    """GET, waiting (up to 10 s) for a server that said it serves but does not listen yet."""
    for _ in range(100):
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
                return response.status, dict(response.headers), json.loads(response.read())
        except urllib.error.URLError as error:
            if not isinstance(error.reason, ConnectionRefusedError):
                raise
            time.sleep(0.1)
    raise AssertionError(f"nothing listens at {url}")


def with_password(url: str, password: str) -> str:
    """The URL with a password in it (the test server trusts local connections, so any password will do)."""
    return make_url(url).set(password=password).render_as_string(hide_password=False)


COMMANDS = [pytest.param(["serve", "--no-scheduler", "--port", "8999"], id="serve"),
            pytest.param(["scheduler"], id="scheduler")]


@pytest.mark.parametrize("command", COMMANDS)
def test_serve_and_the_scheduler_refuse_a_sqlite_file_that_is_not_migrated(tmp_path: Path,
                                                                            command: list[str]) -> None:
    url = f"sqlite:///{tmp_path / 'oms.db'}"
    env = environment(OMS_DATABASE_URL=url, OMS_MIGRATE_ON_START="off")

    result = subprocess.run([OMS, *command], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)

    assert result.returncode == 1
    assert result.stderr == (f"Error: the database is not migrated (this oms needs revision {head_revision()}): "
                             f"{UPGRADE} (database {url})\n")


@pytest.mark.postgres
@pytest.mark.parametrize("command", COMMANDS)
def test_serve_and_the_scheduler_refuse_a_postgresql_database_that_is_not_migrated_without_showing_its_password(
        unmigrated_postgres_url: str, tmp_path: Path, command: list[str]) -> None:
    url = with_password(unmigrated_postgres_url, "s3cret-pw")

    result = subprocess.run([OMS, *command], capture_output=True, text=True, env=environment(OMS_DATABASE_URL=url),
                            cwd=tmp_path, timeout=60)

    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert f"Error: the database is not migrated (this oms needs revision {head_revision()}): {UPGRADE}" in (
        result.stderr)
    assert "s3cret-pw" not in result.stderr
    assert ":***@" in result.stderr


@pytest.mark.postgres
@pytest.mark.parametrize(("command", "started"), [
    (["serve", "--no-scheduler", "--port", "{port}"], "oms serving http://127.0.0.1:"),
    (["scheduler"], "oms scheduler on postgresql"),
])
def test_serve_and_the_scheduler_print_their_database_without_its_password(
        postgres_url: str, tmp_path: Path, command: list[str], started: str) -> None:
    url = with_password(postgres_url, "s3cret-pw")
    log = tmp_path / "stderr.log"
    args = [arg.format(port=free_port()) for arg in command]
    with log.open("wb") as stderr:
        process = subprocess.Popen([OMS, *args], stdout=subprocess.DEVNULL, stderr=stderr,
                                   env=environment(OMS_DATABASE_URL=url), cwd=tmp_path)
    try:
        line = wait_for_line(process, log, started)
    finally:
        stop(process)

    assert "s3cret-pw" not in log.read_text()
    assert make_url(url).render_as_string(hide_password=True) in line


def test_serve_on_the_embedded_default_migrates_itself_answers_ready_and_logs_json_lines(tmp_path: Path) -> None:
    port, log = free_port(), tmp_path / "stderr.log"
    env = environment(OMS_LOG_FORMAT="json", OMS_LOG_LEVEL="info")
    with log.open("wb") as stderr:
        process = subprocess.Popen([OMS, "serve", "--port", str(port), "--no-scheduler"], stdout=subprocess.DEVNULL,
                                   stderr=stderr, env=env, cwd=tmp_path)
    try:
        wait_for_line(process, log, "oms serving")
        ready = get(f"http://127.0.0.1:{port}/readyz", {"X-Request-Id": "probe-1"})
        index = get(f"http://127.0.0.1:{port}/api/v1")
        wait_for_line(process, log, '"path": "/api/v1"')
    finally:
        stop(process)

    records = [json.loads(line) for line in log.read_text().splitlines()]
    requests = [r for r in records if r["logger"] == "oms.requests"]
    assert (tmp_path / "oms.db").exists()
    assert ready[0] == 200
    assert ready[1]["X-Request-Id"] == "probe-1"
    assert ready[2] == {"status": "ready", "database": "sqlite", "revision": head_revision()}
    assert index[0] == 200
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
    assert [(r["method"], r["path"], r["status"], r["request_id"]) for r in requests] == [
        ("GET", "/readyz", 200, "probe-1"), ("GET", "/api/v1", 200, index[1]["X-Request-Id"])]
    assert all(r["level"] == "INFO" and isinstance(r["duration_ms"], float) for r in requests)
    assert any(r["message"].startswith("oms serving http://127.0.0.1:") for r in records)
