"""Benchmark n: every report of the catalogue at scale in PostgreSQL (issue 19: 1,000,000 orders in the full run).

The data: benchmarks/reports_scale.py writes two years of orders, goods issues, movements, invoices, payments,
quotations, purchases, carts and the journal with COPY into a freshly migrated database, renews subscriptions
through oms's own renewal job, then VACUUM ANALYZE.

Measured, for every report of `oms.report_catalogue()` (whatever it holds when the run starts), its default request
and one filtered request (by the branch BER when the report takes a branch, else by a customer, supplier, product,
warehouse or category it takes), p50 and p95 over `repeat` runs after two warm-up runs (5 runs when a warm-up run
took over 2 s), three ways:
- the Python API: `system.report(name, request)` on a SqlDatabase unit of work;
- the HTTP API in-process: Flask's test client with a viewer token, GET /api/v1/reports/<name>;
- the console in-process: a signed-in viewer, GET /console/reports/<name> (the page) and, a separate request as the
  browser makes it, GET /console/reports/<name>/chart.svg (when the page shows a chart).
Target: p95 under 200 ms. And the home page's figures: GET /console/ and GET /api/v1/overview, target under 50 ms.
"""

from __future__ import annotations

import argparse
import gc
import re
import secrets
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from attrs import frozen
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from werkzeug.test import TestResponse

import oms
from benchmarks.loadgen import percentile
from benchmarks.report import Row, render
from benchmarks.reports_scale import generate
from benchmarks.servers import fresh_postgres, postgres_admin_url
from oms.adapters.passwords import Argon2PasswordHasher
from oms.adapters.sql import SqlDatabase, upgrade
from oms.adapters.sql.access.tokens import SqlApiTokenStore
from oms.adapters.sql.access.users import SqlUserStore
from oms.adapters.sql.reports.quotation_days import rebuild_quotation_days
from oms.adapters.sql.reports.summary import SalesSummarySubscriber, rebuild_sales_summary
from oms.adapters.sql.shared.relay import SqlEventLog
from oms.application.access.tokens import issue_token
from oms.application.access.users import create_user
from oms.application.reports.catalogue import ReportDefinition
from oms.application.shared.relay import EventRelay
from oms.domain.access.tokens import Role
from oms.entrypoints.console.config import ConsoleSettings
from oms.entrypoints.http import create_app
from oms.entrypoints.http.config import HttpSettings

REPORT_TARGET_MS = 200.0
HOME_TARGET_MS = 50.0
WARMUP = 2
SLOW_SECONDS = 2.0
SLOW_REPEAT = 5
# The filter a report is asked for, in this order of preference, with the code the generated data has.
FILTER_CODES = (("branch", "BER"), ("customer", "CUST-0007"), ("supplier", "SUP-01"), ("product", "SKU-0001"),
                ("warehouse", "BER-1"), ("category", "Office"))
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "bench-viewer-password"


def timed(run: Callable[[], object], repeat: int, warmup: int = WARMUP) -> tuple[float, float]:
    """(p50, p95) in milliseconds of `repeat` runs after `warmup` ones; of SLOW_REPEAT runs when a warm-up run took
    over SLOW_SECONDS (a report that slow misses its target however often it is asked, and would hold the run up)."""
    for _ in range(warmup):
        started = time.perf_counter()
        run()
        if time.perf_counter() - started > SLOW_SECONDS:
            repeat = min(repeat, SLOW_REPEAT)
    spent = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        spent.append((time.perf_counter() - started) * 1000)
    return percentile(spent, 0.5), percentile(spent, 0.95)


def requests_of(definition: ReportDefinition) -> list[tuple[str, dict[str, Any]]]:
    """The default request and one filtered by the first of FILTER_CODES the report takes: (label, fields)."""
    found: list[tuple[str, dict[str, Any]]] = [("", {})]
    for name, code in FILTER_CODES:
        if name in definition.filters:
            found.append((f", by {name}", {name: code}))
            break
    return found


def variants_of(definition: ReportDefinition) -> list[tuple[str, dict[str, Any]]]:
    """Every other grouping the report offers, and every other basis (grouped as by default): (label, fields),
    measured through the HTTP API only (the layers above add the same to every request)."""
    return [*((f", grouped by {by}", {"by": by}) for by in definition.groupings[1:]),
            *((f", basis {basis}", {"basis": basis}) for basis in definition.bases[1:])]


