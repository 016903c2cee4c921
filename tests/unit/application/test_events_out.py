"""Events out, wired as `oms serve` and `oms relay` run them: an order's events committed, handed by the relay to the
registered subscribers, and the webhook subscriber's deliveries sent by the worker to a real receiver on 127.0.0.1,
each signed, with the event's stable id (the same id the global feed gives)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

import oms
from oms.application.shared.relay import event_feed
from oms.application.webhooks.delivery import sign
from oms.application.webhooks.subscriptions import CreateWebhook
from oms.entrypoints.relay import relay_of, subscribers_of
from oms.entrypoints.runtime import Runtime

from .receivers import Receiver


def _placed_order(system: oms.OrderManagement) -> str:
    handle = system.handle
    handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
    handle(oms.CreateWarehouse(code="BER-1", name="Main", branch_code="BER", priority=10))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.STANDARD, rate="0.19"))
    handle(oms.CreateProduct(sku="DESK", name="Desk", price="100.00", currency="EUR"))
    handle(oms.CreateCustomer(code="ACME", name="Acme GmbH"))
    handle(oms.ReceiveStock(sku="DESK", warehouse_code="BER-1", quantity="5", unit_cost="60.00"))
    return handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True,
                                       lines=(oms.LineInput(sku="DESK", quantity="2"),)))


def test_an_orders_events_reach_a_webhook_through_the_registered_relay_signed_and_with_the_feeds_ids(
        receiver: Receiver, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OMS_BROKER_URL", raising=False)
    clock = oms.FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    runtime = Runtime.in_memory(clock=clock)
    webhook = runtime.system.handle(CreateWebhook(url=receiver.url("/oms"), event_types=("StatusChanged",)))
    secret = runtime.webhooks.subscription(webhook).secret
    clock.advance(timedelta(seconds=1))
    order = _placed_order(runtime.system)

    handed = relay_of(runtime).drain()
    sent = runtime.webhook_worker().run_once()
    feed = event_feed(runtime.events, types=("StatusChanged",))

    [(path, headers, body)] = receiver.received
    assert [s.name for s in subscribers_of(runtime)] == ["webhooks"]  # no broker without OMS_BROKER_URL
    assert handed >= 1
    assert sent == 1
    assert path == "/oms"
    assert headers["Oms-Event-Type"] == "StatusChanged"
    assert headers["Oms-Event-Id"] in [item.id for item in feed.items]
    assert headers["Oms-Signature"] == sign(secret, headers["Oms-Timestamp"], body)
    assert order.encode() in body


def test_a_webhook_made_while_the_relay_is_behind_gets_no_event_from_before_it_was_made(
        receiver: Receiver) -> None:
    clock = oms.FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    runtime = Runtime.in_memory(clock=clock)
    before = _placed_order(runtime.system)  # committed while no relay ran
    clock.advance(timedelta(minutes=5))
    runtime.system.handle(CreateWebhook(url=receiver.url("/late"), event_types=("*",)))
    after = runtime.system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True,
                                                       lines=(oms.LineInput(sku="DESK", quantity="1"),)))

    relay_of(runtime).drain()
    runtime.webhook_worker().run_once()

    bodies = [body for _, _, body in receiver.received]
    assert bodies
    assert all(after.encode() in body for body in bodies)
    assert not any(before.encode() in body for body in bodies)
