"""A live gunicorn server on a SQLite file with demo data and one admin token, for the tests that go over the wire."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from attrs import frozen

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


@frozen
class LiveServer:
    url: str
    secret: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    port, secret = free_port(), "oms_live-test-secret"
    database = tmp_path_factory.mktemp("live") / "oms.db"
    env = {**os.environ, "OMS_TEST_ADMIN_SECRET": secret, "OMS_TEST_DATABASE_URL": f"sqlite:///{database}"}
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4",
         "--pythonpath", str(HERE), "live_app:create_live_app()"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=1):
                    break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else "server died"
                assert time.monotonic() < deadline, "the server did not start within 30 s"
                time.sleep(0.2)
        yield LiveServer(url, secret)
    finally:
        server.terminate()
        server.wait(10)
