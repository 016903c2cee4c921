"""OMS_BROKER_URL switches the RabbitMQ publisher on; unset, the relay gets no broker subscriber."""

from __future__ import annotations

from oms.adapters.broker import RabbitMqPublisher, broker_subscriber
from oms.entrypoints.settings import Settings

URL = "amqp://guest:guest@127.0.0.1:5672/%2F"


def test_the_broker_url_is_read_from_the_environment() -> None:
    assert Settings.from_env({"OMS_BROKER_URL": f" {URL} "}).broker_url == URL
    assert Settings.from_env({"OMS_BROKER_URL": " "}).broker_url is None
    assert Settings.from_env({}).broker_url is None


def test_without_a_broker_url_there_is_no_broker_subscriber() -> None:
    assert broker_subscriber(None) is None
    assert broker_subscriber("") is None
    publisher = broker_subscriber(URL, exchange="shop.events")
    assert isinstance(publisher, RabbitMqPublisher)
    assert (publisher.name, publisher.exchange) == ("rabbitmq", "shop.events")
