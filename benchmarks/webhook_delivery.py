"""Benchmark j: events per second to a webhook receiver (issue 14).

A backlog of N committed events in PostgreSQL's outbox (benchmarks.backlog) goes the way the product sends it: the
real `EventRelay` hands it to the `WebhookSubscriber` (one delivery row per event for the one subscription, to every
event), and a `DeliveryWorker` (batches of 20 claimed, sent on 4 threads, signed, through `Urllib3WebhookSender`)
sends the rows to a local receiver (benchmarks.receiver: asyncio in a process of its own, answering 200 and recording
each arrival). Relay and worker run at once, as `oms relay` and `oms scheduler` do (the worker in a loop of `drain`
instead of every second: the throughput, not the polling, is measured here; benchmark k measures the delay). The
run ends when the receiver has every event. Beside it, in the same run, the raw ceiling: a bare loop of the same
signed POSTs with urllib3 to the same receiver on the same number of threads (raw, oms, raw again; the reference is
the raws' mean).

`python -m benchmarks.webhook_delivery [events]` runs it alone.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime

import urllib3

import oms
from benchmarks.backlog import add_backlog, event_log, migrated_postgres, payload
from benchmarks.report import Row, render
from benchmarks.servers import BIN, Server, free_port, running
from oms.adapters.sql import SqlDatabase
from oms.adapters.sql.webhooks.store import SqlWebhookStore
from oms.adapters.webhooks.http import Urllib3WebhookSender
from oms.application.shared.relay import EventRelay
from oms.application.webhooks.delivery import DeliveryWorker, WebhookSubscriber, WorkerSettings, sign
from oms.entrypoints.bootstrap import bootstrap

BACKLOG = 5_000  # --quick: 1,000
SECRET = "whsec_benchmark-secret-benchmark-secret-00"
WAIT_SECONDS = 120.0


@contextmanager
def receiver() -> Iterator[Server]:
    """benchmarks.receiver in a process of its own on a free port of 127.0.0.1."""
    port = free_port()
    with running("receiver", [str(BIN / "python"), "-m", "benchmarks.receiver", str(port)], port=port) as server:
        yield server


def arrivals(server: Server, *, clear: bool = False) -> list[tuple[str, float]]:
    """What the receiver recorded: (event id, wall-clock time of arrival) per POST."""
    with urllib.request.urlopen(f"{server.url}/arrivals{'?clear=1' if clear else ''}", timeout=30) as response:
        return [(event_id, at) for event_id, at in json.loads(response.read())]


def raw_posts(url: str, count: int, threads: int) -> float:
    """The ceiling: `count` signed POSTs of the same bodies with urllib3 on `threads` threads; the seconds taken."""
    kinds = ("SalesOrderCreated", "SalesOrderConfirmed")
    at = datetime.now(UTC).isoformat()
    bodies = [json.dumps({"id": f"evt_{n + 1:012d}", "type": kinds[n % 2], "occurred_at": at,
                          "aggregate_id": f"so_{n // 2:012d}", "data": payload(n // 2, kinds[n % 2])},
                         separators=(",", ":"), sort_keys=True).encode() for n in range(count)]
    pool = urllib3.PoolManager(num_pools=8, maxsize=8, retries=False)

    def post(number: int) -> None:
        body, timestamp = bodies[number], str(int(time.time()))
        response = pool.request("POST", url, body=body, redirect=False, retries=False, headers={
            "Content-Type": "application/json", "Oms-Event-Id": f"evt_{number + 1:012d}",
            "Oms-Event-Type": kinds[number % 2], "Oms-Timestamp": timestamp,
            "Oms-Signature": sign(SECRET, timestamp, body), "User-Agent": "oms-webhooks/1"})
        if response.status != 200:
            raise RuntimeError(f"the receiver answered {response.status}")

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as executor:
        list(executor.map(post, range(count)))
    elapsed = time.perf_counter() - started
    pool.clear()
    return elapsed


def through_oms(url: str, server: Server, count: int) -> tuple[float, float]:
    """The backlog through relay -> delivery rows -> DeliveryWorker -> receiver; (seconds to the last arrival,
    seconds the relay took to write every delivery row)."""
    database = SqlDatabase.from_url(url)
    try:
        system = bootstrap(uow_factory=database.unit_of_work)
        system.handle(oms.CreateWebhook(url=f"{server.url}/hook", secret=SECRET, description="benchmark j"))
        store = SqlWebhookStore(database.engine)
        add_backlog(database.engine, count)
        relay = EventRelay(event_log(database.engine), [WebhookSubscriber(store, system.bus.clock)],
                           system.bus.clock.now)
        worker = DeliveryWorker(store, Urllib3WebhookSender(), system.bus.clock, WorkerSettings())
        relayed = threading.Event()
        relay_seconds: list[float] = []
        started = time.perf_counter()

        def relay_all() -> None:
            try:
                relay.drain()
                relay_seconds.append(time.perf_counter() - started)
            finally:
                relayed.set()

        thread = threading.Thread(target=relay_all, name="bench-relay")
        thread.start()
        sent, deadline = 0, time.monotonic() + WAIT_SECONDS
        while sent < count and time.monotonic() < deadline:
            done = worker.drain(max_batches=1_000)
            sent += done
            if not done:
                time.sleep(0.001 if not relayed.is_set() else 0.01)
        elapsed = time.perf_counter() - started
        thread.join()
    finally:
        database.dispose()
    if sent != count or not relay_seconds:
        raise RuntimeError(f"the worker sent {sent} of {count} deliveries in {WAIT_SECONDS:.0f} s")
    return elapsed, relay_seconds[0]


def run(count: int = BACKLOG) -> list[Row]:
    threads = WorkerSettings().threads
    with receiver() as server, migrated_postgres() as (url, _):
        first = raw_posts(f"{server.url}/raw", count, threads)
        if len(arrivals(server, clear=True)) != count:
            raise RuntimeError("the receiver missed raw POSTs")
        elapsed, relay_seconds = through_oms(url, server, count)
        received = arrivals(server, clear=True)
        second = raw_posts(f"{server.url}/raw", count, threads)
    if len({event_id for event_id, _ in received}) != count:
        raise RuntimeError(f"the receiver got {len(received)} POSTs for {count} events")
    rate, raw = count / elapsed, 2 * count / (first + second)
    return [Row(name=f"j. webhooks: events delivered from a backlog of {count:,} in PostgreSQL (relay -> delivery "
                     f"rows -> DeliveryWorker -> receiver)",
                figure=rate, unit="events/s", reference=raw,
                note=f"relay and worker at once, one subscription to every event; the relay wrote every delivery row "
                     f"in {relay_seconds:.1f} s ({count / relay_seconds:,.0f} events/s); worker: batches of "
                     f"{WorkerSettings().batch}, {threads} threads; reference: a bare urllib3 loop of the same signed "
                     f"POSTs on {threads} threads to the same receiver ({count / first:,.0f} and "
                     f"{count / second:,.0f} events/s before and after)")]


if __name__ == "__main__":
    print(render(run(int(sys.argv[1]) if len(sys.argv) > 1 else BACKLOG)))
