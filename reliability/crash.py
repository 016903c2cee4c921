"""Crash: gunicorn workers killed with SIGKILL again and again while clients place orders (gunicorn starts new
ones). Clients do what a careful client does: a request that got no answer (connection reset, 5xx) is sent again
with the same Idempotency-Key, and a 409 idempotency-key-in-use is retried after a pause.

Afterwards: every acknowledged order exists, whole; a retry of every create with its key returns the same order;
a retry of every create that got no answer under load answers now (no key is left claimed by a dead worker: a key
is claimed only by the transaction of its command); the invariants hold.
"""

from __future__ import annotations

import asyncio
import os
import random
import secrets
import signal
import time
from collections import Counter
from typing import Any

from attrs import define, field, frozen
from sqlalchemy import create_engine, text

from benchmarks.loadgen import ConnectionLost, Reply
from reliability.invariants import Acknowledged
from reliability.outcome import Outcome, tally
from reliability.target import Api, Target, new_product

TRIES = 30  # sends of one request before the client gives up on it
PAUSE = 0.25  # seconds between tries


@frozen
class Crash:
    placements: int = 2000
    clients: int = 16
    kills: int = 8
    interval: float = 0.25  # seconds between kills
    time_limit: float = 300.0


@define
class Ledger:
    """What the clients saw."""

    acknowledged: dict[str, Acknowledged] = field(factory=dict)
    keys: dict[str, str] = field(factory=dict)  # idempotency key -> the order number it was answered with
    unanswered: dict[str, str] = field(factory=dict)  # idempotency key -> the last thing it got
    events: Counter[str] = field(factory=Counter)


async def send(api: Api, path: str, body: object, key: str | None, ledger: Ledger) -> Reply | None:
    """The first answer that is neither a lost connection, nor a 5xx, nor 409 in-use; None after TRIES."""
    for _ in range(TRIES):
        try:
            reply = await api.post(path, body, key=key)
        except ConnectionLost:
            ledger.events["connection lost, sent again"] += 1
            await asyncio.sleep(PAUSE)
            continue
        problem = reply.json() if reply.status >= 400 else {}
        if reply.status >= 500:
            ledger.events[f"{reply.status}, sent again"] += 1
        elif reply.status == 409 and str(problem.get("type", "")).endswith("idempotency-key-in-use"):
            ledger.events["409 key in use, sent again"] += 1
        else:
            return reply
        await asyncio.sleep(PAUSE)
    return None


async def place(api: Api, sku: str, key: str, ledger: Ledger, *, one_call: bool = False) -> None:
    """A placement of one unit: created, then confirmed; or `one_call`, created and confirmed in one request."""
    body = {"customer_code": "ACME", "branch_code": "BER", "lines": [{"sku": sku, "quantity": "1"}],
            **({"confirm": True} if one_call else {})}
    created = await send(api, "/sales-orders", body, key, ledger)
    if created is None or created.status != 201:
        ledger.unanswered[key] = "no answer" if created is None else f"answered {created.status}"
        return
    number = created.json()["number"]
    ledger.keys[key] = number
    ledger.acknowledged[number] = Acknowledged(number, 1, "confirmed" if one_call else "draft")
    if one_call:
        return
    confirmed = await send(api, f"/sales-orders/{number}/confirm", None, f"{key}-confirm", ledger)
    if confirmed is not None and confirmed.status == 200:
        ledger.acknowledged[number] = Acknowledged(number, 1, "confirmed")
    else:
        ledger.events[f"confirm {'unanswered' if confirmed is None else confirmed.status}"] += 1


async def _crash(target: Target, size: Crash, outcome: Outcome) -> None:
    sku = await new_product(target, "CRASH", size.placements * 2)
    run, numbers, ledger = secrets.token_hex(4), iter(range(size.placements)), Ledger()
    deadline = time.monotonic() + size.time_limit
    killed: list[int] = []
    loading = True

    async def client() -> None:
        api = target.client(timeout=20)
        try:
            while time.monotonic() < deadline and (number := next(numbers, None)) is not None:
                await place(api, sku, f"crash-{run}-{number}", ledger)
        finally:
            await api.close()

    async def killer() -> None:
        chooser = random.Random(run)
        while loading and len(killed) < size.kills and time.monotonic() < deadline:
            await asyncio.sleep(size.interval)
            workers = target.server.worker_pids()  # children of the gunicorn we started
            if loading and workers:
                victim = chooser.choice(workers)
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)

    kill = asyncio.create_task(killer())
    await asyncio.gather(*(client() for _ in range(size.clients)))
    loading = False
    await kill
    await asyncio.sleep(2)  # let gunicorn replace the last worker killed
    await _verify(target, sku, ledger, outcome)
    unacknowledged = orders_of(target.database_url, sku) - len(ledger.acknowledged)
    outcome.summary = (f"{size.placements} placements by {size.clients} clients, {len(killed)} workers killed: "
                       f"{len(ledger.acknowledged)} acknowledged, {unacknowledged} more orders in the database "
                       f"that no client was told of; {tally(ledger.events) or 'no retries'}")
    outcome.expect(len(killed) > 0, "no worker was killed: the load ended too soon")
    outcome.expect(target.server.alive(), "the gunicorn master died")


async def _verify(target: Target, sku: str, ledger: Ledger, outcome: Outcome) -> None:
    api = target.client()
    body = {"customer_code": "ACME", "branch_code": "BER", "lines": [{"sku": sku, "quantity": "1"}]}
    try:
        for key, number in ledger.keys.items():
            retry = await api.post("/sales-orders", body, key=key)
            same = retry.status == 201 and retry.json()["number"] == number
            outcome.expect(same, f"a retry with key {key} answered {retry.status} {retry.body[:120]!r}, "
                                 f"not order {number}")
        for key, why in ledger.unanswered.items():
            retry = await api.post("/sales-orders", body, key=key)
            outcome.expect(retry.status == 201, f"key {key} ({why} under load) still answers {retry.status} "
                                                f"{retry.body[:160]!r} after the load")
            if retry.status == 201:
                number = retry.json()["number"]
                ledger.acknowledged[number] = Acknowledged(number, 1)
    finally:
        await api.close()
    outcome.check_invariants(target.database_url, ledger.acknowledged)


def count(database_url: str, sql: str, **parameters: str) -> int:
    """The one number `sql` answers on the database."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(sql), parameters).scalar_one())
    finally:
        engine.dispose()


def fetch(database_url: str, sql: str, **parameters: str) -> list[Any]:
    """The rows `sql` answers on the database."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(sql), parameters).all())
    finally:
        engine.dispose()


def orders_of(database_url: str, sku: str) -> int:
    return count(database_url, "SELECT count(DISTINCT l.sales_order_id) FROM order_lines l WHERE l.sku = :sku",
                  sku=sku)


def crash(target: Target, size: Crash = Crash()) -> Outcome:
    outcome = Outcome("crash (kill -9 workers)", target.backend)
    if not target.server.worker_pids():
        outcome.summary = "skipped: the server has no worker processes to kill (gunicorn on PostgreSQL has)"
        return outcome
    started = time.perf_counter()
    asyncio.run(_crash(target, size, outcome))
    outcome.seconds = time.perf_counter() - started
    return outcome