def signed_in(client: FlaskClient, username: str) -> FlaskClient:
    page = client.get("/console/sign-in").get_data(as_text=True)
    token = CSRF.search(page)
    assert token is not None, "the sign-in page has no CSRF token"
    response = client.post("/console/sign-in", data={"csrf_token": token.group(1), "username": username,
                                                      "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def _get(client: FlaskClient, path: str, headers: Mapping[str, str] | None = None) -> Callable[[], object]:
    def get() -> object:
        response = client.get(path, headers=dict(headers or {}))
        assert response.status_code == 200, f"{path}: {response.status_code} {response.get_data(as_text=True)[:300]}"
        return response

    return get


def _rows(name: str, p50: float, p95: float, target: float) -> list[Row]:
    return [Row(name=f"{name} p50", figure=p50, unit="ms"),
            Row(name=f"{name} p95", figure=p95, unit="ms", target=f"< {target:.0f} ms", met=p95 < target)]


class FullCollections:
    """Python's full (generation 2) garbage collections while it is installed: how many, and the milliseconds they
    took. In this process each takes 100-250 ms (the app's few hundred thousand objects, traversed), which is what
    makes the p95 of a fast report: the figure says how much of the measured time they were."""

    def __init__(self) -> None:
        self.count = 0
        self.milliseconds = 0.0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.count += 1
            self.milliseconds += (time.perf_counter() - self._started) * 1000

    def __enter__(self) -> FullCollections:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self)


@frozen
class Clients:
    """What asks for a report: the system (the Python API), the HTTP API's client with the viewer token's header, and
    a signed-in console client."""

    system: oms.OrderManagement
    api: FlaskClient
    auth: Mapping[str, str]
    console: FlaskClient


def measure_report(clients: Clients, name: str, definition: ReportDefinition, repeat: int,
                   progress: Callable[[str], None]) -> list[Row]:
    """The rows of one report: its default and filtered request, each through every layer (a request that fails is
    a row that fails, not a stopped run)."""
    rows: list[Row] = []
    for label, fields in requests_of(definition):
        query = f"?{urlencode(fields)}" if fields else ""
        request = oms.ReportRequest(**fields)
        title = f"n. report {name}{label}"

        def python(request: oms.ReportRequest = request) -> object:
            return clients.system.report(name, request)

        try:
            page = _get(clients.console, f"/console/reports/{name}{query}")()
            assert isinstance(page, TestResponse)
            layers: list[tuple[str, Callable[[], object]]] = [
                ("Python API", python),
                ("HTTP API", _get(clients.api, f"/api/v1/reports/{name}{query}", clients.auth)),
                ("console page", _get(clients.console, f"/console/reports/{name}{query}")),
            ]
            if f"/console/reports/{name}/chart.svg" in page.get_data(as_text=True):
                layers.append(("console chart", _get(clients.console, f"/console/reports/{name}/chart.svg{query}")))
            found = []
            for layer, run in layers:
                p50, p95 = timed(run, repeat)
                rows += _rows(f"{title} ({layer})", p50, p95, REPORT_TARGET_MS)
                found.append(f"{layer} {p95:.0f} ms")
            progress(f"  n. {name}{label}, p95: {', '.join(found)}")
        except Exception as error:  # whatever a report does wrong on the data, the run goes on
            rows.append(_failed(title, error))
            progress(f"  n. {name}{label}: failed: {error!r}"[:300])
    for label, fields in variants_of(definition):
        title = f"n. report {name}{label} (HTTP API)"
        try:
            p50, p95 = timed(_get(clients.api, f"/api/v1/reports/{name}?{urlencode(fields)}", clients.auth), repeat)
            rows += _rows(title, p50, p95, REPORT_TARGET_MS)
            progress(f"  n. {name}{label}, p95: HTTP API {p95:.0f} ms")
        except Exception as error:  # as above
            rows.append(_failed(title, error))
            progress(f"  n. {name}{label}: failed: {error!r}"[:300])
    return rows


def _failed(title: str, error: Exception) -> Row:
    return Row(name=f"{title} failed", figure=0.0, unit="ms", target=f"< {REPORT_TARGET_MS:.0f} ms", met=False,
               note=f"{type(error).__name__}: {str(error)[:200]}")


def measure(url: str, repeat: int, progress: Callable[[str], None] = print, *,
            only: Sequence[str] = ()) -> list[Row]:
    """Every report of the catalogue (or those named in `only`) and the home page's figures, on the database at
    `url` (generated by `generate` and summarised by `rebuild`)."""
    database = SqlDatabase.from_url(url)
    rows: list[Row] = []
    collections = FullCollections()
    try:
        system = oms.bootstrap(uow_factory=database.unit_of_work)
        tokens = SqlApiTokenStore(database.engine)
        users = SqlUserStore(database.engine)
        hasher = Argon2PasswordHasher.fast()
        viewer = f"bench-{secrets.token_hex(3)}"  # a database kept between runs holds the earlier runs' viewers
        create_user(users, hasher, system.bus.clock, username=viewer, name="Bench Viewer", role=Role.VIEWER,
                    password=PASSWORD)
        secret = issue_token(tokens, system.bus.clock, name=viewer, role="viewer").secret
        app = create_app(system, tokens=tokens, listings=database.listings(), users=users, passwords=hasher,
                         settings=HttpSettings(), console=ConsoleSettings(secret_key="bench-reports",
                                                                          sign_in_limit="1000 per minute"))
        clients = Clients(system=system, api=app.test_client(), auth={"Authorization": f"Bearer {secret}"},
                          console=signed_in(app.test_client(), viewer))
        gc.collect()  # what the generation left behind, collected before the clock runs
        gc.freeze()  # what lives on kept out of full collections, as oms serve and the gunicorn workers do
        started = time.perf_counter()
        with collections:
            for name, definition in oms.report_catalogue().items():
                if only and name not in only:
                    continue
                rows += measure_report(clients, name, definition, repeat, progress)
            for title, run in (("console home page", _get(clients.console, "/console/")),
                               ("API overview", _get(clients.api, "/api/v1/overview", clients.auth))):
                p50, p95 = timed(run, repeat)
                rows += _rows(f"n. {title}", p50, p95, HOME_TARGET_MS)
        spent = (time.perf_counter() - started) * 1000
    finally:
        database.dispose()
    rows.append(Row(name="n. full garbage collections while measuring", figure=collections.milliseconds, unit="ms",
                    note=f"{collections.count} of Python's generation-2 collections took "
                         f"{collections.milliseconds:,.0f} ms of the {spent / 1000:,.0f} s measured "
                         f"({collections.milliseconds / spent:.0%}): a run they fall in is a slow one, so they make "
                         "most p95s of fast reports here"))
    return rows


SUMMARISED = ("report_sales_daily", "report_sales_day_totals", "report_sales_monthly_products",
              "report_sales_monthly_customers", "outbox", "receivable_items", "receivable_balances",
              "report_quotation_days")


def rebuild(url: str) -> float:
    """Seconds `oms reports rebuild` takes on the generated documents, after the relay has taken the events the
    generation's commands wrote (the renewals), as a deployment's relay would have all along: the summary is then
    up to date and no day is pending. Then VACUUM ANALYZE of what the relay and the rebuild rewrote, as autovacuum
    would have done by the time anyone reads a report: the planner then knows the summary's size and that the
    outbox's events are all sequenced now (on a server without it, it went on thinking every event waited for the
    relay), and the rollups' live rows are not spread over the pages of the rows the relay replaced month after month
    (1.4 million dead rows in the customers' rollup at 1M orders, read whole by a scan)."""
    database = SqlDatabase.from_url(url)
    try:
        system = oms.bootstrap(uow_factory=database.unit_of_work)
        EventRelay(SqlEventLog(database.engine, system.bus.clock.now),
                   [SalesSummarySubscriber(database.unit_of_work)], system.bus.clock.now).drain()
        started = time.perf_counter()
        rebuild_sales_summary(database.unit_of_work)
        rebuild_quotation_days(database.unit_of_work)
        spent = time.perf_counter() - started
        with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in SUMMARISED:
                connection.execute(text(f"VACUUM ANALYZE {table}"))
    finally:
        database.dispose()
    return spent


def run(orders: int, repeat: int, progress: Callable[[str], None] = print) -> list[Row]:
    with fresh_postgres("oms_bench_reports") as url:
        upgrade(url)
        generated = generate(url, orders, progress=progress)
        progress(f"  n. {orders:,} orders and their documents generated in {generated.seconds:.0f} s")
        rebuilt = rebuild(url)
        progress(f"  n. the reports' summaries rebuilt from the documents in {rebuilt:.1f} s")
        rows = measure(url, repeat, progress)
    written = sum(generated.rows.values())
    made = Row(name="n. documents generated with COPY (+ VACUUM ANALYZE)", figure=orders / generated.seconds,
               unit="orders/s", note=f"{orders:,} orders ({written:,} rows: "
                                     f"{generated.rows['invoices']:,} invoices and credit notes, "
                                     f"{generated.rows['stock_movements']:,} movements, "
                                     f"{generated.rows['journal_lines']:,} journal lines) in "
                                     f"{generated.seconds:.0f} s")
    summary = Row(name="n. reports' summaries rebuilt from the documents (oms reports rebuild)", figure=rebuilt,
                  unit="s", note="the daily sales summary, which the relay's subscriber then keeps from the events, "
                                 "and the quotations' days, which triggers keep")
    return [made, summary, *rows]


def main() -> None:
    """`python -m benchmarks.reports_bench --database NAME [--generate ORDERS] [--only sales,mrr] [--repeat N]`:
    benchmark n on a database of its own that is kept (generated first with --generate, or measured again as it is),
    for working on one report at 1,000,000 orders without generating them for every run."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--database", required=True, help="the PostgreSQL database's name, on OMS_TEST_POSTGRES_URL")
    parser.add_argument("--generate", type=int, default=None, metavar="ORDERS",
                        help="(re)create it with this many orders first (dropped if it exists)")
    parser.add_argument("--only", default="", help="the reports to measure, comma-separated (default: every one)")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    admin_url = postgres_admin_url()
    url = admin_url.set(database=args.database).render_as_string(hide_password=False)
    if args.generate is not None:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{args.database}"'))
        admin.dispose()
        upgrade(url)
        generated = generate(url, args.generate)
        print(f"  n. {args.generate:,} orders generated in {generated.seconds:.0f} s; summary rebuilt in "
              f"{rebuild(url):.1f} s", flush=True)
    print(render(measure(url, args.repeat, only=[name for name in args.only.split(",") if name])))


if __name__ == "__main__":
    main()
