"""Events to RabbitMQ: an `EventSubscriber` of the relay that publishes each event to a durable topic exchange.

Each event becomes one persistent message (delivery mode 2, application/json) routed by the event's type
(`SalesOrderConfirmed`), so a consumer binds its queue with a pattern (`SalesOrder*` is not AMQP: use `#` or the
exact types). The message id is the event's stable id, for consumers to drop the duplicates at-least-once delivery
brings; the headers carry the document's id, the event's time and the `version` of its payload. The body:
`{"id", "type", "version", "occurred_at", "aggregate_id", "data"}` (docs/events.md).

A batch counts as delivered only when the broker has confirmed every message (publisher confirms): a message the
broker refuses (nack), one it cannot route anywhere, a closed channel or a lost connection raises `BrokerError`, the
relay hands the whole batch over again later, and the publisher connects anew on that next delivery. Messages no
queue is bound for go to the exchange's alternate exchange `<exchange>.unrouted` and its durable queue of the same
name, so an event type nobody listens to yet is kept there instead of holding the relay back.

A batch is written in one go and its confirms are awaited together (at most 30 s), one round trip per batch rather
than per message: several times the events per second of pika's blocking confirm mode (benchmark i).
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Mapping, Sequence
from typing import Any

import pika
import pika.exceptions
from pika.adapters.blocking_connection import BlockingChannel

from oms.domain.event_types import schema_version
from oms.ports.shared.relay import EventSubscriber, PublishedEvent

DEFAULT_EXCHANGE = "oms.events"
PERSISTENT = 2  # AMQP delivery mode: the broker writes the message to disk (in a durable queue)
CONNECTION_TIMEOUT_S = 10.0  # connecting (TCP, AMQP handshake): a broker that does not answer fails the batch
BLOCKED_TIMEOUT_S = 60.0  # a broker that blocks publishers (memory or disk alarm) that long drops the connection
POLL_S = 0.002
CONFIRM_TIMEOUT_S = 30.0  # a batch the broker has not confirmed by then fails (and is handed over again)


class BrokerError(RuntimeError):
    """The broker did not take a batch (refused, unroutable, unreachable or the connection was lost): none of it
    counts as delivered and the relay hands it over again."""


def message_body(event: PublishedEvent) -> bytes:
    """The message's body: the event as JSON."""
    return json.dumps({
        "id": event.id,
        "type": event.type,
        "version": schema_version(event.type),
        "occurred_at": event.occurred_at.isoformat(),
        "aggregate_id": event.aggregate_id,
        "data": event.payload,
    }, separators=(",", ":"), ensure_ascii=False).encode()


def message_properties(event: PublishedEvent) -> pika.BasicProperties:
    headers: Mapping[str, Any] = {"aggregate_id": event.aggregate_id, "occurred_at": event.occurred_at.isoformat(),
                                  "version": schema_version(event.type)}
    return pika.BasicProperties(content_type="application/json", content_encoding="utf-8",
                                delivery_mode=PERSISTENT, message_id=event.id, type=event.type,
                                timestamp=int(event.occurred_at.timestamp()), headers=dict(headers))


def connection_parameters(url: str, *, connection_timeout: float = CONNECTION_TIMEOUT_S,
                          blocked_timeout: float = BLOCKED_TIMEOUT_S) -> pika.URLParameters:
    """The URL's parameters with bounded timeouts: one attempt, so a broker that is down fails the batch at once."""
    parameters = pika.URLParameters(url)
    parameters.connection_attempts = 1
    parameters.socket_timeout = connection_timeout
    parameters.stack_timeout = connection_timeout
    parameters.blocked_connection_timeout = blocked_timeout
    return parameters


def declare_exchange(channel: BlockingChannel, exchange: str) -> None:
    """Declares the durable topic exchange and its alternate exchange `<exchange>.unrouted` with the durable queue
    that keeps what no queue is bound for (consumers declare the exchange the same way, or bind after oms did)."""
    unrouted = f"{exchange}.unrouted"
    channel.exchange_declare(unrouted, exchange_type="fanout", durable=True)
    channel.queue_declare(unrouted, durable=True)
    channel.queue_bind(unrouted, unrouted)
    channel.exchange_declare(exchange, exchange_type="topic", durable=True, arguments={"alternate-exchange": unrouted})


class Confirms:
    """The publisher confirms of one channel, kept in flight: a batch is published in one go and then waits for the
    broker's acks (one round trip per batch instead of per message). Delivery tags count the channel's messages."""

    def __init__(self) -> None:
        self.published = 0
        self.outstanding: set[int] = set()
        self.refused: list[int] = []
        self.returned: list[str] = []

    def on_confirm(self, frame: Any) -> None:
        method = frame.method
        settled = ({tag for tag in self.outstanding if tag <= method.delivery_tag} if method.multiple
                   else {method.delivery_tag})
        self.outstanding -= settled
        if isinstance(method, pika.spec.Basic.Nack):
            self.refused += sorted(settled)

    def on_return(self, _channel: Any, _method: Any, properties: pika.BasicProperties, _body: bytes) -> None:
        self.returned.append(properties.message_id)


