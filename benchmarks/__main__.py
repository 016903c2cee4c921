"""`python -m benchmarks [--quick] [--only a,b,...] [--orders N] [--documents N]`: print and save the table.

a: the sales flow in memory; b: the SQL adapters beside raw SQL (SQLite, PostgreSQL); c: HTTP through gunicorn
beside a bare raw-SQL endpoint; d: listings and an aggregate over many orders in PostgreSQL; e: the start of the
`oms` command (`--help`, `--version`) beside a bare interpreter's, target under 250 ms; f: CSV imports of products
and customers through `oms ... import` on SQLite and PostgreSQL at 10,000 and 100,000 rows, and again unchanged and
changed, target under 30 s each (issue 9); g: HTTP through `oms serve` on SQLite beside the bare endpoint on the same
file (issue 11's embedded default, no target: its ratio); h: 1,000,000 random orders billed in partial invoices and
credited in full, checked to the minor unit (issue 13's one price: target 0 discrepancies); i: events published to
RabbitMQ with confirms by the relay's publisher beside a raw pika loop (issue 14; needs the RabbitMQ of
OMS_TEST_RABBITMQ_URL, default guest@127.0.0.1:5672), and the relay from a backlog of 20,000 events in PostgreSQL's
outbox beside a raw pika loop with batched confirms; j: a backlog of 5,000 events through the relay, the delivery
rows and the DeliveryWorker to a local webhook receiver beside a raw urllib3 loop of signed POSTs; k: the delay from a
placement's commit to its events' arrival at the receiver and on a RabbitMQ queue (p50, p99) under 10 placements/s
for 20 s with `oms relay` and `oms scheduler` running (i, j and k need RabbitMQ); l: 100,000 subscriptions due at
once renewed by two renewal-job processes on PostgreSQL beside a raw claim-record-advance loop (issue 17: target
under 60 s; --quick: 2,000); m: carts over HTTP through gunicorn on PostgreSQL beside bare raw-SQL cart endpoints:
cart operations (open, add, change) and checkouts per second (issue 18); n: every report of the catalogue on
1,000,000 orders with their goods issues, movements, invoices, payments, quotations, purchases, carts and journal
written with COPY into PostgreSQL, subscriptions renewed by oms (benchmarks/reports_scale.py), default and filtered
requests through the Python API, the HTTP API and the console page and chart (in-process), p95 target under 200 ms;
the console home page and the API overview under 50 ms (issue 19; --quick: 20,000 orders; --report-orders N).
--quick runs a to e in under two minutes, f and g in about one more (f at 10,000 and 20,000 rows), h in about one
(20,000 orders).
PostgreSQL comes from OMS_TEST_POSTGRES_URL (default postgres@127.0.0.1:5432); every database and server the run
makes is removed again at its end.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import attrs

from benchmarks import (
    broker_publish,
    carts,
    cli_start,
    delivery_delay,
    domain_flow,
    embedded,
    http_load,
    imports,
    invoice_parity,
    renewals,
    reports_bench,
    scale,
    sql_adapters,
    webhook_delivery,
)
from benchmarks.report import Row, machine, render, write_json


@attrs.frozen(kw_only=True)
class Sizes:
    domain_seconds: float
    sql_seconds: float
    http_seconds: float
    orders: int
    listing_repeat: int
    aggregate_repeat: int
    cli_runs: int
    import_rows: tuple[int, int]
    embedded_seconds: float
    parity_documents: int
    broker_backlog: int
    webhook_backlog: int
    delay_seconds: float
    renewals: int
    report_orders: int
    report_repeat: int


QUICK = Sizes(domain_seconds=3, sql_seconds=4, http_seconds=4, orders=100_000, listing_repeat=50,
              aggregate_repeat=5, cli_runs=10, import_rows=(10_000, 20_000), embedded_seconds=4,
              parity_documents=20_000, broker_backlog=2_000, webhook_backlog=1_000, delay_seconds=5,
              renewals=2_000, report_orders=20_000, report_repeat=10)
FULL = Sizes(domain_seconds=15, sql_seconds=15, http_seconds=20, orders=1_000_000, listing_repeat=300,
             aggregate_repeat=20, cli_runs=30, import_rows=(10_000, 100_000), embedded_seconds=20,
             parity_documents=1_000_000, broker_backlog=20_000, webhook_backlog=5_000, delay_seconds=20,
             renewals=100_000, report_orders=1_000_000, report_repeat=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes and short runs: a few minutes")
    parser.add_argument("--only", default="a,b,c,d,e,f,g,h,i,j,k,l,m,n", help="which benchmarks, e.g. a,b")
    parser.add_argument("--orders", type=int, default=None, help="orders in PostgreSQL for d (default: 1,000,000; "
                                                                  "100,000 with --quick)")
    parser.add_argument("--documents", type=int, default=None, help="random orders checked by h (default: "
                                                                     "1,000,000; 20,000 with --quick)")
    parser.add_argument("--report-orders", type=int, default=None, help="orders the reports run on for n (default: "
                                                                         "1,000,000; 20,000 with --quick)")
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results/latest.json"))
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    if args.orders is not None:
        sizes = attrs.evolve(sizes, orders=args.orders)
    if args.documents is not None:
        sizes = attrs.evolve(sizes, parity_documents=args.documents)
    if args.report_orders is not None:
        sizes = attrs.evolve(sizes, report_orders=args.report_orders)
    chosen = set(args.only.split(","))
    unknown = chosen - set("abcdefghijklmn")
    if unknown:
        parser.error(f"unknown benchmarks: {', '.join(sorted(unknown))}")
    started = time.perf_counter()
    rows: list[Row] = []
    steps: list[tuple[str, str, Callable[[], list[Row]]]] = [
        ("a", "domain flow in memory", lambda: domain_flow.run(seconds=sizes.domain_seconds)),
        ("b", "SQL adapters beside raw SQL", lambda: sql_adapters.run(seconds=sizes.sql_seconds)),
        ("c", "HTTP through gunicorn beside the bare endpoint", lambda: http_load.run(sizes.http_seconds)),
        ("d", f"{sizes.orders:,} orders in PostgreSQL",
         lambda: scale.run(sizes.orders, sizes.listing_repeat, sizes.aggregate_repeat)),
        ("e", "start of the oms command", lambda: cli_start.run(sizes.cli_runs)),
        ("f", f"CSV imports of {' and '.join(f'{n:,}' for n in sizes.import_rows)} rows through the oms command",
         lambda: imports.run(sizes.import_rows)),
        ("g", "HTTP through oms serve on SQLite beside the bare endpoint",
         lambda: embedded.run(sizes.embedded_seconds)),
        ("h", f"one price over {sizes.parity_documents:,} random orders, invoices and credit notes",
         lambda: invoice_parity.run(sizes.parity_documents)),
        ("i", f"events to RabbitMQ with confirms beside raw pika (a backlog of {sizes.broker_backlog:,} relayed)",
         lambda: broker_publish.run(sizes.sql_seconds, backlog=sizes.broker_backlog)),
        ("j", f"events to a webhook receiver beside raw urllib3 (a backlog of {sizes.webhook_backlog:,})",
         lambda: webhook_delivery.run(sizes.webhook_backlog)),
        ("k", f"commit to delivery at {delivery_delay.RATE:.0f} placements/s for {sizes.delay_seconds:.0f} s",
         lambda: delivery_delay.run(sizes.delay_seconds)),
        ("l", f"{sizes.renewals:,} subscription renewals on PostgreSQL by two job processes beside raw SQL",
         lambda: renewals.run(sizes.renewals)),
        ("m", "carts over HTTP through gunicorn beside bare cart endpoints", lambda: carts.run(sizes.http_seconds)),
        ("n", f"every report on {sizes.report_orders:,} orders in PostgreSQL (Python API, HTTP API, console)",
         lambda: reports_bench.run(sizes.report_orders, sizes.report_repeat)),
    ]
    for key, title, step in steps:
        if key in chosen:
            print(f"{key}. {title} ...", flush=True)
            rows += step()
    print(f"machine: {machine()}")
    print(f"run: {'--quick' if args.quick else 'full'}, {time.perf_counter() - started:.0f} s")
    print(render(rows))
    write_json(rows, args.json, quick=args.quick)
    print(f"written to {args.json}")


if __name__ == "__main__":
    main()
