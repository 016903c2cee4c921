"""Webhooks in the console: a manager makes one and sees its secret once, its page lists its recent deliveries,
a failed delivery is resent from the failed deliveries' page; a clerk sees none of it."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask

from oms.application.webhooks.delivery import WebhookSubscriber
from oms.domain.access.tokens import Role
from oms.domain.webhooks.webhooks import DeliveryStatus
from oms.ports.shared.relay import PublishedEvent
from tests.unit.console.conftest import Browser, browser, text


def test_a_manager_makes_a_webhook_sees_its_secret_once_and_its_page_without_it(app: Flask) -> None:
    manager = browser(app, Role.MANAGER)
    manager.get("/console/webhook/do/create")

    made = manager.post("/console/webhook/do/create", {
        "url": "https://shop.example.com/hook", "event_types": "SalesOrderConfirmed, InvoiceIssued",
        "description": "shop front"})
    store = app.extensions["oms"].webhooks
    [subscription] = store.subscriptions()

    assert made.status_code == 201
    assert made.headers["Cache-Control"] == "no-store"
    assert subscription.secret in text(made)
    assert subscription.event_types == ("SalesOrderConfirmed", "InvoiceIssued")
    page = text(manager.get(f"/console/webhooks/{subscription.id}"))
    listed = text(manager.get("/console/webhooks"))
    assert "shop front" in page
    assert "https://shop.example.com/hook" in listed
    assert subscription.secret not in page + listed
    rotated = manager.post(f"/console/webhook/{subscription.id}/do/rotate-secret")
    assert store.subscription(subscription.id).secret in text(rotated)


def test_a_failed_delivery_shows_on_its_webhook_and_is_resent_from_the_failed_list(
        app: Flask, clerk: Browser) -> None:
    manager = browser(app, Role.MANAGER)
    manager.get("/console/webhook/do/create")
    manager.post("/console/webhook/do/create", {"url": "https://shop.example.com/hook"})
    store = app.extensions["oms"].webhooks
    [subscription] = store.subscriptions()
    WebhookSubscriber(store, app.extensions["oms"].clock).deliver([PublishedEvent(
        id="evt-42", seq=1, type="InvoiceIssued", aggregate_id="inv-1", occurred_at=datetime.now(UTC), payload={})])
    [delivery] = store.deliveries()
    delivery.attempt_failed(datetime.now(UTC), 503, "answered 503", 0.5, max_attempts=1)
    store.save_delivery(delivery)

    assert "evt-42" in text(manager.get(f"/console/webhooks/{subscription.id}"))
    failed = text(manager.get("/console/webhook-deliveries/failed"))
    resent = manager.post(f"/console/webhook-deliveries/{delivery.id}/resend")

    assert "evt-42" in failed
    assert "answered 503" in failed
    assert resent.status_code == 302
    assert store.delivery(delivery.id).status is DeliveryStatus.PENDING
    assert "evt-42" not in text(manager.get("/console/webhook-deliveries/failed"))
    assert clerk.get("/console/webhooks").status_code == 403
    assert clerk.get("/console/webhook-deliveries/failed").status_code == 403
