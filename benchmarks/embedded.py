"""Benchmark g: the embedded default, order placement over HTTP through `oms serve` (waitress, one process, its
threads, the scheduler running beside) on a SQLite file, beside the bare endpoint (benchmarks.bare_app, the raw SQL
placement) on the same file, served by gunicorn with one worker of as many threads as `oms serve` has: both sides are
one process of threads writing one SQLite file, each thread on its own connection (WAL, a busy timeout, BEGIN
IMMEDIATE on the bare side).

The placements are benchmark c's (benchmarks.http_load): the two-call placement (create, then confirm) and the
one-call placement ("confirm": true), each order of 3 products at random out of 50, at 16 connections, the servers
loaded in alternating slices. Issue 11 sets no target for it yet: the ratio to the bare endpoint is reported. A
503 from oms (StoreBusy: the write lock not had within the busy timeout) counts as a failure and is named. After the
load the file is checked: the bare orders' lines must equal the stock reserved for the bare products (no write lost
by the threads of either side).
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy.engine import make_url

import oms
from benchmarks.http_load import (
    OMS_CATALOG,
    RAW_CATALOG,
    Measured,
    bare_operation,
    compare,
    oms_operation,
)
from benchmarks.report import Row
from benchmarks.servers import Server, fresh_sqlite, gunicorn, oms_command, oms_serve, resident_mib
from benchmarks.sql_adapters import seed
from oms.adapters.sql import SqlDatabase

CONNECTIONS = 16
THREADS = 8  # `oms serve`'s default; the bare endpoint's one gunicorn worker gets as many


def _resident(server: Server) -> float:
    """The resident memory of the process that serves (gunicorn's one worker, or `oms serve` itself)."""
    return max((resident_mib(pid) for pid in server.worker_pids() or [server.process.pid]), default=0.0)


def written(url: str) -> str:
    """What the file holds after the load, as a check that neither side lost a write: the bare orders, their lines
    and the stock reserved for the bare products (one unit a line: they must be equal), and oms's confirmed orders
    (warm-up placements included, so at least those counted)."""
    with sqlite3.connect(make_url(url).database or "") as connection:
        raw_orders, raw_lines = connection.execute(
            "SELECT COUNT(DISTINCT o.id), COUNT(l.id) FROM sales_orders o JOIN order_lines l "
            "ON l.sales_order_id = o.id WHERE o.number LIKE 'RAW-%'").fetchone()
        reserved = sum((Decimal(str(value)) for (value,) in connection.execute(
            "SELECT s.reserved FROM stock_levels s JOIN products p ON p.id = s.product_id "
            "WHERE p.sku LIKE 'RAW-%'")), Decimal(0))
        placed = connection.execute("SELECT COUNT(*) FROM sales_orders WHERE number NOT LIKE 'RAW-%' "
                                    "AND status = 'confirmed'").fetchone()[0]
    verdict = "as they must" if reserved == raw_lines else "THEY DIFFER: a write was lost"
    return (f"in the file afterwards (warm-up included): {raw_orders:,} bare orders with {raw_lines:,} lines and "
            f"{reserved:,} units reserved for them, {verdict}; {placed:,} confirmed oms orders")


def _rows(placed: Measured, bare: Measured, *, one_call: bool, facts: str) -> list[Row]:
    result, raw = placed.result, bare.result
    failures = ", ".join(f"{why} x{count}" for why, count in (result.failures + raw.failures).most_common(3))
    busy = sum(count for why, count in result.failures.items() if why.endswith(" 503"))
    requests = 1 if one_call else 2
    note = (f"oms: {requests * result.rate:,.0f} requests/s, {result.succeeded:,} placed; CPU per placement "
            f"{placed.per_operation_ms(placed.server_cpu):.1f} ms in oms serve (SQLite runs inside it), bare "
            f"{bare.per_operation_ms(bare.server_cpu):.1f} ms; oms serve: waitress {THREADS} threads with the "
            f"scheduler, bare: gunicorn 1x{THREADS} (gunicorn_conf), both one process on the same SQLite file; "
            f"{facts}; "
            + (f"failures: {failures}" if failures else "no failures on either side")
            + (f"; oms answered 503 (StoreBusy) {busy} times" if busy else ""))
    what = "one-call placements (created and confirmed)" if one_call else "placements (create, then confirm)"
    short = "one-call placement" if one_call else "placement"
    prefix = f"g. oms serve on SQLite @{CONNECTIONS} conns"
    return [
        Row(name=f"{prefix}: {what}", figure=result.rate, unit="orders/s", reference=raw.rate,
            note=note + "; no target yet (issue 11): the ratio is reported"),
        Row(name=f"{prefix}: {short} p50", figure=result.p(0.5) * 1000, unit="ms", reference=raw.p(0.5) * 1000,
            note="reference: the bare endpoint's p50"),
        Row(name=f"{prefix}: {short} p99", figure=result.p(0.99) * 1000, unit="ms", reference=raw.p(0.99) * 1000,
            note="reference: the bare endpoint's p99"),
    ]


def run(seconds: float, progress: Callable[[str], None] = print) -> list[Row]:
    with fresh_sqlite() as url:
        oms_command(url, "db", "upgrade")
        database = SqlDatabase.from_url(url)
        try:
            seed(oms.bootstrap(uow_factory=database.unit_of_work), OMS_CATALOG + RAW_CATALOG)
        finally:
            database.dispose()
        secret = oms_command(url, "token", "create", "--role", "clerk", "--name", "bench").strip()
        with oms_serve(url, threads=THREADS) as placing, gunicorn(
                "bare", "benchmarks.bare_app:create_bare_app()", url, workers=1, threads=THREADS,
                env={"OMS_BENCH_RAW_SKUS": ",".join(RAW_CATALOG)}) as bare:
            progress(f"  g. {CONNECTIONS} connections, {seconds:.0f} s per server and placement")
            run_id = secrets.token_hex(4)
            results = compare({"oms": (placing, oms_operation(secret, run_id)),
                               "oms one call": (placing, oms_operation(secret, f"{run_id}-1", one_call=True)),
                               "bare": (bare, bare_operation())}, CONNECTIONS, seconds, url)
            facts = (f"resident memory: oms serve {_resident(placing):.0f} MiB, "
                     f"bare worker {_resident(bare):.0f} MiB")
        facts += f"; {written(url)}"
    return (_rows(results["oms"], results["bare"], one_call=False, facts=facts)
            + _rows(results["oms one call"], results["bare"], one_call=True, facts=facts))
