"""What the scenarios run against: a real server on a fresh database, with an admin token and the master data
(branch BER, warehouse BER-1, tax DE 19%, customer ACME) set up through the HTTP API; and a small client for it."""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Awaitable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from attrs import frozen

from benchmarks.loadgen import HttpConnection, Reply
from benchmarks.servers import Server, fresh_postgres, fresh_sqlite, oms_gunicorn, oms_serve, prepare_database

BACKENDS = ("sqlite", "postgres")
PREFIX = "/api/v1"


@frozen
class Target:
    """A running server: `backend` is sqlite (oms serve) or postgres (gunicorn); `secret` an admin token's."""

    backend: str
    database_url: str
    server: Server
    secret: str

    def client(self, timeout: float = 30.0) -> Api:
        return Api(HttpConnection("127.0.0.1", self.server.port, timeout=timeout), self.secret)


class Api:
    """Requests to /api/v1 with the token; bodies as JSON (or raw bytes when given so)."""

    def __init__(self, connection: HttpConnection, secret: str) -> None:
        self.connection = connection
        self.auth = {"Authorization": f"Bearer {secret}"}

    async def post(self, path: str, body: object = None, *, key: str | None = None,
                   headers: Mapping[str, str] | None = None) -> Reply:
        data = body if isinstance(body, bytes) else None if body is None else json.dumps(body).encode()
        sent = {**self.auth, **({"Content-Type": "application/json"} if data is not None else {}),
                **({"Idempotency-Key": key} if key is not None else {}), **(headers or {})}
        return await self.connection.request("POST", PREFIX + path, data, sent)

    async def send(self, method: str, path: str, body: object = None, *,
                   headers: Mapping[str, str] | None = None) -> Reply:
        """Any method (PUT, PATCH, DELETE ...) with a JSON body or none."""
        data = None if body is None else json.dumps(body).encode()
        sent = {**self.auth, **({"Content-Type": "application/json"} if data is not None else {}), **(headers or {})}
        return await self.connection.request(method, PREFIX + path, data, sent)

    async def get(self, path: str) -> Reply:
        return await self.connection.request("GET", PREFIX + path, None, self.auth)

    async def close(self) -> None:
        await self.connection.close()


async def expect(reply: Awaitable[Reply], status: int) -> Any:
    """The JSON of a reply that must have `status` (set-up steps)."""
    got = await reply
    if got.status != status:
        raise RuntimeError(f"expected {status}, got {got.status}: {got.body[:300]!r}")
    return got.json()


async def set_up(target: Target) -> None:
    api = target.client()
    try:
        await expect(api.post("/branches", {"code": "BER", "name": "Berlin", "currency": "EUR",
                                            "tax_jurisdiction": "DE"}), 201)
        await expect(api.post("/warehouses", {"code": "BER-1", "name": "Main", "branch_code": "BER",
                                              "priority": 10}), 201)
        await expect(api.post("/tax-rates", {"jurisdiction": "DE", "category": "standard", "rate": "0.19"}), 200)
        await expect(api.post("/customers", {"code": "ACME", "name": "Acme"}), 201)
    finally:
        await api.close()


async def new_product(target: Target, prefix: str, stock: int) -> str:
    """A product of its own for a scenario, with `stock` units received into BER-1; returns its SKU."""
    sku = f"{prefix}-{secrets.token_hex(3).upper()}"
    api = target.client()
    try:
        await expect(api.post("/products", {"sku": sku, "name": f"{prefix} product", "price": "10.00",
                                            "currency": "EUR"}), 201)
        if stock:
            await expect(api.post("/stock/receipts", {"sku": sku, "warehouse_code": "BER-1",
                                                      "quantity": str(stock)}), 201)
    finally:
        await api.close()
    return sku


IDEMPOTENCY_LEASE_SECONDS = 3


@contextmanager
def running_target(backend: str, *, workers: int = 4, log_dir: Path | None = None) -> Iterator[Target]:
    """A fresh database of `backend`, migrated and given a token by the `oms` command, served by the real
    entrypoint, with the master data; everything is removed on the way out."""
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}")
    database: AbstractContextManager[str] = fresh_sqlite("oms-reliability-") if backend == "sqlite" \
        else fresh_postgres("oms_reliability")
    with database as url:
        secret = prepare_database(url, "reliability")
        # A short lease: a retry of a request whose worker was killed takes its Idempotency-Key over after 3 s.
        env = {"OMS_IDEMPOTENCY_LEASE_SECONDS": str(IDEMPOTENCY_LEASE_SECONDS)}
        server: AbstractContextManager[Server] = oms_serve(url, log_dir=log_dir, env=env) if backend == "sqlite" \
            else oms_gunicorn(url, workers=workers, log_dir=log_dir, env=env)
        with server as running:
            target = Target(backend, url, running, secret)
            asyncio.run(set_up(target))
            yield target
