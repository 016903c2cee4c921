"""Benchmark i: events per second published to RabbitMQ (OMS_TEST_RABBITMQ_URL, default guest@127.0.0.1:5672).

The relay in full: a backlog of N committed events in PostgreSQL's outbox (benchmarks.backlog) handed to RabbitMQ by
the real `EventRelay` (sequencing, claiming, reading and advancing in PostgreSQL) and `RabbitMqPublisher`, batches of
100 with publisher confirms, until none is left; beside the raw ceiling measured in the same run: a bare pika loop
publishing the same bodies to the same exchange with confirms awaited per batch of the same size (raw, relay, raw
again; the reference is the raws' mean).

The publisher alone: the relay's publisher (`RabbitMqPublisher.deliver`, publisher confirms, persistent messages)
in batches, beside a raw pika loop publishing the same messages without confirms (the ceiling), and a raw loop
waiting for each message's confirm (pika's blocking confirm mode, which the publisher avoids by awaiting a batch's
confirms together). One thread, one durable queue bound to a throwaway exchange; the queue keeps its newest 10,000
messages so a long run does not fill the broker. The contestants alternate (as in b).

`python -m benchmarks.broker_publish [seconds] [events]` runs it alone.
"""

from __future__ import annotations

import os
import secrets
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pika

from benchmarks.backlog import add_backlog, event_log, migrated_postgres, payload
from benchmarks.report import Row, render
from benchmarks.sql_adapters import alternate
from oms.adapters.broker.rabbitmq import RabbitMqPublisher, declare_exchange, message_body, message_properties
from oms.application.shared.relay import EventRelay
from oms.ports.shared.relay import PublishedEvent

DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"
BATCH = 100
BACKLOG = 20_000  # events in the outbox for the relay (--quick: 2,000)
POLL_S = 0.001
CONFIRM_TIMEOUT_S = 30.0


def events(count: int) -> list[PublishedEvent]:
    at = datetime.now(UTC)
    return [PublishedEvent(id=f"bench-{seq}", seq=seq, type="SalesOrderConfirmed", aggregate_id=f"SO-{seq // 4}",
                           occurred_at=at, payload={"order_id": f"SO-{seq // 4}", "total": "119.00",
                                                    "lines": [{"sku": "A", "quantity": "1", "price": "12.34"}] * 3})
            for seq in range(count)]


@contextmanager
def throwaway_exchange(url: str) -> Iterator[tuple[str, pika.BlockingConnection]]:
    """An exchange with a durable queue bound for every event, deleted at the end."""
    connection = pika.BlockingConnection(pika.URLParameters(url))
    channel = connection.channel()
    exchange = f"oms.bench.{secrets.token_hex(4)}"
    declare_exchange(channel, exchange)
    channel.queue_declare(exchange, durable=True, arguments={"x-max-length": 10_000})
    channel.queue_bind(exchange, exchange, routing_key="#")
    try:
        yield exchange, connection
    finally:
        for name in (exchange, f"{exchange}.unrouted"):
            channel.queue_delete(name)
            channel.exchange_delete(name)
        connection.close()


def raw_loop(connection: pika.BlockingConnection, exchange: str, batch: list[PublishedEvent], *,
             confirms: bool) -> Callable[[], None]:
    channel = connection.channel()
    if confirms:
        channel.confirm_delivery()
    messages = [(event.type, message_body(event), message_properties(event)) for event in batch]

    def publish() -> None:
        for key, body, properties in messages:
            channel.basic_publish(exchange, key, body, properties, mandatory=confirms)

    return publish


