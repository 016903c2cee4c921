"""A flash sale through carts (issue 18, scale and faults): many clients over HTTP, each with a cart of its own at a
time, add units of the last ones of a product and check out, in a branch whose carts hold stock (hold_minutes set).

A buyer opens a cart for a customer (a client buys as one customer until it leaves a cart; checkout needs a
customer), adds 1 to 3 units (a refusal, 409 StockMustBeAvailable, is tried once more with
one unit), then checks out at the total its cart answered; every fifth buyer leaves its cart instead, so its
unexpired hold stands to the end. Checked: never more sold than on hand, and sold + held never more than on hand
(every unexpired hold honoured: no order confirmed while others' holds would make stock go short); every cart whose
add succeeded checks out (its own hold is honoured); the sale sells out; the invariants (stock never negative, on
hand the sum of its movements, every acknowledged order whole)."""

from __future__ import annotations

import asyncio
import random
import secrets
import time
from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal

from attrs import define, field, frozen

from benchmarks.loadgen import ConnectionLost
from reliability.crash import fetch
from reliability.invariants import Acknowledged
from reliability.outcome import Outcome, tally
from reliability.target import Api, Target, expect

SOLD_OUT = "409 StockMustBeAvailable"
HOLD_MINUTES = 30


@frozen
class CartFlashSale:
    units: int = 1000
    clients: int = 64
    leave_every: int = 5  # every n-th buyer leaves its cart with its hold
    time_limit: float = 300.0


@define
class Sale:
    sku: str
    branch: str
    results: Counter[str] = field(factory=Counter)
    acknowledged: dict[str, Acknowledged] = field(factory=dict)
    sold: Decimal = Decimal(0)
    left: Decimal = Decimal(0)  # held by carts left
    refusals: int = 0  # buyers who got nothing into their cart


def _problem(reply_status: int, body: object) -> str:
    problem = body if isinstance(body, dict) else {}
    return f"{reply_status} {problem.get('rule') or problem.get('type')}"


async def buy(api: Api, sale: Sale, customer: str, buyer: int, chooser: random.Random, leave_every: int) -> str:
    """What happened to one buyer, a customer without a cart in the branch: "checked out", "left its cart" (the
    customer's, who buys no more), SOLD_OUT, or what went wrong."""
    opened = await api.post("/carts", {"branch_code": sale.branch, "customer_code": customer})
    if opened.status != 201:
        return f"open answered {opened.status}"
    cart = opened.json()["id"]
    quantity = chooser.randint(1, 3)
    for wanted in (quantity, 1) if quantity > 1 else (1,):
        added = await api.post(f"/carts/{cart}/lines", {"sku": sale.sku, "quantity": str(wanted)})
        if added.status == 200:
            break
        if _problem(added.status, added.json()) != SOLD_OUT:
            return f"add: {_problem(added.status, added.json())}"
    else:
        sale.refusals += 1
        return SOLD_OUT
    if buyer % leave_every == 0:
        sale.left += wanted
        return "left its cart"
    total = added.json()["total"]["amount"]
    checked = await api.post(f"/carts/{cart}/checkout", {"expected_total": total})
    if checked.status != 200:
        return f"checkout of a held cart: {_problem(checked.status, checked.json())}"
    number = checked.json()["order_number"]
    sale.acknowledged[number] = Acknowledged(number, 1, "confirmed")
    sale.sold += wanted
    return "checked out"


async def _set_up(target: Target, size: CartFlashSale) -> Sale:
    run = secrets.token_hex(3).upper()
    branch, sku = f"FS{run}", f"FSALE-{run}"
    api = target.client()
    try:
        await expect(api.post("/branches", {"code": branch, "name": "Flash sale", "currency": "EUR",
                                            "tax_jurisdiction": "DE"}), 201)
        await expect(api.post("/warehouses", {"code": f"{branch}-1", "name": "Sale stock", "branch_code": branch,
                                              "priority": 10}), 201)
        await expect(api.post("/products", {"sku": sku, "name": "Flash sale product", "price": "10.00",
                                            "currency": "EUR"}), 201)
        await expect(api.post("/stock/receipts", {"sku": sku, "warehouse_code": f"{branch}-1",
                                                  "quantity": str(size.units)}), 201)
        await expect(api.send("PUT", f"/cart-policies/{branch}", {"hold_minutes": HOLD_MINUTES}), 200)
    finally:
        await api.close()
    return Sale(sku, branch)


