"""oms's gunicorn configuration under a real gunicorn: a worker takes a new connection only while one of its threads
is free or while it holds the fewest connections, so clients are spread over the workers evenly, instead of crowding
the worker that woke first (whose clients then wait the longest, behind one interpreter lock)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from benchmarks.loadgen import HttpConnection
from benchmarks.servers import GUNICORN_CONFIG, Server, free_port, running
from oms.entrypoints import gunicorn_conf
from oms.entrypoints.gunicorn_board import seat_worker, unseat_worker

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


def test_the_configuration_runs_a_worker_per_core_with_the_balancing_worker_seated_on_the_board() -> None:
    assert gunicorn_conf.worker_class == "oms.entrypoints.gunicorn_worker.BalancedThreadWorker"
    assert gunicorn_conf.workers == gunicorn_conf.worker_count(os.environ)  # a worker per core unless WEB_CONCURRENCY
    assert gunicorn_conf.pre_fork is seat_worker
    assert gunicorn_conf.child_exit is unseat_worker
    assert gunicorn_conf.threads == 4


@pytest.mark.parametrize("clients", [WORKERS * THREADS, WORKERS * THREADS + 2])
def test_clients_connecting_at_once_are_spread_over_the_workers_as_their_threads_are(tmp_path: Path,
                                                                                     clients: int) -> None:
    spread = _spread(tmp_path, workers=WORKERS, threads=THREADS, waves=[clients])

    assert sum(spread) == clients
    # Each worker took as many as it has threads at once; those beyond waited for the first thread to be free.
    assert min(spread) >= THREADS
    if clients == WORKERS * THREADS:
        assert spread == (THREADS,) * WORKERS


def test_with_every_thread_at_work_a_worker_still_takes_a_waiting_connection_within_moments(tmp_path: Path) -> None:
    """Two workers of one thread, three clients: the third connection is not left in the backlog until a request
    is over (a second here), it is taken within moments and waits for a thread there."""
    spread_while_held = _spread(tmp_path, workers=2, threads=1, waves=[3], probe_after=HOLD_SECONDS / 3)

    assert sum(spread_while_held) == 3


@pytest.mark.parametrize("attempt", range(4))
def test_with_every_thread_at_work_the_worker_holding_fewer_connections_takes_the_next(tmp_path: Path,
                                                                                       attempt: int) -> None:
    """Two workers of one thread, three clients held there (2/1), then a fourth: it goes to the worker holding
    one, whichever worker wakes first (a race the timer alone loses about half the time)."""
    spread = _spread(tmp_path, workers=2, threads=1, waves=[3, 1])

    assert spread == (2, 2)


def test_a_worker_stopped_for_good_leaves_no_count_behind(tmp_path: Path) -> None:
    """Two workers of one thread, one of them stopped (gunicorn's TTOU): its count leaves the board with it, so
    the worker left, its thread at work, still takes the next connection within moments (with the count left
    behind it would wait for its thread to be free, a second here)."""
    spread_while_held = _spread(tmp_path, workers=2, threads=1, waves=[2], probe_after=HOLD_SECONDS / 3,
                                stop_a_worker_first=True)

    assert spread_while_held == (2,)


def _spread(tmp_path: Path, *, workers: int, threads: int, waves: Sequence[int], probe_after: float | None = None,
            stop_a_worker_first: bool = False) -> tuple[int, ...]:
    """The slow app under oms's configuration; clients connect in `waves` (a third of a request's hold apart,
    the requests of the earlier ones still held), each sends a request, every one is answered 200, and the answer
    is how the connections are spread over the workers: `probe_after` seconds after the last wave was sent, or once
    every answer is in. `stop_a_worker_first`: the master is told to run one worker fewer, and its stop awaited."""
    (tmp_path / "slow_app.py").write_text(SLOW_APP)
    started = tmp_path / "started"
    started.mkdir()
    port = free_port()
    command = [str(BIN / "gunicorn"), "--config", GUNICORN_CONFIG, "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--threads", str(threads), "--keep-alive", "30", "--no-control-socket",
               "--pythonpath", str(tmp_path), "slow_app:app"]
    with running("slow", command, port=port, env={"STARTED_DIR": str(started)}, log_dir=tmp_path) as server:
        _await_started(started, workers)
        if stop_a_worker_first:
            os.kill(server.process.pid, signal.SIGTTOU)
            deadline = time.monotonic() + 30
            while len(server.worker_pids()) >= workers and time.monotonic() < deadline:
                time.sleep(0.05)
            assert len(server.worker_pids()) == workers - 1, "the master did not stop a worker within 30 s"
        time.sleep(HOLD_SECONDS + 0.5)  # the health check's request is over
        return asyncio.run(_probe(server, waves, probe_after))


def _await_started(started: Path, workers: int) -> None:
    """Until `workers` workers have started (each in its loop, ready to take connections)."""
    deadline = time.monotonic() + 30
    while len(list(started.iterdir())) < workers and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(list(started.iterdir())) >= workers, "the workers did not start within 30 s"


async def _probe(server: Server, waves: Sequence[int], probe_after: float | None) -> tuple[int, ...]:
    connections: list[HttpConnection] = []
    asked: list[asyncio.Future[Any]] = []
    for number, clients in enumerate(waves):
        if number:
            await asyncio.sleep(HOLD_SECONDS / 3)
        wave = [HttpConnection("127.0.0.1", server.port) for _ in range(clients)]
        asked += [asyncio.ensure_future(connection.request("GET", "/")) for connection in wave]
        connections += wave
    if probe_after is not None:
        await asyncio.sleep(probe_after)
    else:
        await asyncio.wait(asked)
    spread = server.connections_per_worker(
        [port for connection in connections if (port := connection.local_port()) is not None])
    assert [reply.status for reply in await asyncio.gather(*asked)] == [200] * len(connections)
    for connection in connections:
        await connection.close()
    return spread
