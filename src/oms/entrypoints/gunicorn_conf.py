"""gunicorn's settings for oms: `gunicorn -c python:oms.entrypoints.gunicorn_conf --bind 0.0.0.0:8000
'oms.entrypoints.wsgi:create_production_app()'`; options given on the command line win over these.

One worker process per core the process may run on (WEB_CONCURRENCY, gunicorn's own variable, says otherwise),
each with four threads, which take new connections only while one of them is free or while the worker holds the
fewest connections (gunicorn_worker.py; the counts on a board the master makes, gunicorn_board.py): a worker
serves its requests under one interpreter lock, so more processes than cores only add switching between them,
and threads keep a core busy while others wait for PostgreSQL. Measured on two cores with PostgreSQL on the same
machine (docs/benchmarks.md, benchmark c): two such workers placed as many orders as four of gunicorn's own with
four threads each, served every client alike, and had a p99 about 15% lower. Four threads rather than eight: the
requests beyond them wait their turn in order instead of all taking turns at the lock, and the slowest placements
came 20-30% sooner (three runs in turn, 2026-12-04).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from oms.entrypoints.gunicorn_board import seat_worker, unseat_worker


def worker_count(environ: Mapping[str, str]) -> int:
    """WEB_CONCURRENCY when it is set, else the cores this process may run on."""
    given = environ.get("WEB_CONCURRENCY", "").strip()
    if not given:
        return len(os.sched_getaffinity(0))
    if not given.isdigit() or int(given) < 1:
        raise ValueError(f"WEB_CONCURRENCY is how many gunicorn workers to run, a whole number from 1, not {given!r}")
    return int(given)


worker_class = "oms.entrypoints.gunicorn_worker.BalancedThreadWorker"
workers = worker_count(os.environ)
threads = 4
pre_fork = seat_worker  # gunicorn's hooks, in the master: each worker's slot on the connection board
child_exit = unseat_worker
