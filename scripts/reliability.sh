#!/usr/bin/env bash
# Runs the reliability scenarios (docs/benchmarks.md) against real servers and prints scenario -> result; exits 1
# if any failed.
#   scripts/reliability.sh                      full sizes: a flash sale of 1,000 units to 64 clients, ...
#   scripts/reliability.sh --quick              reduced sizes, as CI runs them (tests/integration/reliability)
#   scripts/reliability.sh --only flash,storm --backends sqlite
#   scripts/reliability.sh --only events        events out to webhooks and RabbitMQ while processes are killed
#   scripts/reliability.sh --only renewals      subscription renewal jobs killed midway: each period billed once
#   scripts/reliability.sh --only cart-recovery  10,000 abandoned carts, recovery jobs killed midway: one message each
#   scripts/reliability.sh --only cart-flash-sale  64 clients check carts out of the last 1,000 units, holds on
# Needs PostgreSQL (OMS_TEST_POSTGRES_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/postgres) and, for
# the events scenario, RabbitMQ (OMS_TEST_RABBITMQ_URL, default amqp://guest:guest@127.0.0.1:5672/%2F).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/venv.sh dev >/dev/null
bash scripts/postgres.sh
bash scripts/rabbitmq.sh || echo "the events scenario needs RabbitMQ: it will fail" >&2
exec .venv/bin/python -m reliability "$@"
