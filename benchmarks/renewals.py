"""Benchmark l: subscription renewals on PostgreSQL (issue 17: 100,000 subscriptions due at once renewed in under
60 s with two scheduler processes), beside a raw ceiling in the same run.

oms: N subscriptions of a one-line plan (30.00 a month of a service), all due on one day, renewed by the renewal
job (`oms.renew_due_subscriptions`) in two processes at once; each renewal is a transaction of its own that locks the
subscription (jobs pass over the ones the other holds), bills its period by one posted invoice with its journal
entry, records the renewal (unique by subscription and period) and moves the pointer.

Raw ceiling: the exactly-once core of a renewal written with psycopg in two processes, one transaction each: claim
the subscription (`FOR UPDATE SKIP LOCKED`), insert its renewal record, move its pointer by a guarded UPDATE. No
invoice, no numbering, no journal: what the driver allows for the part that makes a renewal happen once.

The subscriptions are made fast: through the ports (`Subscription.start` and the repository), a thousand to a
transaction, numbered from their sequence as the use case numbers them.

While the jobs run, the database is analyzed every ANALYZE_SECONDS, as autovacuum's analyze does on a production
server: the CI server here runs with autovacuum off, and the planner would go on taking the documents' tables, which
grow from empty during the run, for empty (an open item's refresh then scanned every posted invoice: the rate fell
from 270 to 100 renewals/s over 40,000).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

import oms
from benchmarks.report import Row
from benchmarks.servers import fresh_postgres, prepare_database
from oms.adapters.sql import SqlDatabase
from oms.application.shared.documents import next_number
from oms.domain.shared.ids import DocumentType, new_id
from oms.domain.subscriptions.subscriptions import Subscription

DAY = date(2026, 3, 31)
NEXT = date(2026, 4, 30)
PROCESSES = 2
BATCH = 1000
ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 60.0
TARGET_COUNT = 100_000
ANALYZE_SECONDS = 10.0


def seed(database_url: str, plan: str) -> None:
    """Branch BER, tax DE 19 %, customer ACME, the service `plan` and the plan of the same code (30.00 a month)."""
    database = SqlDatabase.from_url(database_url)
    try:
        system = oms.bootstrap(uow_factory=database.unit_of_work)
        system.handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
        system.handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.STANDARD, rate="0.19"))
        system.handle(oms.CreateCustomer(code="ACME", name="Acme"))
        add_plan(system, plan)
    finally:
        database.dispose()


def add_plan(system: oms.OrderManagement, plan: str) -> None:
    system.handle(oms.CreateProduct(sku=plan, name="Seat", price="30.00", currency="EUR",
                                    kind=oms.ProductKind.SERVICE))
    system.handle(oms.CreatePlan(code=plan, name=f"Plan {plan}", currency="EUR",
                                 lines=(oms.PlanLineInput(sku=plan, quantity="1", unit_price="30.00"),)))


def subscribe_many(database_url: str, plan: str, count: int, *, starts_on: date = DAY,
                   payment_method: str | None = None) -> None:
    """`count` subscriptions of ACME at BER to `plan`, all starting (so due) on `starts_on`, BATCH a transaction;
    charged to `payment_method` when given."""
    database = SqlDatabase.from_url(database_url)
    at = datetime(2026, 3, 1, 9, tzinfo=UTC)
    try:
        done = 0
        while done < count:
            with database.unit_of_work() as uow:
                version = uow.subscriptions.plans.current(plan)
                customer = uow.masterdata.customers.by_code("ACME")
                branch = uow.masterdata.branches.by_code("BER")
                assert version is not None
                assert customer is not None
                assert branch is not None
                for _ in range(min(BATCH, count - done)):
                    uow.subscriptions.subscriptions.add(Subscription.start(
                        version, id=new_id(), number=next_number(uow, DocumentType.SUBSCRIPTION),
                        customer_id=customer.id, starts_on=starts_on, at=at, branch_id=branch.id,
                        payment_method=payment_method))
                    done += 1
                uow.commit()
    finally:
        database.dispose()


def renewal_job(database_url: str, day: date = DAY, *, charge: bool = False) -> subprocess.Popen[bytes]:
    """The renewal job of `day` in a process of its own (`python -m reliability.renewal_worker`), then the charges
    of the invoices made when `charge`."""
    return subprocess.Popen([sys.executable, "-m", "reliability.renewal_worker", database_url, day.isoformat(),
                             *(["--charge"] if charge else [])],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


RAW_CLAIM = """SELECT id, next_period_start FROM subscriptions WHERE next_period_start <= %(day)s
ORDER BY next_period_start, id LIMIT 1 FOR UPDATE SKIP LOCKED"""
RAW_RECORD = """INSERT INTO subscription_billing (id, subscription_id, change, period_start, period_end, effective_on,
currency, charged, credited, invoice_id, invoice_number, credit_note_id, credit_note_number, at, actor)
VALUES (%(id)s, %(sub)s, 'renewal', %(start)s, %(end)s, %(start)s, 'EUR', 30.00, 0.00, NULL, NULL, NULL, NULL, now(),
'raw')"""
RAW_ADVANCE = """UPDATE subscriptions SET next_period_start = %(end)s, version = version + 1
WHERE id = %(sub)s AND next_period_start = %(start)s"""


def raw_renewals(database_url: str) -> None:
    """The raw ceiling's process: claim, record and advance, a transaction each, until nothing is due."""
    url = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url) as connection:
        while True:
            with connection.transaction():
                row = connection.execute(RAW_CLAIM, {"day": DAY}).fetchone()
                if row is None:
                    return
                sub, start = row
                end = start + timedelta(days=30)
                connection.execute(RAW_RECORD, {"id": new_id(), "sub": sub, "start": start, "end": end})
                connection.execute(RAW_ADVANCE, {"sub": sub, "start": start, "end": end})


