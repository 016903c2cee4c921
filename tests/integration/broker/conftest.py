"""Fixtures of the RabbitMQ tests: the broker of OMS_TEST_RABBITMQ_URL (default guest@127.0.0.1:5672, started by
.ci/run), an exchange of each test's own, a consumer bound to it, and a TCP proxy that can cut the publisher's
connection. An unreachable broker makes the tests fail, never skip."""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import threading
from collections.abc import Iterator

import pika
import pytest
from pika.adapters.blocking_connection import BlockingChannel

from oms.adapters.broker.rabbitmq import declare_exchange

DEFAULT_RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"


@pytest.fixture(scope="session")
def rabbitmq_url() -> str:
    return os.environ.get("OMS_TEST_RABBITMQ_URL", DEFAULT_RABBITMQ_URL)


@pytest.fixture
def exchange(rabbitmq_url: str) -> Iterator[str]:
    """A topic exchange of the test's own (with its `.unrouted` alternate), deleted afterwards."""
    name = f"oms.test.{secrets.token_hex(4)}"
    yield name
    connection = pika.BlockingConnection(pika.URLParameters(rabbitmq_url))
    channel = connection.channel()
    channel.exchange_delete(name)
    channel.exchange_delete(f"{name}.unrouted")
    channel.queue_delete(f"{name}.unrouted")
    connection.close()


class Consumer:
    """An exclusive, server-named queue bound to the exchange with routing patterns."""

    def __init__(self, channel: BlockingChannel, exchange: str) -> None:
        self.channel = channel
        self.exchange = exchange
        declare_exchange(channel, exchange)
        self.queue: str = channel.queue_declare("", exclusive=True).method.queue

    def bind(self, pattern: str) -> None:
        self.channel.queue_bind(self.queue, self.exchange, routing_key=pattern)

    def receive(self, count: int, *, queue: str | None = None, timeout: float = 5.0
                ) -> list[tuple[pika.spec.Basic.Deliver, pika.BasicProperties, bytes]]:
        """The next `count` messages of the queue (or fewer, if no more come within `timeout` seconds)."""
        received = []
        for method, properties, body in self.channel.consume(queue or self.queue, auto_ack=True,
                                                              inactivity_timeout=timeout):
            if method is None:
                break
            received.append((method, properties, body))
            if len(received) == count:
                break
        self.channel.cancel()
        return received


@pytest.fixture
def consumer(rabbitmq_url: str, exchange: str) -> Iterator[Consumer]:
    connection = pika.BlockingConnection(pika.URLParameters(rabbitmq_url))
    yield Consumer(connection.channel(), exchange)
    connection.close()


class CuttableProxy:
    """Forwards TCP connections from its own port to the broker's; `cut()` closes the open ones under both ends."""

    def __init__(self, host: str, port: int) -> None:
        self.upstream = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            self.sockets += [client, server]
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                end.close()

    def cut(self) -> None:
        for end in self.sockets:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
        self.sockets.clear()

    def close(self) -> None:
        self.cut()
        self.listener.close()


@pytest.fixture
def proxy(rabbitmq_url: str) -> Iterator[CuttableProxy]:
    parameters = pika.URLParameters(rabbitmq_url)
    proxy = CuttableProxy(parameters.host, parameters.port)
    yield proxy
    proxy.close()