class RabbitMqPublisher(EventSubscriber):
    """Publishes the relay's events to RabbitMQ (see the module's text). Not thread-safe: one relay drives it."""

    def __init__(self, url: str, *, exchange: str = DEFAULT_EXCHANGE, name: str = "rabbitmq",
                 connection_timeout: float = CONNECTION_TIMEOUT_S, blocked_timeout: float = BLOCKED_TIMEOUT_S,
                 confirm_timeout: float = CONFIRM_TIMEOUT_S) -> None:
        self._parameters = connection_parameters(url, connection_timeout=connection_timeout,
                                                 blocked_timeout=blocked_timeout)
        self.exchange = exchange
        self._name = name
        self._confirm_timeout = confirm_timeout
        self._connection: pika.BlockingConnection | None = None
        self._channel: BlockingChannel | None = None
        self._confirms = Confirms()

    @property
    def name(self) -> str:
        return self._name

    def deliver(self, events: Sequence[PublishedEvent]) -> None:
        if not events:
            return
        try:
            self._publish(events)
        except BrokerError:
            self.close()
            raise
        except (pika.exceptions.AMQPError, OSError) as error:
            self.close()
            raise BrokerError(f"RabbitMQ did not take the batch of {len(events)} events: {error!r}") from error

    def _publish(self, events: Sequence[PublishedEvent]) -> None:
        channel, confirms = self._open_channel(), self._confirms
        for event in events:
            confirms.published += 1  # counted first: the broker's ack may come in while the message is written
            confirms.outstanding.add(confirms.published)
            channel.basic_publish(self.exchange, event.type, message_body(event), message_properties(event),
                                  mandatory=True)
        deadline = time.monotonic() + self._confirm_timeout
        while confirms.outstanding and (left := deadline - time.monotonic()) > 0:
            assert self._connection is not None  # the acks are counted by callbacks: look for them every 2 ms
            self._connection.process_data_events(time_limit=min(left, POLL_S))
            if not channel.is_open:  # closed by the broker (a deleted exchange, say): no ack will come
                raise BrokerError(f"RabbitMQ closed the channel during a batch of {len(events)} events")
        problem = ("Unroutable: no queue took " + ", ".join(confirms.returned) if confirms.returned
                   else f"the broker refused (nacked) {len(confirms.refused)} of them" if confirms.refused
                   else f"{len(confirms.outstanding)} of them unconfirmed after {self._confirm_timeout:g} s"
                   if confirms.outstanding else "")
        if problem:
            raise BrokerError(f"RabbitMQ did not take the batch of {len(events)} events: {problem}")

    def _open_channel(self) -> BlockingChannel:
        if self._channel is not None and self._channel.is_open:
            return self._channel
        self.close()
        self._connection = pika.BlockingConnection(self._parameters)
        channel = self._connection.channel()
        declare_exchange(channel, self.exchange)
        # Confirms kept in flight: pika's BlockingChannel.confirm_delivery waits for each message's confirm, so the
        # confirm mode is switched on the channel's implementation with callbacks that count the acks and returns as
        # their frames arrive (the broker sends an unroutable message's return before its ack).
        confirms, selected = Confirms(), []
        channel._impl.confirm_delivery(ack_nack_callback=confirms.on_confirm,
                                       callback=lambda _frame: selected.append(True))
        deadline = time.monotonic() + self._confirm_timeout
        while not selected and time.monotonic() < deadline:
            self._connection.process_data_events(time_limit=POLL_S)
        if not selected:
            raise BrokerError(f"RabbitMQ did not switch the channel to confirm mode in {self._confirm_timeout:g} s")
        channel._impl.add_on_return_callback(confirms.on_return)  # at once, before the message's ack (not queued)
        self._channel, self._confirms = channel, confirms
        return channel

    def close(self) -> None:
        """Closes the connection (the next delivery opens a new one); harmless when it is closed or lost already."""
        connection, self._connection, self._channel = self._connection, None, None
        if connection is not None and connection.is_open:
            with contextlib.suppress(pika.exceptions.AMQPError, OSError):
                connection.close()


def broker_subscriber(url: str | None, *, exchange: str = DEFAULT_EXCHANGE) -> EventSubscriber | None:
    """The relay's RabbitMQ subscriber for OMS_BROKER_URL, or None when no broker is configured (the setting unset)."""
    return RabbitMqPublisher(url, exchange=exchange) if url else None
