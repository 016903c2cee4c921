"""Operating oms through the installed executable: `oms serve` logs JSON lines when told."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

OMS = shutil.which("oms", path=str(Path(sys.executable).parent)) or "oms"


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
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
        return response.status, dict(response.headers), json.loads(response.read())


def test_serve_logs_a_json_line_per_request_with_its_id(tmp_path: Path) -> None:
    port, log = free_port(), tmp_path / "stderr.log"
    env = environment(OMS_LOG_FORMAT="json", OMS_LOG_LEVEL="info")
    with log.open("wb") as stderr:
        process = subprocess.Popen([OMS, "serve", "--port", str(port), "--no-scheduler"], stdout=subprocess.DEVNULL,
                                   stderr=stderr, env=env, cwd=tmp_path)
    try:
        wait_for_line(process, log, "oms serving")
        ready = get(f"http://127.0.0.1:{port}/healthz", {"X-Request-Id": "probe-1"})
        index = get(f"http://127.0.0.1:{port}/api/v1/openapi.json")
        wait_for_line(process, log, '"path": "/api/v1/openapi.json"')
    finally:
        stop(process)

    records = [json.loads(line) for line in log.read_text().splitlines()]
    requests = [r for r in records if r["logger"] == "oms.requests"]
    assert ready[0] == 200
    assert ready[1]["X-Request-Id"] == "probe-1"
    assert index[0] == 200
    assert all({"time", "level", "logger", "message"} <= set(r) for r in records)
    assert [(r["method"], r["path"], r["status"], r["request_id"]) for r in requests] == [
        ("GET", "/healthz", 200, "probe-1"), ("GET", "/api/v1/openapi.json", 200, index[1]["X-Request-Id"])]
    assert all(r["level"] == "INFO" and isinstance(r["duration_ms"], float) for r in requests)
    assert any(r["message"].startswith("oms serving http://127.0.0.1:") for r in records)
