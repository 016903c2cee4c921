"""Reliability scenarios of the sales flow, against real server processes: a flash sale, workers killed under load,
an idempotency storm, hostile input, and events out (webhooks and RabbitMQ) while workers, schedulers and relays are
killed, subscription renewals and abandoned carts' recovery jobs killed midway, and a flash sale through carts with
holds, each ending with its checks (the sales flow's with the invariant check, reliability.invariants).

    python -m reliability [--quick] [--only flash,crash,...,cart-recovery,cart-flash-sale] [--backends sqlite,postgres]

SQLite is served by `oms serve` (waitress), PostgreSQL by gunicorn with the production entrypoint. See
docs/benchmarks.md; tests/integration/reliability runs every scenario in a reduced size.
"""
