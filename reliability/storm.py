"""Idempotency storm: many concurrent requests with one Idempotency-Key create one order, and many concurrent
confirms of that order (again under one key) reserve its stock once.

Every answer is the order (201/200, the first or its replay) or 409 idempotency-key-in-use; a retry afterwards
replays the same order; the same key with another body is refused with 422.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import Counter
from decimal import Decimal

from attrs import frozen
from sqlalchemy import create_engine, text

from benchmarks.loadgen import Reply
from reliability.invariants import Acknowledged
from reliability.outcome import Outcome, tally
from reliability.target import Api, Target, new_product

IN_USE = "idempotency-key-in-use"


@frozen
class Storm:
    requests: int = 20
    quantity: int = 3


def _kind(reply: Reply) -> str:
    if reply.status >= 400:
        problem = reply.json() or {}
        return f"{reply.status} {str(problem.get('type', '')).rsplit(':', 1)[-1]}"
    return str(reply.status)


async def _burst(apis: list[Api], path: str, body: object, key: str) -> list[Reply]:
    """The same request from every client at once (their connections are open already)."""
    return list(await asyncio.gather(*(api.post(path, body, key=key) for api in apis)))


async def _storm(target: Target, size: Storm, outcome: Outcome) -> None:
    sku = await new_product(target, "STORM", size.quantity * 2)
    marker = f"storm-{secrets.token_hex(4)}"
    body = {"customer_code": "ACME", "branch_code": "BER", "customer_reference": marker,
            "lines": [{"sku": sku, "quantity": str(size.quantity)}]}
    apis = [target.client() for _ in range(size.requests)]
    try:
        await asyncio.gather(*(api.connection.request("GET", "/healthz") for api in apis))
        created = await _burst(apis, "/sales-orders", body, marker)
        numbers = {reply.json()["number"] for reply in created if reply.status == 201}
        seen = Counter(_kind(reply) for reply in created)
        outcome.expect(len(numbers) == 1, f"the storm of creates answered with orders {sorted(numbers)}")
        outcome.expect(set(seen) <= {"201", f"409 {IN_USE}"}, f"unexpected answers to the creates: {dict(seen)}")
        number = min(numbers) if numbers else "?"
        confirmed = await _burst(apis, f"/sales-orders/{number}/confirm", None, f"{marker}-confirm")
        confirms = Counter(_kind(reply) for reply in confirmed)
        outcome.expect(set(confirms) <= {"200", f"409 {IN_USE}"} and "200" in confirms,
                       f"unexpected answers to the confirms: {dict(confirms)}")
        retry = await apis[0].post("/sales-orders", body, key=marker)
        outcome.expect(retry.status == 201 and retry.json()["number"] == number
                       and retry.headers.get("idempotent-replayed") == "true",
                       f"a retry after the storm answered {retry.status} {retry.body[:120]!r}")
        other = await apis[0].post("/sales-orders", {**body, "customer_reference": "another"}, key=marker)
        outcome.expect(other.status == 422, f"the key with another body answered {other.status}, not 422")
        stock = (await apis[0].get(f"/products/{sku}/stock")).json()
    finally:
        await asyncio.gather(*(api.close() for api in apis))
    orders = _orders_with_reference(target.database_url, marker)
    outcome.expect(orders == 1, f"{orders} orders in the database carry the storm's reference, not 1")
    reserved = Decimal(stock["items"][0]["reserved"]) if stock.get("items") else None
    outcome.expect(reserved == size.quantity, f"{reserved} units reserved, not {size.quantity}")
    outcome.summary = (f"{size.requests} concurrent creates with one key: {tally(seen)}; {size.requests} "
                       f"concurrent confirms: {tally(confirms)}; {orders} order, {reserved} reserved")
    outcome.check_invariants(target.database_url, {number: Acknowledged(number, 1, "confirmed")} if numbers else {})


def _orders_with_reference(database_url: str, reference: str) -> int:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM sales_orders WHERE customer_reference = :r"),
                                          {"r": reference}).scalar_one())
    finally:
        engine.dispose()


def idempotency_storm(target: Target, size: Storm = Storm()) -> Outcome:
    outcome = Outcome("idempotency storm", target.backend)
    started = time.perf_counter()
    asyncio.run(_storm(target, size, outcome))
    outcome.seconds = time.perf_counter() - started
    return outcome
