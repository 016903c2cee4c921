"""Benchmark d: listings and an aggregate with many orders in PostgreSQL (1,000,000 in the full run).

The orders are written with COPY into a freshly migrated database (oms's own schema and indexes): 1,000 customers,
creation times spread over two years, statuses in a realistic mix. Then, newest first, 50 a page:
- the order listing filtered by status (confirmed, a fifth of all orders) and by customer (about 1/1000 of them),
  each first page and a deep page (80% of the way down, reached by the cursor a client would hold);
- through the SQL listing adapter (oms.adapters.sql.SqlDocumentListing), and through the HTTP API in-process
  (Flask's test client: routing, auth, presenting, no network);
- a sales-by-month aggregate (count and sum of grand totals per month and currency over all open and shipped
  orders), in plain SQL: oms has no such query yet.
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import psycopg
from sqlalchemy import text
from sqlalchemy.engine import make_url

import oms
from benchmarks.loadgen import percentile
from benchmarks.report import Row
from benchmarks.servers import fresh_postgres
from oms.adapters.sql import SqlDatabase, upgrade
from oms.adapters.sql.access.tokens import SqlApiTokenStore
from oms.adapters.sql.shared.sequences import sequence_name
from oms.application.access.tokens import issue_token
from oms.domain.shared.ids import DocumentType
from oms.entrypoints.http import create_app
from oms.ports.sales.listings import SALES_ORDERS
from oms.ports.shared.listings import ListingQuery, encode_cursor

CUSTOMERS = 1000
STATUSES = (("draft", 10), ("confirmed", 20), ("partially_issued", 5), ("issued", 15), ("completed", 40),
            ("cancelled", 10))
SPAN = timedelta(days=730)
DEEP = 0.8
PAGE = 50
TARGET_MS = 10.0
SALES_BY_MONTH = """
SELECT date_trunc('month', created_at AT TIME ZONE 'UTC') AS month, currency, count(*) AS orders,
       sum(grand_total) AS sales
