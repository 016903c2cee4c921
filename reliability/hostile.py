"""Hostile input: requests no client should send (impossible quantities, float money, unknown SKUs, 10,000 lines,
a body over the size limit, malformed JSON, the wrong content type, NUL and odd Unicode, ...). Each must be
answered 4xx (never 2xx, never 5xx), and no table may gain or lose a row.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Mapping

from attrs import frozen

from benchmarks.loadgen import ConnectionLost
from reliability.invariants import table_counts
from reliability.outcome import Outcome
from reliability.target import Target, new_product

LIMIT = 1024 * 1024  # the API's default body limit (OMS_HTTP_MAX_BODY_BYTES)


@frozen
class Case:
    name: str
    path: str
    body: bytes
    headers: Mapping[str, str] = {"Content-Type": "application/json"}
    method: str = "POST"


def _order(sku: str, line: object = None, **extra: object) -> dict[str, object]:
    lines = [line] if line is not None else [{"sku": sku, "quantity": "1"}]
    return {"customer_code": "ACME", "branch_code": "BER", "lines": lines, **extra}


def _json(value: object) -> bytes:
    return json.dumps(value).encode()


def cases(sku: str) -> list[Case]:
    """The hostile requests, for a product `sku` that exists and has stock."""
    orders = "/api/v1/sales-orders"

    def line(quantity: object, **extra: object) -> bytes:
        return _json(_order(sku, {"sku": sku, "quantity": quantity, **extra}))

    return [
        Case("zero quantity", orders, line("0")),
        Case("negative quantity", orders, line("-1")),
        Case("huge quantity", orders, line("1" + "0" * 40)),
        Case("quantity 1e9999", orders, line("1e9999")),
        Case("quantity NaN", orders, line("NaN")),
        Case("quantity with 7 decimals", orders, line("0.0000001")),
        Case("quantity as a JSON float", orders, line(1.5)),
        Case("unit price as a JSON float", orders, line("1", unit_price=9.99)),
        Case("negative unit price", orders, line("1", unit_price="-9.99")),
        Case("discount of 150%", orders, _json(_order(sku, order_discount={"kind": "percent", "value": "150"}))),
        Case("unknown SKU", orders, _json(_order(sku, {"sku": "NO-SUCH-SKU", "quantity": "1"}))),
        Case("10,000 lines", orders, _json({**_order(sku), "lines": [{"sku": sku, "quantity": "1"}] * 10_000})),
        Case("body over the size limit", orders, _json(_order(sku, customer_reference="x" * (LIMIT + 1024)))),
        Case("malformed JSON", orders, b'{"customer_code": "ACME", "lines": ['),
        Case("JSON NaN literal", orders, b'{"customer_code": "ACME", "branch_code": "BER", "lines": '
                                         b'[{"sku": "X", "quantity": NaN}]}'),
        Case("JSON nested 100,000 deep", orders, b"[" * 100_000 + b"]" * 100_000),
        Case("a JSON array, not an object", orders, _json([_order(sku)])),
        Case("unknown field", orders, _json(_order(sku, surprise=True))),
        Case("lines as a string", orders, _json({**_order(sku), "lines": "all of them"})),
        Case("empty body", orders, b""),
        Case("wrong content type", orders, _json(_order(sku)), {"Content-Type": "text/plain"}),
        Case("no content type", orders, _json(_order(sku)), {}),
        Case("form-encoded body", orders, b"customer_code=ACME&branch_code=BER",
             {"Content-Type": "application/x-www-form-urlencoded"}),
        Case("invalid UTF-8", orders, b'{"customer_code": "\xff\xfe", "branch_code": "BER", "lines": []}'),
        Case("NUL in a reference", orders, _json(_order(sku, customer_reference="a\u0000b"))),
        Case("NUL in a SKU", orders, _json(_order(sku, {"sku": sku + "\u0000", "quantity": "1"}))),
        Case("NUL in a customer code", orders, _json({**_order(sku), "customer_code": "AC\u0000ME"})),
        Case("lone surrogate in a reference", orders, _json(_order(sku, customer_reference="\ud800"))),
        Case("right-to-left override in a SKU", orders,
             _json(_order(sku, {"sku": "\u202e" + sku, "quantity": "1"}))),
        Case("zero-width space in a SKU", orders, _json(_order(sku, {"sku": sku + "\u200b", "quantity": "1"}))),
        Case("non-ASCII Idempotency-Key", orders, _json(_order(sku)),
             {"Content-Type": "application/json", "Idempotency-Key": "kéy-ü"}),
        Case("Idempotency-Key of 1,000 characters", orders, _json(_order(sku)),
             {"Content-Type": "application/json", "Idempotency-Key": "k" * 1000}),
        Case("NUL in the URL", "/api/v1/sales-orders/SO-%00/confirm", b""),
        Case("confirm of an unknown order", "/api/v1/sales-orders/SO-999999999/confirm", b""),
        Case("negative stock receipt", "/api/v1/stock/receipts",
             _json({"sku": sku, "warehouse_code": "BER-1", "quantity": "-5"})),
        Case("stock receipt as a JSON float", "/api/v1/stock/receipts",
             _json({"sku": sku, "warehouse_code": "BER-1", "quantity": 5.0})),
        Case("huge stock receipt", "/api/v1/stock/receipts",
             _json({"sku": sku, "warehouse_code": "BER-1", "quantity": "1e30"})),
        Case("product with a float price", "/api/v1/products",
             _json({"sku": "FLOATY", "name": "Floaty", "price": 9.99, "currency": "EUR"})),
        Case("product with an unknown currency", "/api/v1/products",
             _json({"sku": "XXX-CUR", "name": "x", "price": "1.00", "currency": "ZZZ"})),
    ]


async def _hostile(target: Target, outcome: Outcome) -> None:
    sku = await new_product(target, "HOSTILE", 10)
    before = table_counts(target.database_url)
    answers: dict[str, str] = {}
    for case in cases(sku):
        # A connection per case: after refusing a body unread (413) a server may close the connection.
        api = target.client(timeout=60)
        try:
            reply = await api.connection.request(case.method, case.path, case.body, {**api.auth, **case.headers})
        except ConnectionLost as error:
            answers[case.name] = "no answer"
            outcome.problems.append(f"{case.name}: the server closed the connection without an answer ({error})")
            continue
        finally:
            await api.close()
        answers[case.name] = str(reply.status)
        outcome.expect(400 <= reply.status < 500, f"{case.name}: answered {reply.status} {reply.body[:160]!r}")
    after = table_counts(target.database_url)
    changed = {table: (before[table], after[table]) for table in before if before[table] != after[table]}
    outcome.expect(not changed, f"row counts changed (before, after): {changed}")
    statuses = sorted(set(answers.values()))
    outcome.summary = f"{len(answers)} hostile requests answered {', '.join(statuses)}; row counts unchanged" \
        if not changed else f"{len(answers)} hostile requests; row counts changed"
    outcome.check_invariants(target.database_url)


def hostile_input(target: Target) -> Outcome:
    outcome = Outcome("hostile input", target.backend)
    started = time.perf_counter()
    asyncio.run(_hostile(target, outcome))
    outcome.seconds = time.perf_counter() - started
    return outcome
