"""Benchmark i: events per second published to RabbitMQ (OMS_TEST_RABBITMQ_URL, default guest@127.0.0.1:5672) by
the relay's publisher (`RabbitMqPublisher.deliver`, publisher confirms, persistent messages) in batches, beside a raw
pika loop publishing the same messages without confirms (the ceiling), and a raw loop waiting for each message's
confirm (pika's blocking confirm mode, which the publisher avoids by awaiting a batch's confirms together). One
thread, one durable queue bound to a throwaway exchange; the queue keeps its newest 10,000 messages so a long run
does not fill the broker. The contestants alternate (as in b).

`python -m benchmarks.broker_publish [seconds]` runs it alone.
"""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pika

from benchmarks.report import Row, render
from benchmarks.sql_adapters import alternate
from oms.adapters.broker.rabbitmq import RabbitMqPublisher, declare_exchange, message_body, message_properties
from oms.ports.shared.relay import PublishedEvent

DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"
BATCH = 100
TARGET = 0.25


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


def run(seconds: float, url: str | None = None, batch_size: int = BATCH) -> list[Row]:
    url = url or os.environ.get("OMS_TEST_RABBITMQ_URL", DEFAULT_URL)
    batch = events(batch_size)
    with throwaway_exchange(url) as (exchange, connection):
        publisher = RabbitMqPublisher(url, exchange=exchange)
        rates = alternate({"oms": lambda: publisher.deliver(batch),
                           "raw": raw_loop(connection, exchange, batch, confirms=True),
                           "unconfirmed": raw_loop(connection, exchange, batch, confirms=False)},
                          seconds, warmup=3)
        publisher.close()
    oms, raw, unconfirmed = (batch_size * rates[name].per_second for name in ("oms", "raw", "unconfirmed"))
    return [Row(name=f"i. RabbitMQ: events published with confirms, batches of {batch_size} (RabbitMqPublisher)",
                figure=oms, unit="events/s", reference=unconfirmed, target=f">= {TARGET:.0%} of raw",
                met=oms >= TARGET * unconfirmed,
                note=f"one thread, persistent JSON messages to a durable queue, the batch's confirms awaited together; "
                     f"reference: a raw pika loop publishing the same messages without confirms (the ceiling); CPU "
                     f"per batch: oms {rates['oms'].cpu_ms:.1f} ms, raw {rates['unconfirmed'].cpu_ms:.1f} ms"),
            Row(name="i. RabbitMQ: raw pika publish waiting for each message's confirm", figure=raw,
                unit="events/s", reference=unconfirmed,
                note="pika's BlockingChannel.confirm_delivery: one round trip per message, what the publisher avoids")]

if __name__ == "__main__":
    print(render(run(float(sys.argv[1]) if len(sys.argv) > 1 else 6.0)))
