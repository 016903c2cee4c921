"""Benchmark m: carts over HTTP through gunicorn on PostgreSQL (issue 18), beside the bare cart endpoints
(benchmarks.bare_carts: the same rows written by raw SQL) in the same gunicorn configuration, in the same run.

m, cart operations: an anonymous cart opened, a line added, its quantity changed (three requests: the figure counts
each), in a branch whose carts hold stock (hold_minutes 15: every change rewrites the cart's holds). m', checkouts:
a customer's cart opened, a line added, checked out at the total the add answered (into a confirmed sales order,
its stock reserved and its holds dropped); the figure counts whole checkouts. The customers rotate over CUSTOMERS so
no two connections share an active cart. The servers alternate in slices on one database, as in benchmark c.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable

import oms
from benchmarks.http_load import Measured, compare
from benchmarks.loadgen import HttpConnection, Operation
from benchmarks.report import Row
from benchmarks.servers import GUNICORN_THREADS, GUNICORN_WORKERS, fresh_postgres, gunicorn, oms_command, oms_gunicorn
from benchmarks.sql_adapters import seed
from oms.adapters.sql import SqlDatabase

CONNECTIONS = 16
CUSTOMERS = 1000
CATALOG = tuple(f"C-{number:03}" for number in range(1, 21))
JSON = {"Content-Type": "application/json"}


def _body(value: object) -> bytes:
    return json.dumps(value).encode()


def oms_cart_operations(secret: str) -> Operation:
    auth = {"Authorization": f"Bearer {secret}"}
    choose = random.Random(1).choice

    async def session(connection: HttpConnection, number: int) -> str | None:
        opened = await connection.request("POST", "/api/v1/carts", _body({"branch_code": "BER"}), {**auth, **JSON})
        if opened.status != 201:
            return f"open {opened.status}"
        cart, token = opened.json()["id"], {**auth, **JSON, "X-Cart-Token": opened.json()["token"]}
        added = await connection.request("POST", f"/api/v1/carts/{cart}/lines",
                                         _body({"sku": choose(CATALOG), "quantity": "2"}), token)
        if added.status != 200:
            return f"add {added.status}"
        line = added.json()["lines"][0]["id"]
        changed = await connection.request("PATCH", f"/api/v1/carts/{cart}/lines/{line}", _body({"quantity": "1"}),
                                           token)
        return None if changed.status == 200 else f"change {changed.status}"

    return session


def oms_checkouts(secret: str) -> Operation:
    headers = {"Authorization": f"Bearer {secret}", **JSON}
    choose = random.Random(2).choice

    async def checkout(connection: HttpConnection, number: int) -> str | None:
        customer = "ACME" if number % CUSTOMERS == 0 else f"CUST-{1 + number % CUSTOMERS}"
        opened = await connection.request("POST", "/api/v1/carts",
                                          _body({"branch_code": "BER", "customer_code": customer}), headers)
        if opened.status != 201:
            return f"open {opened.status}"
        cart = opened.json()["id"]
        added = await connection.request("POST", f"/api/v1/carts/{cart}/lines",
                                         _body({"sku": choose(CATALOG), "quantity": "1"}), headers)
        if added.status != 200:
            return f"add {added.status}"
        checked = await connection.request("POST", f"/api/v1/carts/{cart}/checkout",
                                           _body({"expected_total": added.json()["total"]["amount"]}), headers)
        return None if checked.status == 200 else f"checkout {checked.status}"

    return checkout


def bare_cart_operations() -> Operation:
    choose = random.Random(3).choice

    async def session(connection: HttpConnection, number: int) -> str | None:
        opened = await connection.request("POST", "/raw/carts", _body({}), JSON)
        if opened.status != 201:
            return f"bare open {opened.status}"
        cart = opened.json()["id"]
        added = await connection.request("POST", f"/raw/carts/{cart}/lines",
                                         _body({"sku": choose(CATALOG), "quantity": "2"}), JSON)
        if added.status != 200:
            return f"bare add {added.status}"
        changed = await connection.request("PATCH", f"/raw/carts/{cart}/lines/{added.json()['line']}",
                                           _body({"quantity": "1"}), JSON)
        return None if changed.status == 200 else f"bare change {changed.status}"

    return session


def bare_checkouts() -> Operation:
    choose = random.Random(4).choice

    async def checkout(connection: HttpConnection, number: int) -> str | None:
        customer = "ACME" if number % CUSTOMERS == 0 else f"CUST-{1 + number % CUSTOMERS}"
        opened = await connection.request("POST", "/raw/carts", _body({"customer": customer}), JSON)
        if opened.status != 201:
            return f"bare open {opened.status}"
        cart = opened.json()["id"]
        added = await connection.request("POST", f"/raw/carts/{cart}/lines",
                                         _body({"sku": choose(CATALOG), "quantity": "1"}), JSON)
        if added.status != 200:
            return f"bare add {added.status}"
        checked = await connection.request("POST", f"/raw/carts/{cart}/checkout", None, JSON)
        return None if checked.status == 200 else f"bare checkout {checked.status}"

    return checkout


def _rows(letter: str, what: str, unit: str, per: int, oms: Measured, bare: Measured) -> list[Row]:
    failures = ", ".join(f"{why} x{n}" for why, n in (oms.result.failures + bare.result.failures).most_common(3))
    cpu = (f"CPU per session: oms {oms.per_operation_ms(oms.server_cpu):.1f} ms in gunicorn + "
           f"{oms.per_operation_ms(oms.database_cpu):.1f} ms in PostgreSQL, bare "
           f"{bare.per_operation_ms(bare.server_cpu):.1f} + {bare.per_operation_ms(bare.database_cpu):.1f} ms")
    note = (f"{cpu}; session (3 requests) p50 oms {oms.result.p(0.5) * 1000:.0f} ms, bare "
            f"{bare.result.p(0.5) * 1000:.0f} ms, p99 oms {oms.result.p(0.99) * 1000:.0f} ms; gunicorn gthread "
            f"{GUNICORN_WORKERS}x{GUNICORN_THREADS}" + (f"; failures: {failures}" if failures else ""))
    return [Row(name=f"{letter}. HTTP @{CONNECTIONS} conns: {what}", figure=per * oms.result.rate, unit=unit,
                reference=per * bare.result.rate, note=note)]


def run(seconds: float, progress: Callable[[str], None] = print) -> list[Row]:
    with fresh_postgres() as url:
        oms_command(url, "db", "upgrade")
        database = SqlDatabase.from_url(url)
        try:
            system = oms.bootstrap(uow_factory=database.unit_of_work)
            seed(system, CATALOG, customers=CUSTOMERS)
            system.handle(oms.SetCartPolicy(branch_code="BER", hold_minutes=15))
        finally:
            database.dispose()
        secret = oms_command(url, "token", "create", "--role", "clerk", "--name", "bench").strip()
        with oms_gunicorn(url) as shop, gunicorn("bare carts", "benchmarks.bare_carts:create_bare_carts()",
                                                 url) as bare:
            progress(f"  m. {CONNECTIONS} connections, {seconds:.0f} s per server: open, add, change")
            sessions = compare({"oms": (shop, oms_cart_operations(secret)), "bare": (bare, bare_cart_operations())},
                               CONNECTIONS, seconds, url)
            progress(f"  m'. {CONNECTIONS} connections, {seconds:.0f} s per server: open, add, check out")
            checkouts = compare({"oms": (shop, oms_checkouts(secret)), "bare": (bare, bare_checkouts())},
                                CONNECTIONS, seconds, url)
    return (_rows("m", "cart operations (open, add, change)", "requests/s", 3, sessions["oms"], sessions["bare"])
            + _rows("m'", "checkouts (open, add, check out)", "checkouts/s", 1, checkouts["oms"],
                    checkouts["bare"]))

