"""Workers killed with SIGKILL under load (gunicorn on PostgreSQL), and the smallest case of what that can leave
behind: a request killed between claiming its Idempotency-Key and storing its answer."""

from __future__ import annotations

import asyncio
import os
import signal
import time

import pytest
from sqlalchemy import create_engine, text

from benchmarks.loadgen import ConnectionLost, Reply
from reliability.crash import Crash, crash
from reliability.target import Target, new_product

pytestmark = [pytest.mark.reliability, pytest.mark.postgres]


def test_killing_workers_under_load_loses_no_acknowledged_order_and_leaves_every_key_answerable(
        postgres_target: Target) -> None:
    outcome = crash(postgres_target, Crash(placements=400, clients=16, kills=3, interval=0.3))

    assert outcome.passed, outcome.report()


async def _place(target: Target, sku: str, key: str) -> Reply:
    """A one-call placement (created and confirmed) of one unit."""
    api = target.client(timeout=30)
    try:
        return await api.post("/sales-orders", {"customer_code": "ACME", "branch_code": "BER", "confirm": True,
                                                "lines": [{"sku": sku, "quantity": "1"}]}, key=key)
    finally:
        await api.close()


async def _place_while_a_worker_dies(target: Target, sku: str, key: str) -> str:
    """Send the placement while the test holds the product's stock rows locked, wait until the request is blocked
    on that lock (inside the command, after the key was taken), kill every worker with SIGKILL, and say what the
    client got."""
    engine = create_engine(target.database_url)
    try:
        with engine.connect() as lock, engine.connect() as probe:
            lock.execute(text("SELECT on_hand FROM stock_levels WHERE product_id = "
                              "(SELECT id FROM products WHERE sku = :sku) FOR UPDATE"), {"sku": sku})
            request = asyncio.create_task(_place(target, sku, key))
            deadline = time.monotonic() + 20
            while not probe.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                         "AND wait_event_type = 'Lock'")).scalar_one():
                assert time.monotonic() < deadline, "the request never waited for the stock rows"
                probe.rollback()
                await asyncio.sleep(0.05)
            for worker in target.server.worker_pids():  # children of the gunicorn this test session started
                os.kill(worker, signal.SIGKILL)
            try:
                answer = f"answered {(await request).status}"
            except ConnectionLost:
                answer = "connection lost"
            lock.rollback()
    finally:
        engine.dispose()
    return answer


async def _retry(target: Target, sku: str, key: str, seconds: float = 10.0) -> Reply:
    """The placement again with the key, as a client would: again after a pause while it is answered 409."""
    deadline = time.monotonic() + seconds
    while True:
        reply = await _place(target, sku, key)
        if reply.status != 409 or time.monotonic() > deadline:
            return reply
        await asyncio.sleep(0.5)


def _wait_for_workers(target: Target, count: int) -> None:
    deadline = time.monotonic() + 30
    while len(target.server.worker_pids()) < count:
        assert time.monotonic() < deadline, "gunicorn did not start new workers"
        time.sleep(0.1)
    time.sleep(1.0)  # the new workers import and build the app before they answer


def test_a_retry_after_the_worker_died_mid_request_gets_the_order_not_a_permanent_409(
        postgres_target: Target) -> None:
    sku = asyncio.run(new_product(postgres_target, "KILLED", 5))
    assert asyncio.run(_place(postgres_target, sku, "warm-up")).status == 201  # the product's stock row exists now
    workers = len(postgres_target.server.worker_pids())
    lost = asyncio.run(_place_while_a_worker_dies(postgres_target, sku, "killed-mid-request"))
    _wait_for_workers(postgres_target, workers)

    retry = asyncio.run(_retry(postgres_target, sku, "killed-mid-request"))

    assert lost == "connection lost"
    assert retry.status == 201, (
        f"retries for 10 s answered {retry.status} {retry.body[:200]!r}: the key stays claimed by a request that "
        "died, so every retry is refused as 'still running' until the key expires (24 h)")