FROM sales_orders
WHERE status IN ('confirmed', 'partially_issued', 'issued', 'completed')
GROUP BY 1, 2 ORDER BY 1, 2
"""
CUSTOMER_COLUMNS = ("id, code, name, email, billing_line1, billing_line2, billing_city, billing_postal_code, "
                    "billing_region, billing_country, shipping_line1, shipping_line2, shipping_city, "
                    "shipping_postal_code, shipping_region, shipping_country, tax_exempt, tax_exemption_reference, "
                    "active, version, payment_terms")
ORDER_COLUMNS = ("id, number, customer_id, branch_id, currency, created_at, tax_exempt, prices_include_tax, "
                 "tax_rounding, order_discount_kind, order_discount_value, status, gross_amount, discount_total, "
                 "net_total, tax_total, grand_total, version, allow_backorder, over_delivery_percent, "
                 "customer_reference, quotation_id, held_from")
CHUNK = 50_000


def customer_id(number: int) -> str:
    return f"c{number:031x}"


def _order_lines(count: int, branch_id: str, now: datetime) -> Iterator[str]:
    """COPY text rows of `count` orders, oldest first, numbered SO-0000001..."""
    rng = random.Random(6)
    names, weights = zip(*STATUSES, strict=True)
    statuses = rng.choices(names, weights, k=count)
    start = now - SPAN
    step = SPAN / count
    for index in range(count):
        created = (start + step * index).isoformat(" ")
        net = Decimal(rng.randrange(500, 500_000)) / 100
        tax = (net * Decimal("0.19")).quantize(Decimal("0.01"))
        customer = customer_id(rng.randrange(1, CUSTOMERS + 1))
        yield (f"{index:032x}\tSO-{index + 1:07}\t{customer}\t{branch_id}\tEUR\t{created}\tf\tf\tper_line\t\\N\t"
               f"\\N\t{statuses[index]}\t{net}\t0.00\t{net}\t{tax}\t{net + tax}\t1\tf\t0\t\t\\N\t\\N\n")


def generate(url: str, orders: int) -> float:
    """Write the customers and `orders` orders with COPY; returns the seconds it took (with ANALYZE)."""
    started = time.perf_counter()
    database = SqlDatabase.from_url(url)
    try:
        system = oms.bootstrap(uow_factory=database.unit_of_work)
        system.handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
        with database.engine.connect() as connection:
            branch_id = connection.execute(text("SELECT id FROM branches WHERE code = 'BER'")).scalar_one()
    finally:
        database.dispose()
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    now = datetime.now(UTC)
    with psycopg.connect(conninfo) as writer, writer.cursor() as cursor:
        with cursor.copy(f"COPY customers ({CUSTOMER_COLUMNS}) FROM STDIN") as copy:
            for number in range(1, CUSTOMERS + 1):
                copy.write(f"{customer_id(number)}\tCUST-{number:04}\tCustomer {number}\t\t" + "\t" * 12
                           + "f\t\tt\t1\timmediate\n")
        with cursor.copy(f"COPY sales_orders ({ORDER_COLUMNS}) FROM STDIN") as copy:
            buffer = io.StringIO()
            for index, line in enumerate(_order_lines(orders, branch_id, now), start=1):
                buffer.write(line)
                if index % CHUNK == 0:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())
        # Numbers come from the sequence: the next order made is SO-<orders + 1>
        cursor.execute(f"SELECT setval('{sequence_name(DocumentType.SALES_ORDER)}', {orders})")
    with psycopg.connect(conninfo, autocommit=True) as maintenance:
        maintenance.execute("VACUUM ANALYZE customers")
        maintenance.execute("VACUUM ANALYZE sales_orders")
    return time.perf_counter() - started


def timed(run: Callable[[], object], repeat: int, warmup: int = 5) -> tuple[float, float]:
    """(p50, p95) in milliseconds of `repeat` runs."""
    for _ in range(warmup):
        run()
    spent = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        spent.append((time.perf_counter() - started) * 1000)
    return percentile(spent, 0.5), percentile(spent, 0.95)


def deep_cursor(url: str, where: str, parameters: dict[str, str]) -> str:
    """The cursor a client holds 80% of the way down the listing (newest first) of the orders `where` (or one
    page before its end, if that is nearer)."""
    database = SqlDatabase.from_url(url)
    try:
        with database.engine.connect() as connection:
            total = connection.execute(text(f"SELECT count(*) FROM sales_orders WHERE {where}"),
                                       parameters).scalar_one()
            row = connection.execute(text(f"SELECT id, created_at FROM sales_orders WHERE {where} "
                                          "ORDER BY created_at DESC, id DESC OFFSET :depth LIMIT 1"),
                                     {**parameters, "depth": min(int(total * DEEP), total - PAGE - 1)}).one()
    finally:
        database.dispose()
    return encode_cursor(SALES_ORDERS, (row.created_at, row.id), newest_first=True)


def measure(url: str, repeat: int, aggregate_repeat: int) -> list[Row]:
    customer = customer_id(7)
    by_status = deep_cursor(url, "status = :status", {"status": "confirmed"})
    by_customer = deep_cursor(url, "customer_id = :customer", {"customer": customer})
    database = SqlDatabase.from_url(url)
    rows: list[Row] = []
    try:
        listing = database.listings()
        system = oms.bootstrap(uow_factory=database.unit_of_work)
        tokens = SqlApiTokenStore(database.engine)
        secret = issue_token(tokens, system.bus.clock, name="bench", role="viewer").secret
        client = create_app(system, tokens=tokens, listings=listing).test_client()
        auth = {"Authorization": f"Bearer {secret}"}

        def api(query: str) -> Callable[[], object]:
            def get() -> object:
                response = client.get(f"/api/v1/sales-orders?{query}", headers=auth)
                assert response.status_code == 200, response.get_data(as_text=True)
                assert len(response.get_json()["items"]) == PAGE
                return response

            return get

        def adapter(query: ListingQuery) -> Callable[[], object]:
            def get() -> object:
                page = listing.page(SALES_ORDERS, query)
                assert len(page.items) == PAGE
                return page

            return get

        cases = [
            ("by status, first page", ListingQuery(filters={"status": ("confirmed",)}, newest_first=True, limit=PAGE),
             f"status=confirmed&limit={PAGE}"),
            ("by status, deep page", ListingQuery(filters={"status": ("confirmed",)}, newest_first=True, limit=PAGE,
                                                  cursor=by_status),
             f"status=confirmed&limit={PAGE}&cursor={by_status}"),
            ("by customer, first page", ListingQuery(filters={"customer_id": customer}, newest_first=True,
                                                     limit=PAGE),
             f"customer=CUST-0007&limit={PAGE}"),
            ("by customer, deep page", ListingQuery(filters={"customer_id": customer}, newest_first=True,
                                                    limit=PAGE, cursor=by_customer),
             f"customer=CUST-0007&limit={PAGE}&cursor={by_customer}"),
        ]
        for layer, make in (("adapter", 0), ("API", 1)):
            for name, query, parameters in cases:
                p50, p95 = timed(adapter(query) if make == 0 else api(parameters), repeat)
                rows.append(Row(name=f"d. listing {name} ({layer}) p50", figure=p50, unit="ms"))
                rows.append(Row(name=f"d. listing {name} ({layer}) p95", figure=p95, unit="ms",
                                target=f"< {TARGET_MS:.0f} ms", met=p95 < TARGET_MS))

        def aggregate() -> object:
            with database.engine.connect() as connection:
                return connection.execute(text(SALES_BY_MONTH)).all()

        p50, p95 = timed(aggregate, aggregate_repeat, warmup=2)
        rows.append(Row(name="d. sales by month, all orders (SQL) p50", figure=p50, unit="ms"))
        rows.append(Row(name="d. sales by month, all orders (SQL) p95", figure=p95, unit="ms",
                        note="plain SQL: oms has no such query; a full scan of sales_orders"))
    finally:
        database.dispose()
    return rows


def run(orders: int, repeat: int, aggregate_repeat: int, progress: Callable[[str], None] = print) -> list[Row]:
    with fresh_postgres("oms_bench_scale") as url:
        upgrade(url)
        seconds = generate(url, orders)
        progress(f"  d. {orders:,} orders generated in {seconds:.0f} s")
        rows = measure(url, repeat, aggregate_repeat)
    return [Row(name="d. orders generated with COPY (+ VACUUM ANALYZE)", figure=orders / seconds, unit="orders/s",
                note=f"{orders:,} orders in {seconds:.0f} s"), *rows]
