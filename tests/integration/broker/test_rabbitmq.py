"""The RabbitMQ publisher against a real broker: what a message looks like, ordering, at-least-once delivery when
the connection is lost, and a broker that is down."""

from __future__ import annotations

import json
import socket
import time
from datetime import UTC, datetime, timedelta

import pika
import pytest

from oms.adapters.broker.rabbitmq import BrokerError, RabbitMqPublisher
from oms.ports.shared.relay import PublishedEvent

from .conftest import Consumer, CuttableProxy

pytestmark = pytest.mark.rabbitmq

AT = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def event(seq: int, type: str = "SalesOrderConfirmed", aggregate_id: str = "SO-2026-000001") -> PublishedEvent:
    return PublishedEvent(id=f"evt-{seq:06d}", seq=seq, type=type, aggregate_id=aggregate_id,
                          occurred_at=AT + timedelta(seconds=seq),
                          payload={"order_id": aggregate_id, "total": "119.00", "lines": [{"sku": "A-1", "qty": 2}]})


def ids(messages: list[tuple[pika.spec.Basic.Deliver, pika.BasicProperties, bytes]]) -> list[str]:
    return [properties.message_id for _, properties, _ in messages]


def test_each_event_is_a_persistent_json_message_routed_by_its_type(
        rabbitmq_url: str, exchange: str, consumer: Consumer) -> None:
    consumer.bind("SalesOrderConfirmed")
    publisher = RabbitMqPublisher(rabbitmq_url, exchange=exchange)
    confirmed, issued = event(1), event(2, type="InvoiceIssued", aggregate_id="INV-2026-000001")

    publisher.deliver([confirmed, issued])

    [(method, properties, body)] = consumer.receive(2, timeout=1.0)  # only the type the queue is bound for
    assert method.exchange == exchange
    assert method.routing_key == "SalesOrderConfirmed"
    assert properties.delivery_mode == 2
    assert properties.content_type == "application/json"
    assert properties.message_id == "evt-000001"
    assert properties.headers == {"aggregate_id": "SO-2026-000001", "occurred_at": "2026-12-01T09:30:01+00:00",
                                  "version": 1}
    assert json.loads(body) == {"id": "evt-000001", "type": "SalesOrderConfirmed", "version": 1,
                                "occurred_at": "2026-12-01T09:30:01+00:00", "aggregate_id": "SO-2026-000001",
                                "data": {"order_id": "SO-2026-000001", "total": "119.00",
                                         "lines": [{"sku": "A-1", "qty": 2}]}}
    # the event no queue is bound for is kept in the alternate exchange's queue, not lost
    assert ids(consumer.receive(1, queue=f"{exchange}.unrouted")) == ["evt-000002"]
    publisher.close()


def test_the_events_of_one_document_arrive_in_the_order_of_the_batch(
        rabbitmq_url: str, exchange: str, consumer: Consumer) -> None:
    consumer.bind("#")
    publisher = RabbitMqPublisher(rabbitmq_url, exchange=exchange)
    batch = [event(seq, type=("SalesOrderConfirmed", "GoodsIssued", "InvoiceIssued")[seq % 3]) for seq in range(30)]

    publisher.deliver(batch[:10])
    publisher.deliver(batch[10:])

    assert ids(consumer.receive(30)) == [each.id for each in batch]
    publisher.close()


def test_a_lost_connection_fails_the_batch_and_the_next_delivery_connects_again(
        rabbitmq_url: str, exchange: str, consumer: Consumer, proxy: CuttableProxy) -> None:
    consumer.bind("#")
    url = rabbitmq_url.replace(f":{pika.URLParameters(rabbitmq_url).port}/", f":{proxy.port}/")
    publisher = RabbitMqPublisher(url, exchange=exchange)
    publisher.deliver([event(1)])

    proxy.cut()  # the connection is lost under the publisher
    with pytest.raises(BrokerError):
        publisher.deliver([event(2), event(3)])
    publisher.deliver([event(2), event(3)])  # the relay hands the batch over again: a new connection takes it

    received = ids(consumer.receive(5, timeout=1.0))
    assert received[0] == "evt-000001"
    assert received[-2:] == ["evt-000002", "evt-000003"]  # at least once: what the broker confirmed is all there
    assert set(received) == {"evt-000001", "evt-000002", "evt-000003"}
    publisher.close()


def test_a_channel_the_broker_closes_fails_the_batch_at_once_and_the_next_delivery_opens_another(
        rabbitmq_url: str, exchange: str, consumer: Consumer) -> None:
    publisher = RabbitMqPublisher(rabbitmq_url, exchange=exchange)
    publisher.deliver([event(1)])
    consumer.channel.exchange_delete(exchange)  # publishing to it now closes the publisher's channel (404)
    started = time.monotonic()

    with pytest.raises(BrokerError):
        publisher.deliver([event(2), event(3)])
    assert time.monotonic() - started < 5
    publisher.deliver([event(2), event(3)])  # declares the exchange again
    consumer.bind("#")
    publisher.deliver([event(4)])
    assert ids(consumer.receive(1)) == ["evt-000004"]
    publisher.close()


def test_a_broker_that_is_down_fails_the_batch_at_once() -> None:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]  # a port nothing listens on once the socket is closed
    publisher = RabbitMqPublisher(f"amqp://guest:guest@127.0.0.1:{port}/%2F", connection_timeout=2.0)
    started = time.monotonic()

    with pytest.raises(BrokerError, match="batch of 1 events"):
        publisher.deliver([event(1)])
    assert time.monotonic() - started < 5


def test_a_message_the_broker_refuses_fails_the_batch(rabbitmq_url: str, exchange: str, consumer: Consumer) -> None:
    full = consumer.channel.queue_declare("", exclusive=True,
                                          arguments={"x-max-length": 1, "x-overflow": "reject-publish"}).method.queue
    consumer.channel.queue_bind(full, exchange, routing_key="#")  # takes one message, then the broker nacks
    publisher = RabbitMqPublisher(rabbitmq_url, exchange=exchange)

    with pytest.raises(BrokerError):
        publisher.deliver([event(1), event(2)])
    consumer.channel.queue_purge(full)
    publisher.deliver([event(2)])  # the next delivery goes through once the broker takes messages again
    publisher.close()


def test_a_message_nothing_can_route_fails_the_batch(rabbitmq_url: str, exchange: str, consumer: Consumer) -> None:
    publisher = RabbitMqPublisher(rabbitmq_url, exchange=exchange)
    publisher.deliver([event(1)])  # connected: the exchange and its `.unrouted` queue are declared
    consumer.channel.queue_delete(f"{exchange}.unrouted")  # no queue left for the type nobody is bound for

    consumer.bind("SalesOrderConfirmed")
    batch = [*(event(seq) for seq in range(2, 40)), event(40, type="InvoiceIssued")]  # the last one: no queue

    with pytest.raises(BrokerError, match="Unroutable: no queue took evt-000040"):
        publisher.deliver(batch)
    publisher.deliver(batch[-1:])  # connecting again declares the `.unrouted` queue again: nothing is lost
    assert ids(consumer.receive(1, queue=f"{exchange}.unrouted")) == ["evt-000040"]
    publisher.close()
