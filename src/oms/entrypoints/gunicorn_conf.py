"""gunicorn's settings for oms: `gunicorn -c python:oms.entrypoints.gunicorn_conf --bind 0.0.0.0:8000
'oms.entrypoints.wsgi:create_production_app()'`; options given on the command line win over these.

One worker process per core the process may run on (WEB_CONCURRENCY, gunicorn's own variable, says otherwise),
each with eight threads, which take new connections only while one of them is free (gunicorn_worker.py): a worker
serves its requests under one interpreter lock, so more processes than cores only add switching between them,
and threads keep a core busy while others wait for PostgreSQL. Measured on two cores with PostgreSQL on the same
machine (docs/benchmarks.md): two such workers placed more orders than four of gunicorn's own with four threads
each, with a p99 nearer the median.
"""

from __future__ import annotations

import os

worker_class = "oms.entrypoints.gunicorn_worker.BalancedThreadWorker"
workers = int(os.environ.get("WEB_CONCURRENCY") or 0) or len(os.sched_getaffinity(0))
threads = 8
