#!/usr/bin/env bash
# Runs the benchmarks (docs/benchmarks.md): prints the table and writes benchmarks/results/latest.json.
#   scripts/bench.sh            the full run: 1,000,000 orders in PostgreSQL for d (about 10 minutes; f and g
#                               about 3 more)
#   scripts/bench.sh --quick    a to e in under two minutes, f and g in about one more
#   scripts/bench.sh --only b,c (any of a,b,c,...,n); --orders N for d, --documents N for h, --report-orders N for n
# f: 10,000 and 100,000 products and customers imported with `oms ... import` on SQLite and PostgreSQL (issue 9:
#    under 30 s each; --quick: 10,000 and 20,000); g: placements through `oms serve` on SQLite beside the bare
#    endpoint on the same file (issue 11's embedded default: its ratio, no target yet); h: 1,000,000 random orders
#    billed in 1-4 partial invoices and credited in full, order = invoices = credit notes to the minor unit (issue
#    13's one price: target 0 discrepancies; about 30 minutes on 2 idle cores here, --quick: 20,000 in 1-2).
# i, j, k (issue 14, events out): the relay from a backlog in PostgreSQL's outbox to RabbitMQ beside raw pika with
#    batched confirms; to a local webhook receiver beside raw urllib3 POSTs; the delay from commit to arrival (p50,
#    p99) at 10 placements/s with `oms relay`, `oms scheduler` and `oms serve`; they need RabbitMQ
#    (OMS_TEST_RABBITMQ_URL, default guest@127.0.0.1:5672; scripts/rabbitmq.sh starts it). About 8 minutes here.
# m (issue 18, carts): cart operations (open, add, change) and checkouts per second over HTTP through gunicorn on
#    PostgreSQL, beside bare raw-SQL cart endpoints in the same gunicorn configuration (--only m --quick: 1 minute).
# n (issue 19, reports): 1,000,000 orders with their goods issues, movements, invoices, payments, quotations,
#    purchases and journal written with COPY (aim: under 15 minutes), then every report of the catalogue, default and
#    filtered, through the Python API, the HTTP API and the console page and chart: p95 target under 200 ms, the
#    console home page and the API overview under 50 ms (--only n --quick: 20,000 orders, a few minutes).
# Needs PostgreSQL (OMS_TEST_POSTGRES_URL, default postgresql+psycopg://postgres@127.0.0.1:5432/postgres): the run
# makes databases of its own there and drops them at its end.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash scripts/venv.sh dev >/dev/null
bash scripts/postgres.sh
exec .venv/bin/python -m benchmarks "$@"
