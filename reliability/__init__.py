"""Reliability scenarios of the sales flow, against real server processes: a flash sale, workers killed under load,
an idempotency storm, hostile input, and events out (webhooks and RabbitMQ) while workers, schedulers and relays are
killed, each ending with the invariant check (reliability.invariants).

    python -m reliability [--quick] [--only flash,crash,storm,hostile,events] [--backends sqlite,postgres]

SQLite is served by `oms serve` (waitress), PostgreSQL by gunicorn with the production entrypoint. See
docs/benchmarks.md; tests/integration/reliability runs every scenario in a reduced size.
"""
