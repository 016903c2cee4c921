"""Live servers on a SQLite file with demo data and one admin token, for the tests that go over the wire: gunicorn
(the production entrypoint) and `oms serve` (waitress)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
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
        [str(BIN / "gunicorn"), "--config", "python:oms.entrypoints.gunicorn_conf", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--threads", "4",
         "--pythonpath", str(HERE), "live_app:create_live_app()"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, server, 30)
        yield LiveServer(url, secret)
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture(scope="module")
def live_oms_serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """`oms serve --demo` (waitress, no scheduler) on a SQLite file, with an admin token made by `oms token create`."""
    directory = tmp_path_factory.mktemp("serve")
    env = {**os.environ, "OMS_DATABASE_URL": f"sqlite:///{directory / 'oms.db'}"}
    secret = subprocess.run([str(BIN / "oms"), "token", "create", "--role", "admin", "--name", "live-test"],
                            env=env, cwd=directory, capture_output=True, text=True, timeout=120,
                            check=True).stdout.strip()
    with oms_serve_demo(directory, env) as url:
        yield LiveServer(url, secret)


@contextmanager
def oms_serve_demo(directory: Path, env: dict[str, str], port: int | None = None) -> Iterator[str]:
    """`oms serve --demo --no-scheduler` on `port` (a free one by default), run in `directory` with `env`: its URL
    once healthy; stopped at the end."""
    port = port or free_port()
    log = directory / "serve.log"  # a file, not a pipe: nobody reads the server's log while the tests run
    with log.open("wb") as sink:
        server = subprocess.Popen([str(BIN / "oms"), "serve", "--demo", "--no-scheduler", "--port", str(port)],
                                  env=env, cwd=directory, stdout=subprocess.DEVNULL, stderr=sink)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, server, 60, log)
        yield url
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture(params=["gunicorn", "waitress"])
def server(request: pytest.FixtureRequest) -> LiveServer:
    """gunicorn (the production entrypoint), then `oms serve` (waitress): a test using it runs on both."""
    found: LiveServer = request.getfixturevalue("live_server" if request.param == "gunicorn" else "live_oms_serve")
    return found


def wait_until_healthy(url: str, server: subprocess.Popen[bytes], seconds: float, log: Path | None = None) -> None:
    """Wait until the server answers /healthz; fail with what it printed if it dies or takes longer than `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1):
                return
        except OSError:
            assert server.poll() is None, printed(server, log)
            assert time.monotonic() < deadline, f"the server did not start within {seconds:.0f} s"
            time.sleep(0.2)


def printed(server: subprocess.Popen[bytes], log: Path | None) -> str:
    """What a dead server printed on stderr (to `log`, or to its pipe)."""
    if log is not None:
        return log.read_text(errors="replace")
    return server.stderr.read().decode(errors="replace") if server.stderr else "the server died"