def _raw_process(database_url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", "import sys; from benchmarks.renewals import raw_renewals; "
                             "raw_renewals(sys.argv[1])", database_url], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def timed_processes(database_url: str, processes: list[subprocess.Popen[bytes]]) -> float:
    """The seconds until every process has ended well, the database analyzed meanwhile."""
    started = time.perf_counter()
    with analyzed(database_url):
        for process in processes:
            _, errors = process.communicate()
            if process.returncode != 0:
                raise RuntimeError(f"a renewal process failed: {errors.decode()[-800:]}")
        return time.perf_counter() - started


@contextmanager
def analyzed(database_url: str) -> Iterator[None]:
    """The database analyzed every ANALYZE_SECONDS while the block runs."""
    done = threading.Event()
    analyzer = threading.Thread(target=_analyze_until, args=(database_url, done), daemon=True)
    analyzer.start()
    try:
        yield
    finally:
        done.set()
        analyzer.join()


def _analyze_until(database_url: str, done: threading.Event) -> None:
    """ANALYZE the database every ANALYZE_SECONDS until `done` (what autovacuum does where it is on)."""
    url = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as connection:
        while not done.wait(ANALYZE_SECONDS):
            connection.execute("ANALYZE")


def _count(database_url: str, sql: str) -> int:
    url = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url) as connection:
        row = connection.execute(sql).fetchone()
        return int(row[0]) if row else 0


@contextmanager
def due_database(prefix: str, count: int) -> Iterator[str]:
    """A fresh migrated database with `count` subscriptions due on DAY."""
    with fresh_postgres(prefix) as url:
        prepare_database(url, "bench")
        seed(url, "RENEW")
        subscribe_many(url, "RENEW", count)
        yield url


def run(count: int) -> list[Row]:
    with due_database("oms_bench_renewals", count) as url:
        oms_seconds = timed_processes(url, [renewal_job(url) for _ in range(PROCESSES)])
        invoices = _count(url, "SELECT count(DISTINCT invoice_id) FROM subscription_billing")
        advanced = _count(url, f"SELECT count(*) FROM subscriptions WHERE next_period_start = '{NEXT}'")
    with due_database("oms_bench_renewals_raw", count) as url:
        raw_seconds = timed_processes(url, [_raw_process(url) for _ in range(PROCESSES)])
        raw_done = _count(url, "SELECT count(*) FROM subscription_billing")
    oms_rate, raw_rate = count / oms_seconds, count / raw_seconds
    target_rate = TARGET_COUNT / TARGET_SECONDS
    return [Row(
        name=f"l. renewals on PostgreSQL, {count:,} due, {PROCESSES} job processes", figure=oms_rate,
        unit="renewals/s", reference=raw_rate, target=f"{TARGET_COUNT:,} in < {TARGET_SECONDS:.0f} s "
        f"(>= {target_rate:,.0f}/s)", met=oms_rate >= target_rate,
        note=(f"oms: {count:,} in {oms_seconds:.1f} s, {invoices:,} invoices, {advanced:,} pointers one period on; "
              f"raw (claim, record, advance; no invoice): {raw_done:,} in {raw_seconds:.1f} s"))]
