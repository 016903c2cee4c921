"""A long import through the installed `oms` beside a live `oms serve` on the same SQLite file: the API's reads
answer 200 all along, and its writes answer 2xx, or 503 with Retry-After when the lock stays held longer than they
wait; never a 500."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

OMS = shutil.which("oms", path=str(Path(sys.executable).parent)) or "oms"
ROWS = 40_000
ROUNDS = 20_000  # a bound on the requests sent while the import runs, whatever happens


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def environment(database: Path, **settings: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("OMS_")}
    return {**env, "OMS_DATABASE_URL": f"sqlite:///{database}", **settings}


def call(method: str, url: str, token: str, body: object | None = None) -> tuple[int, dict[str, str]]:
    """(status, headers) of a request to the live server."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        error.read()
        return error.code, dict(error.headers)


@contextmanager
def serving(tmp_path: Path, **settings: str) -> Iterator[tuple[str, Path]]:
    """`oms serve` on a fresh SQLite file, at 127.0.0.1; (its URL, the file)."""
    database, port = tmp_path / "oms.db", free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([OMS, "serve", "--no-scheduler", "--port", str(port)], cwd=tmp_path,
                               env=environment(database, **settings), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            assert process.poll() is None, f"oms serve exited with {process.returncode}"
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                    break
            except OSError:
                time.sleep(0.1)
        yield url, database
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    with serving(tmp_path) as found:
        yield found


def admin_token(database: Path, tmp_path: Path) -> str:
    return subprocess.run([OMS, "token", "create", "--role", "admin", "--name", "load"], env=environment(database),
                          cwd=tmp_path, capture_output=True, text=True, check=True, timeout=60).stdout.strip()


def test_a_long_import_runs_beside_api_calls_that_read_and_write_and_none_fails(
        server: tuple[str, Path], tmp_path: Path) -> None:
    url, database = server
    env = environment(database)
    token = admin_token(database, tmp_path)
    (tmp_path / "products.csv").write_text("sku,name,price,currency\n" + "".join(
        f"SKU-{i:06},Product number {i},{i % 500}.95,EUR\n" for i in range(ROWS)), encoding="utf-8")
    reads: list[int] = []
    writes: list[tuple[int, dict[str, str]]] = []

    importing = subprocess.Popen([OMS, "product", "import", "products.csv"], env=env, cwd=tmp_path,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for round_ in range(ROUNDS):
        if importing.poll() is not None:
            break
        reads.append(call("GET", f"{url}/api/v1/products?limit=5", token)[0])
        reads.append(call("GET", f"{url}/api/v1/customers", token)[0])
        if round_ % 4 == 0:
            writes.append(call("POST", f"{url}/api/v1/customers", token, {"code": f"C{round_}", "name": "Load"}))
    output, errors = importing.communicate(timeout=300)

    assert importing.returncode == 0, errors
    assert output == f"{ROWS} created, 0 updated, 0 unchanged products\n"
    assert reads, "no request was answered while the import ran"
    assert set(reads) == {200}
    assert all(200 <= status < 300 or (status == 503 and "Retry-After" in headers) for status, headers in writes), [
        status for status, _ in writes]
    assert call("GET", f"{url}/api/v1/products/SKU-{ROWS - 1:06}", token)[0] == 200


def test_while_another_process_holds_the_write_lock_the_api_reads_at_once_and_a_write_answers_503(
        tmp_path: Path) -> None:
    with serving(tmp_path, OMS_SQLITE_BUSY_TIMEOUT_MS="250") as (url, database):
        token = admin_token(database, tmp_path)
        holder = sqlite3.connect(database, isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")
            read = call("GET", f"{url}/api/v1/products", token)
            write = call("POST", f"{url}/api/v1/customers", token, {"code": "C1", "name": "Held"})
        finally:
            holder.rollback()
            holder.close()

    assert read[0] == 200
    assert (write[0], "Retry-After" in write[1]) == (503, True)