def backlog_events(count: int) -> list[PublishedEvent]:
    """The events of benchmarks.backlog as the relay reads them (the same bodies, give or take the id)."""
    at = datetime.now(UTC)
    kinds = ("SalesOrderCreated", "SalesOrderConfirmed")
    return [PublishedEvent(id=f"evt_{n + 1:012d}", seq=n + 1, type=kinds[n % 2], aggregate_id=f"so_{n // 2:012d}",
                           occurred_at=at, payload=payload(n // 2, kinds[n % 2])) for n in range(count)]


def raw_batches(connection: pika.BlockingConnection, exchange: str, all_events: list[PublishedEvent],
                batch_size: int) -> float:
    """The ceiling: a bare pika loop publishing the events in batches, each batch's confirms awaited together (the
    channel's confirm mode with a callback, as pika's BlockingChannel has no batch form); answers the seconds taken."""
    channel = connection.channel()
    outstanding: set[int] = set()
    selected: list[bool] = []

    def on_confirm(frame: Any) -> None:
        method = frame.method
        if isinstance(method, pika.spec.Basic.Nack):
            raise RuntimeError("the broker refused a message")
        settled = {tag for tag in outstanding if tag <= method.delivery_tag} if method.multiple else {
            method.delivery_tag}
        outstanding.difference_update(settled)

    channel._impl.confirm_delivery(ack_nack_callback=on_confirm, callback=lambda _frame: selected.append(True))
    while not selected:
        connection.process_data_events(time_limit=POLL_S)
    messages = [(event.type, message_body(event), message_properties(event)) for event in all_events]
    tag = 0
    started = time.perf_counter()
    for start in range(0, len(messages), batch_size):
        for key, body, properties in messages[start:start + batch_size]:
            tag += 1
            outstanding.add(tag)
            channel.basic_publish(exchange, key, body, properties, mandatory=True)
        deadline = time.monotonic() + CONFIRM_TIMEOUT_S
        while outstanding and time.monotonic() < deadline:
            connection.process_data_events(time_limit=POLL_S)
        if outstanding:
            raise RuntimeError(f"{len(outstanding)} messages unconfirmed after {CONFIRM_TIMEOUT_S:g} s")
    elapsed = time.perf_counter() - started
    channel.close()
    return elapsed


def relay_rows(url: str, count: int, batch_size: int = BATCH) -> list[Row]:
    """The relay from a backlog of `count` events in PostgreSQL's outbox to RabbitMQ, beside raw batches."""
    all_events = backlog_events(count)
    with throwaway_exchange(url) as (exchange, connection), migrated_postgres() as (_, engine):
        add_backlog(engine, count)
        first = raw_batches(connection, exchange, all_events, batch_size)
        publisher = RabbitMqPublisher(url, exchange=exchange)
        relay = EventRelay(event_log(engine), [publisher], lambda: datetime.now(UTC), batch_size=batch_size)
        started, cpu = time.perf_counter(), time.process_time()
        delivered = relay.drain()
        relay_seconds, relay_cpu = time.perf_counter() - started, time.process_time() - cpu
        publisher.close()
        second = raw_batches(connection, exchange, all_events, batch_size)
    if delivered != count:
        raise RuntimeError(f"the relay delivered {delivered} of {count} events")
    rate, raw = count / relay_seconds, 2 * count / (first + second)
    return [Row(name=f"i. RabbitMQ: events relayed from a backlog of {count:,} in PostgreSQL (EventRelay + "
                     f"RabbitMqPublisher, batches of {batch_size})",
                figure=rate, unit="events/s", reference=raw,
                note=f"the relay's whole loop: sequencing, claim, read, publish with confirms, advance; CPU per "
                     f"event in the relay {1_000_000 * relay_cpu / count:.0f} us; reference: a bare pika loop "
                     f"publishing the same bodies with confirms awaited per batch of {batch_size} "
                     f"({count / first:,.0f} and {count / second:,.0f} events/s before and after)")]


def run(seconds: float, url: str | None = None, batch_size: int = BATCH, backlog: int = BACKLOG) -> list[Row]:
    url = url or os.environ.get("OMS_TEST_RABBITMQ_URL", DEFAULT_URL)
    rows = relay_rows(url, backlog, batch_size)
    batch = events(batch_size)
    with throwaway_exchange(url) as (exchange, connection):
        publisher = RabbitMqPublisher(url, exchange=exchange)
        rates = alternate({"oms": lambda: publisher.deliver(batch),
                           "raw": raw_loop(connection, exchange, batch, confirms=True),
                           "unconfirmed": raw_loop(connection, exchange, batch, confirms=False)},
                          seconds, warmup=3)
        publisher.close()
    oms, raw, unconfirmed = (batch_size * rates[name].per_second for name in ("oms", "raw", "unconfirmed"))
    return [*rows, Row(name=f"i. RabbitMQ: events published with confirms, batches of {batch_size} (RabbitMqPublisher)",
                figure=oms, unit="events/s", reference=unconfirmed,
                note=f"one thread, persistent JSON messages to a durable queue, the batch's confirms awaited together; "
                     f"reference: a raw pika loop publishing the same messages without confirms (the ceiling); CPU "
                     f"per batch: oms {rates['oms'].cpu_ms:.1f} ms, raw {rates['unconfirmed'].cpu_ms:.1f} ms"),
            Row(name="i. RabbitMQ: raw pika publish waiting for each message's confirm", figure=raw,
                unit="events/s", reference=unconfirmed,
                note="pika's BlockingChannel.confirm_delivery: one round trip per message, what the publisher avoids")]


if __name__ == "__main__":
    print(render(run(float(sys.argv[1]) if len(sys.argv) > 1 else 6.0,
                     backlog=int(sys.argv[2]) if len(sys.argv) > 2 else BACKLOG)))