async def _sale(target: Target, size: CartFlashSale, outcome: Outcome) -> Sale:
    sale = await _set_up(target, size)
    buyers, deadline = iter(range(1, 10 * size.units)), time.monotonic() + size.time_limit
    sold_out = asyncio.Event()

    async def client(number: int) -> None:
        api, chooser = target.client(), random.Random(f"{sale.sku}-{number}")
        customer = ""
        try:
            while not sold_out.is_set() and time.monotonic() < deadline:
                buyer = next(buyers)
                if not customer:
                    customer = f"{sale.branch}-C{buyer}"
                    await expect(api.post("/customers", {"code": customer, "name": f"Buyer {buyer}"}), 201)
                try:
                    result = await buy(api, sale, customer, buyer, chooser, size.leave_every)
                    customer = "" if result == "left its cart" else customer
                except ConnectionLost as error:
                    result = f"connection lost: {error}"
                sale.results[result] += 1
                if sale.refusals >= size.clients:  # every client saw the shelf empty at least once
                    sold_out.set()
        finally:
            await api.close()

    await asyncio.gather(*(client(number) for number in range(size.clients)))
    outcome.expect(sold_out.is_set(), f"the sale did not sell out within {size.time_limit:.0f} s")
    return sale


def _held(database_url: str, sku: str) -> tuple[Decimal, Decimal, Decimal]:
    """Unexpired holds of the product, and its level's on hand and reserved (summed over warehouses)."""
    [(product,)] = fetch(database_url, "SELECT id FROM products WHERE sku = :sku", sku=sku)
    holds = fetch(database_url, "SELECT quantity, until FROM stock_holds WHERE product_id = :p", p=product)
    [level] = fetch(database_url, "SELECT coalesce(sum(on_hand), 0), coalesce(sum(reserved), 0) FROM stock_levels "
                    "WHERE product_id = :p", p=product)
    now = datetime.now(UTC)
    held = sum((Decimal(str(q)) for q, until in holds if _aware(until) > now), Decimal(0))
    return held, Decimal(str(level[0])), Decimal(str(level[1]))


def _aware(value: object) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def cart_flash_sale(target: Target, size: CartFlashSale = CartFlashSale()) -> Outcome:
    outcome = Outcome("cart flash sale (holds on)", target.backend)
    started = time.perf_counter()
    sale = asyncio.run(_sale(target, size, outcome))
    held, on_hand, reserved = _held(target.database_url, sale.sku)
    units = Decimal(size.units)
    outcome.summary = (f"{sum(sale.results.values())} buyers for {size.units} units, {size.clients} clients: "
                       f"{tally(sale.results)}; {sale.sold} sold, {held} held by carts left")
    outcome.expect(sale.sold <= units, f"{sale.sold} units sold of {size.units} on hand")
    outcome.expect(reserved == sale.sold, f"{reserved} reserved for orders, {sale.sold} sold to clients")
    outcome.expect(on_hand == units, f"on hand is {on_hand}, not the {size.units} received")
    outcome.expect(held == sale.left, f"{held} units held by carts, {sale.left} put in carts left")
    outcome.expect(reserved + held <= on_hand, f"{reserved} sold and {held} held of {on_hand} on hand: "
                                               "an unexpired hold was not honoured")
    outcome.expect(reserved + held == on_hand, f"{on_hand - reserved - held} units neither sold nor held "
                                               "after the sale sold out")
    others = {what: n for what, n in sale.results.items() if what not in ("checked out", "left its cart", SOLD_OUT)}
    outcome.expect(not others, f"unexpected answers: {others}")
    outcome.check_invariants(target.database_url, sale.acknowledged)
    outcome.seconds = time.perf_counter() - started
    return outcome
