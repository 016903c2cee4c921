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

from attrs import frozen

import oms
from benchmarks.http_load import Measured, compare
from benchmarks.loadgen import HttpConnection, Operation, Reply
from benchmarks.report import Row
from benchmarks.servers import GUNICORN_THREADS, GUNICORN_WORKERS, fresh_postgres, gunicorn, oms_command, oms_gunicorn
from benchmarks.sql_adapters import seed
from oms.adapters.sql import SqlDatabase

CONNECTIONS = 16
CUSTOMERS = 1000
CATALOG = tuple(f"C-{number:03}" for number in range(1, 21))
JSON = {"Content-Type": "application/json"}
OMS, BARE = "/api/v1/carts", "/raw/carts"


def _body(value: object) -> bytes:
    return json.dumps(value).encode()


@frozen
class Opened:
    cart: str
    headers: dict[str, str]  # with the cart's token when it has one
    added: Reply


async def open_and_add(connection: HttpConnection, prefix: str, opening: object, line: object,
                       headers: dict[str, str]) -> Opened | str:
    """A cart opened (POST `prefix`) and a line added, or why it failed."""
    opened = await connection.request("POST", prefix, _body(opening), headers)
    if opened.status != 201:
        return f"{prefix} open {opened.status}"
    cart = opened.json()["id"]
    if token := opened.json().get("token"):
        headers = {**headers, "X-Cart-Token": token}
    added = await connection.request("POST", f"{prefix}/{cart}/lines", _body(line), headers)
    return Opened(cart, headers, added) if added.status == 200 else f"{prefix} add {added.status}"


def cart_operations(prefix: str, headers: dict[str, str], line_of: Callable[[Reply], str], seed: int) -> Operation:
    """An anonymous cart opened, a line of 2 added, changed to 1 (`line_of`: the line's id in the add's reply)."""
    choose = random.Random(seed).choice
    opening = {"branch_code": "BER"} if prefix == OMS else {}

    async def session(connection: HttpConnection, number: int) -> str | None:
        done = await open_and_add(connection, prefix, opening, {"sku": choose(CATALOG), "quantity": "2"}, headers)
        if isinstance(done, str):
            return done
        changed = await connection.request("PATCH", f"{prefix}/{done.cart}/lines/{line_of(done.added)}",
                                           _body({"quantity": "1"}), done.headers)
        return None if changed.status == 200 else f"{prefix} change {changed.status}"

    return session


def checkouts(prefix: str, headers: dict[str, str], seed: int) -> Operation:
    """A customer's cart opened (the customers in turn), a line of 1 added, checked out at the total answered."""
    choose = random.Random(seed).choice

    async def checkout(connection: HttpConnection, number: int) -> str | None:
        customer = "ACME" if number % CUSTOMERS == 0 else f"CUST-{1 + number % CUSTOMERS}"
        opening = {"branch_code": "BER", "customer_code": customer} if prefix == OMS else {"customer": customer}
        done = await open_and_add(connection, prefix, opening, {"sku": choose(CATALOG), "quantity": "1"}, headers)
        if isinstance(done, str):
            return done
        expected = {"expected_total": done.added.json()["total"]["amount"]} if prefix == OMS else {}
        checked = await connection.request("POST", f"{prefix}/{done.cart}/checkout", _body(expected), done.headers)
        return None if checked.status == 200 else f"{prefix} checkout {checked.status}"

    return checkout


def _rows(letter: str, what: str, unit: str, per: int, oms: Measured, bare: Measured) -> list[Row]:
    failures = ", ".join(f"{why} x{n}" for why, n in (oms.result.failures + bare.result.failures).most_common(3))
    cpu = (f"CPU per session: oms {oms.per_operation_ms(oms.server_cpu):.1f} ms in gunicorn + "
           f"{oms.per_operation_ms(oms.database_cpu):.1f} ms in PostgreSQL, bare "
           f"{bare.per_operation_ms(bare.server_cpu):.1f} + {bare.per_operation_ms(bare.database_cpu):.1f} ms")
    note = (f"{cpu}; session (3 requests) p50 oms {oms.result.p(0.5) * 1000:.0f} ms, bare "
            f"{bare.result.p(0.5) * 1000:.0f} ms, p99 oms {oms.result.p(0.99) * 1000:.0f} ms; gunicorn "
            f"{GUNICORN_WORKERS}x{GUNICORN_THREADS} (gunicorn_conf)" + (f"; failures: {failures}" if failures else ""))
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
            auth = {"Authorization": f"Bearer {secret}", **JSON}
            sessions = compare({"oms": (shop, cart_operations(OMS, auth, lambda r: r.json()["lines"][0]["id"], 1)),
                                "bare": (bare, cart_operations(BARE, JSON, lambda r: r.json()["line"], 2))},
                               CONNECTIONS, seconds, url)
            progress(f"  m'. {CONNECTIONS} connections, {seconds:.0f} s per server: open, add, check out")
            checked = compare({"oms": (shop, checkouts(OMS, auth, 3)), "bare": (bare, checkouts(BARE, JSON, 4))},
                              CONNECTIONS, seconds, url)
    return (_rows("m", "cart operations (open, add, change)", "requests/s", 3, sessions["oms"], sessions["bare"])
            + _rows("m'", "checkouts (open, add, check out)", "checkouts/s", 1, checked["oms"],
                    checked["bare"]))

