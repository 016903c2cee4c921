"""Settings of the events going out: OMS_BROKER_URL switches the RabbitMQ publisher on (unset, the relay gets no
broker subscriber); OMS_WEBHOOK_INTERVAL_SECONDS sets how often webhook deliveries are looked for."""

from __future__ import annotations

import pytest

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


def test_the_webhook_interval_is_read_from_the_environment_and_bad_values_name_the_setting() -> None:
    assert Settings.from_env({}).webhook_interval_seconds == 1.0
    assert Settings.from_env({"OMS_WEBHOOK_INTERVAL_SECONDS": "0.2"}).webhook_interval_seconds == 0.2
    for bad in ("0", "soon", "-1", "7200"):
        with pytest.raises(ValueError, match="OMS_WEBHOOK_INTERVAL_SECONDS"):
            Settings.from_env({"OMS_WEBHOOK_INTERVAL_SECONDS": bad})
