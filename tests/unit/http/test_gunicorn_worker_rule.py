"""When oms's gunicorn worker takes a new connection, and how many workers its configuration runs: the rules alone
(tests/integration/http/test_gunicorn_worker.py runs them under a real gunicorn)."""

from __future__ import annotations

import os
import time
from collections import deque
from types import SimpleNamespace

import pytest

from oms.entrypoints.gunicorn_conf import worker_count
from oms.entrypoints.gunicorn_worker import BalancedThreadWorker


def _worker(*, workers: int, threads: int, held: int, kept_alive: int = 0, waiting_turn: float = 0.0
            ) -> BalancedThreadWorker:
    """A worker's state without a process: `held` connections, `kept_alive` of them between requests."""
    worker = BalancedThreadWorker.__new__(BalancedThreadWorker)
    worker.cfg = SimpleNamespace(workers=workers, threads=threads)
    worker.nr_conns = held
    worker.keepalived_conns = deque(range(kept_alive))
    worker.pending_conns = deque()
    worker.busy_accept_at = time.monotonic() + waiting_turn
    return worker


def test_with_a_free_thread_a_connection_is_taken_at_once() -> None:
    assert _worker(workers=2, threads=4, held=3, waiting_turn=1.0).may_take()


def test_connections_kept_alive_between_requests_leave_their_threads_free() -> None:
    assert _worker(workers=2, threads=4, held=9, kept_alive=6, waiting_turn=1.0).may_take()


def test_with_every_thread_at_work_a_connection_waits_for_its_turn() -> None:
    assert not _worker(workers=2, threads=4, held=4, waiting_turn=1.0).may_take()
    assert _worker(workers=2, threads=4, held=4, waiting_turn=-0.001).may_take()


@pytest.mark.parametrize("held", [0, 4, 40])
def test_a_worker_alone_takes_every_connection(held: int) -> None:
    assert _worker(workers=1, threads=4, held=held, waiting_turn=1.0).may_take()


def test_the_configuration_runs_a_worker_per_core_unless_web_concurrency_says_otherwise() -> None:
    assert worker_count({}) == len(os.sched_getaffinity(0))
    assert worker_count({"WEB_CONCURRENCY": " "}) == len(os.sched_getaffinity(0))
    assert worker_count({"WEB_CONCURRENCY": "3"}) == 3


@pytest.mark.parametrize("given", ["0", "-2", "two", "1.5"])
def test_a_web_concurrency_that_is_not_a_count_of_workers_is_refused_by_name(given: str) -> None:
    with pytest.raises(ValueError, match="WEB_CONCURRENCY"):
        worker_count({"WEB_CONCURRENCY": given})
