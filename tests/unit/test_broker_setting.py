"""Settings of the events going out: OMS_BROKER_URL switches the RabbitMQ publisher on (unset, the relay gets no
broker subscriber); OMS_WEBHOOK_INTERVAL_SECONDS sets how often webhook deliveries are looked for;
OMS_RELAY_LEASE_SECONDS and OMS_WEBHOOK_LEASE_SECONDS how long a dead relay or delivery worker holds its work;
OMS_WEBHOOK_RETENTION_DAYS how long delivered webhook deliveries are kept."""

from __future__ import annotations

from datetime import timedelta

import pytest

from oms.adapters.broker import RabbitMqPublisher, broker_subscriber
from oms.entrypoints.relay import relay_of
from oms.entrypoints.runtime import Runtime
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


def test_the_relay_and_webhook_leases_are_read_from_the_environment_and_reach_the_relay_and_the_worker(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMS_RELAY_LEASE_SECONDS", "5")
    monkeypatch.setenv("OMS_WEBHOOK_LEASE_SECONDS", "10")
    runtime = Runtime.in_memory()

    relay, worker = relay_of(runtime, []), runtime.webhook_worker()

    assert (Settings.from_env({}).relay_lease_seconds, Settings.from_env({}).webhook_lease_seconds) == (60, 120)
    assert relay._lease_seconds == 5
    assert worker._settings.lease == timedelta(seconds=10)
    with pytest.raises(ValueError, match="OMS_WEBHOOK_LEASE_SECONDS"):
        Settings.from_env({"OMS_WEBHOOK_LEASE_SECONDS": "soon"})


def test_the_webhook_retention_is_read_in_whole_days_and_reaches_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMS_WEBHOOK_RETENTION_DAYS", "7")

    worker = Runtime.in_memory().webhook_worker()

    assert Settings.from_env({}).webhook_retention_days == 30
    assert worker._settings.retention == timedelta(days=7)
    for bad in ("0", "1.5", "week", "5000"):
        with pytest.raises(ValueError, match="OMS_WEBHOOK_RETENTION_DAYS"):
            Settings.from_env({"OMS_WEBHOOK_RETENTION_DAYS": bad})
