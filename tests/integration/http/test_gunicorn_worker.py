"""oms's gunicorn configuration under a real gunicorn: a worker takes a new connection only while one of its threads
is free, so clients that connect at once are spread over the workers as their threads are, instead of crowding
the worker that woke first (whose clients then wait the longest, behind one interpreter lock)."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

import pytest

from benchmarks.loadgen import HttpConnection
from benchmarks.servers import GUNICORN_CONFIG, Server, free_port, running
from oms.entrypoints import gunicorn_conf

BIN = Path(sys.executable).parent
WORKERS, THREADS = 2, 3
HOLD_SECONDS = 1.0  # each request holds its thread this long

# A WSGI app whose requests hold their thread, and whose workers say they have started (one file each).
SLOW_APP = f"""
import os, pathlib, time
pathlib.Path(os.environ["STARTED_DIR"], str(os.getpid())).touch()

def app(environ, start_response):
    time.sleep({HOLD_SECONDS})
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]
"""


def test_the_configuration_runs_a_worker_per_core_with_the_balancing_worker() -> None:
    assert gunicorn_conf.worker_class == "oms.entrypoints.gunicorn_worker.BalancedThreadWorker"
    assert gunicorn_conf.workers == len(os.sched_getaffinity(0))
    assert gunicorn_conf.threads == 4


@pytest.mark.parametrize("clients", [WORKERS * THREADS, WORKERS * THREADS + 2])
def test_clients_connecting_at_once_are_spread_over_the_workers_as_their_threads_are(tmp_path: Path,
                                                                                     clients: int) -> None:
    spread = _spread(tmp_path, workers=WORKERS, threads=THREADS, clients=clients)

    assert sum(spread) == clients
    # Each worker took as many as it has threads at once; those beyond waited for the first thread to be free.
    assert min(spread) >= THREADS
    if clients == WORKERS * THREADS:
        assert spread == (THREADS,) * WORKERS


def test_with_every_thread_at_work_a_worker_still_takes_a_waiting_connection_within_moments(tmp_path: Path) -> None:
    """Two workers of one thread, three clients: the third connection is not left in the backlog until a request
    is over (a second here), it is taken within moments and waits for a thread there."""
    spread_while_held = _spread(tmp_path, workers=2, threads=1, clients=3, probe_after=HOLD_SECONDS / 3)

    assert sum(spread_while_held) == 3


def _spread(tmp_path: Path, *, workers: int, threads: int, clients: int,
            probe_after: float | None = None) -> tuple[int, ...]:
    """The slow app under oms's configuration; `clients` connections send a request each at once, every one is
    answered 200, and the answer is how the connections are spread over the workers: `probe_after` seconds after
    they were sent (the requests still held), or once every answer is in."""
    (tmp_path / "slow_app.py").write_text(SLOW_APP)
    started = tmp_path / "started"
    started.mkdir()
    port = free_port()
    command = [str(BIN / "gunicorn"), "--config", GUNICORN_CONFIG, "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--threads", str(threads), "--keep-alive", "30", "--no-control-socket",
               "--pythonpath", str(tmp_path), "slow_app:app"]
    with running("slow", command, port=port, env={"STARTED_DIR": str(started)}, log_dir=tmp_path) as server:
        deadline = time.monotonic() + 30
        while len(list(started.iterdir())) < workers and time.monotonic() < deadline:
            time.sleep(0.05)  # every worker in its loop, ready to take connections
        time.sleep(HOLD_SECONDS + 0.5)  # the health check's request is over
        return asyncio.run(_probe(server, clients, probe_after))


async def _probe(server: Server, clients: int, probe_after: float | None) -> tuple[int, ...]:
    connections = [HttpConnection("127.0.0.1", server.port) for _ in range(clients)]
    asked = [asyncio.ensure_future(connection.request("GET", "/")) for connection in connections]
    if probe_after is not None:
        await asyncio.sleep(probe_after)
    else:
        await asyncio.wait(asked)
    spread = server.connections_per_worker(
        [port for connection in connections if (port := connection.local_port()) is not None])
    assert [reply.status for reply in await asyncio.gather(*asked)] == [200] * clients
    for connection in connections:
        await connection.close()
    return spread
