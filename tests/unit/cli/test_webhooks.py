"""`oms webhook ...` and `oms webhooks deliver` through Click's runner."""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner, Result

from oms.adapters.clock import FixedClock
from oms.application.webhooks.delivery import WebhookSubscriber
from oms.domain.webhooks.webhooks import DeliveryStatus
from oms.entrypoints.cli import main
from oms.entrypoints.cli.support import CliContext
from oms.entrypoints.runtime import Runtime
from oms.ports.shared.relay import PublishedEvent


def _run(runtime: Runtime, *args: str) -> Result:
    return CliRunner().invoke(main, list(args), obj=CliContext(lambda: runtime))


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_created_webhook_prints_its_secret_once_and_no_view_shows_it_again() -> None:
    runtime = Runtime.in_memory()

    created = _run(runtime, "webhook", "create", "--url", "https://example.com/hook", "--event-type",
                   "SalesOrderConfirmed", "--event-type", "InvoiceIssued", "--description", "shop")
    [subscription] = runtime.webhooks.subscriptions()
    listed = _run(runtime, "webhook", "list", "--json")
    shown = _run(runtime, "webhook", "show", subscription.id)
    rotated = _run(runtime, "webhook", "rotate-secret", subscription.id, "--json")

    assert created.exit_code == 0
    assert created.stdout.strip().endswith(f"its secret, shown only now: {subscription.secret}")
    assert subscription.secret.startswith("whsec_")
    assert subscription.event_types == ("SalesOrderConfirmed", "InvoiceIssued")
    [row] = json.loads(listed.stdout)["items"]
    assert {key: value for key, value in row.items() if key != "created_at"} == {
        "id": subscription.id, "url": "https://example.com/hook", "event_types": ["SalesOrderConfirmed",
                                                                                  "InvoiceIssued"],
        "active": True, "description": "shop"}
    assert subscription.secret not in shown.stdout
    assert "shop" in shown.stdout
    new_secret = runtime.webhooks.subscription(subscription.id).secret
    assert json.loads(rotated.stdout)["secret"] == new_secret != subscription.secret


def test_a_bad_url_is_refused_naming_the_field_and_nothing_is_kept() -> None:
    runtime = Runtime.in_memory()

    result = _run(runtime, "webhook", "create", "--url", "ftp://example.com/hook")

    assert result.exit_code == 2
    assert "url" in result.stderr
    assert runtime.webhooks.subscriptions() == []


def test_update_disable_and_delete_change_the_subscription() -> None:
    runtime = Runtime.in_memory()
    _run(runtime, "webhook", "create", "--url", "https://example.com/hook")
    [subscription] = runtime.webhooks.subscriptions()

    updated = _run(runtime, "webhook", "update", subscription.id, "--url", "https://example.org/new",
                   "--event-type", "InvoiceIssued", "--json")
    assert (json.loads(updated.stdout)["url"], json.loads(updated.stdout)["event_types"]) == (
        "https://example.org/new", ["InvoiceIssued"])
    assert _run(runtime, "webhook", "disable", subscription.id).exit_code == 0
    assert runtime.webhooks.subscription(subscription.id).active is False
    assert _run(runtime, "webhook", "delete", subscription.id).exit_code == 0
    assert runtime.webhooks.subscriptions() == []
    assert _run(runtime, "webhook", "show", subscription.id).exit_code == 1


def test_the_worker_attempts_due_deliveries_and_a_failed_one_is_listed_and_resent() -> None:
    runtime = Runtime.in_memory()
    _run(runtime, "webhook", "create", "--url", f"http://127.0.0.1:{_closed_port()}/hook")
    WebhookSubscriber(runtime.webhooks, runtime.system.bus.clock).deliver([PublishedEvent(
        id="evt-1", seq=1, type="SalesOrderConfirmed", aggregate_id="o-1", occurred_at=datetime.now(UTC),
        payload={})])

    result = _run(runtime, "webhooks", "deliver")
    [delivery] = runtime.webhooks.deliveries()
    assert (result.exit_code, result.stdout.strip()) == (0, "1 deliveries attempted")
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.PENDING, 1, None)
    assert delivery.last_error

    assert _run(runtime, "webhook", "resend", delivery.id).exit_code == 1  # not failed: refused
    delivery.status = DeliveryStatus.FAILED
    runtime.webhooks.save_delivery(delivery)
    assert delivery.id in _run(runtime, "webhook", "deliveries", "--failed").stdout
    assert _run(runtime, "webhook", "resend", delivery.id).exit_code == 0
    assert runtime.webhooks.delivery(delivery.id).status is DeliveryStatus.PENDING
    assert _run(runtime, "webhook", "deliveries", "--failed", "--json").stdout.strip() == "[]"


def test_forget_delivered_deletes_only_what_was_delivered_beyond_the_retention(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMS_WEBHOOK_RETENTION_DAYS", "1")
    runtime = Runtime.in_memory()
    _run(runtime, "webhook", "create", "--url", "https://example.com/hook")
    long_ago = datetime.now(UTC) - timedelta(days=2)
    WebhookSubscriber(runtime.webhooks, FixedClock(long_ago)).deliver([PublishedEvent(  # rows made two days ago
        id=f"evt-{n}", seq=n, type="SalesOrderConfirmed", aggregate_id=f"o-{n}", occurred_at=datetime.now(UTC),
        payload={}) for n in (1, 2)])
    [delivered, _] = runtime.webhooks.claim_due(datetime.now(UTC), timedelta(minutes=2), 2)
    delivered.succeeded(long_ago, 204)
    runtime.webhooks.save_delivery(delivered)

    result = _run(runtime, "webhooks", "forget-delivered")

    assert (result.exit_code, result.stdout.strip()) == (0, "1 delivered webhook delivery forgotten")
    assert [d.event_id for d in runtime.webhooks.deliveries()] == ["evt-2"]  # still sending: kept
