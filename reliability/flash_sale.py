"""Flash sale: many concurrent clients buy one product with few units over HTTP; exactly as many as there are
units succeed, every other buyer gets 409 (StockMustBeAvailable), and nothing is oversold.

A buyer creates an order for one unit (with an Idempotency-Key) and confirms it; a confirm answered 409
concurrent-update is retried (at most RETRIES times), as the problem document asks.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import Counter
from decimal import Decimal

from attrs import frozen

from benchmarks.loadgen import ConnectionLost
from reliability.invariants import Acknowledged
from reliability.outcome import Outcome, tally
from reliability.target import Api, Target, new_product

RETRIES = 5
SOLD_OUT = "409 StockMustBeAvailable"


@frozen
class FlashSale:
    units: int = 1000
    clients: int = 64
    buyers: int = 1500
    time_limit: float = 300.0


async def buy(api: Api, sku: str, key: str, acknowledged: dict[str, Acknowledged]) -> str:
    """What happened to one buyer: "confirmed", SOLD_OUT, or what went wrong."""
    created = await api.post("/sales-orders", {"customer_code": "ACME", "branch_code": "BER",
                                               "lines": [{"sku": sku, "quantity": "1"}]}, key=key)
    if created.status != 201:
        return f"create answered {created.status}"
    number = created.json()["number"]
    acknowledged[number] = Acknowledged(number, 1)
    for _ in range(RETRIES):
        confirmed = await api.post(f"/sales-orders/{number}/confirm")
        if confirmed.status == 200:
            acknowledged[number] = Acknowledged(number, 1, "confirmed")
            return "confirmed"
        problem = confirmed.json() or {}
        if confirmed.status == 409 and str(problem.get("type", "")).endswith("concurrent-update"):
            continue
        return f"{confirmed.status} {problem.get('rule') or problem.get('type')}"
    return f"confirm still conflicting after {RETRIES} tries"


async def _sale(target: Target, size: FlashSale, outcome: Outcome) -> None:
    sku = await new_product(target, "FLASH", size.units)
    run, buyers = secrets.token_hex(4), iter(range(size.buyers))
    results: Counter[str] = Counter()
    acknowledged: dict[str, Acknowledged] = {}
    deadline = time.monotonic() + size.time_limit

    async def client() -> None:
        api = target.client()
        try:
            while time.monotonic() < deadline and (buyer := next(buyers, None)) is not None:
                try:
                    results[await buy(api, sku, f"flash-{run}-{buyer}", acknowledged)] += 1
                except ConnectionLost as error:
                    results[f"connection lost: {error}"] += 1
        finally:
            await api.close()

    await asyncio.gather(*(client() for _ in range(size.clients)))
    outcome.summary = f"{size.buyers} buyers for {size.units} units, {size.clients} clients: {tally(results)}"
    outcome.expect(sum(results.values()) == size.buyers,
                   f"only {sum(results.values())} of {size.buyers} buyers were served within {size.time_limit:.0f} s")
    outcome.expect(results["confirmed"] == size.units, f"{results['confirmed']} orders confirmed, not {size.units}")
    outcome.expect(results[SOLD_OUT] == size.buyers - size.units,
                   f"{results[SOLD_OUT]} buyers got {SOLD_OUT}, not {size.buyers - size.units}")
    others = {what: count for what, count in results.items() if what not in ("confirmed", SOLD_OUT)}
    outcome.expect(not others, f"unexpected answers: {others}")
    api = target.client()
    try:
        stock = (await api.get(f"/products/{sku}/stock")).json()
    finally:
        await api.close()
    level = stock["items"][0] if stock.get("items") else {"reserved": "-1", "available": "-1"}
    outcome.expect((Decimal(level["reserved"]), Decimal(level["available"])) == (Decimal(size.units), Decimal(0)),
                   f"the product's stock after the sale is {level}, not {size.units} reserved and 0 available")
    outcome.check_invariants(target.database_url, acknowledged)


def flash_sale(target: Target, size: FlashSale = FlashSale()) -> Outcome:
    outcome = Outcome("flash sale", target.backend)
    started = time.perf_counter()
    asyncio.run(_sale(target, size, outcome))
    outcome.seconds = time.perf_counter() - started
    return outcome
