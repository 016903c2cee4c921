"""Webhooks over HTTP: subscriptions kept by managers, the secret in the answer that makes or rotates one only,
the deliveries listed, a failed one resent."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask

from oms.application.webhooks.delivery import WebhookSubscriber
from oms.domain.webhooks.webhooks import DeliveryStatus
from oms.entrypoints.http.testing import Caller
from oms.ports.shared.relay import PublishedEvent


def test_a_manager_subscribes_a_url_and_sees_its_secret_once(manager: Caller, clerk: Caller, app: Flask) -> None:
    created = manager.post("/webhooks", json={"url": "https://shop.example.com/hook",
                                              "event_types": ["SalesOrderConfirmed"], "description": "shop"},
                           headers={"Idempotency-Key": "webhook-1"})
    body = created.get_json()
    secret = app.extensions["oms"].webhooks.subscription(body["id"]).secret

    assert created.status_code == 201
    assert created.headers["Location"] == f"/api/v1/webhooks/{body['id']}"
    assert body["secret"] == secret
    for read in (manager.get(f"/webhooks/{body['id']}"), manager.get("/webhooks"),
                 manager.patch(f"/webhooks/{body['id']}", json={"description": "the shop"})):
        assert read.status_code == 200
        assert secret not in read.get_data(as_text=True)
    assert clerk.get("/webhooks").status_code == 403
    assert clerk.post("/webhooks", json={"url": "https://x.example/"}).status_code == 403
    rotated = manager.post(f"/webhooks/{body['id']}/rotate-secret").get_json()
    assert rotated["secret"] == app.extensions["oms"].webhooks.subscription(body["id"]).secret != secret


def test_a_bad_url_or_event_type_is_refused_naming_the_field(manager: Caller) -> None:
    for body, field in (({"url": "ftp://example.com/"}, "url"), ({"url": "https://example.com/", "event_types": [
            "*", "InvoiceIssued"]}, "event_types"), ({"url": "https://example.com/", "secret": "short"}, "secret")):
        refused = manager.post("/webhooks", json=body)
        assert refused.status_code == 422, refused.get_json()
        assert field in refused.get_data(as_text=True)
    assert manager.get("/webhooks").get_json()["items"] == []


def test_a_failed_delivery_is_listed_and_resent_and_a_deleted_webhook_takes_its_deliveries(
        manager: Caller, app: Flask) -> None:
    created = manager.post("/webhooks", json={"url": "https://shop.example.com/hook"}).get_json()
    store = app.extensions["oms"].webhooks
    WebhookSubscriber(store, app.extensions["oms"].clock).deliver([PublishedEvent(
        id="evt-1", seq=1, type="SalesOrderConfirmed", aggregate_id="o-1", occurred_at=datetime.now(UTC),
        payload={})])
    [delivery] = store.deliveries()
    delivery.attempt_failed(datetime.now(UTC), 500, "answered 500", 0.5, max_attempts=1)
    store.save_delivery(delivery)

    failed = manager.get("/webhook-deliveries", query_string={"failed": "true"}).get_json()["items"]
    resent = manager.post(f"/webhook-deliveries/{delivery.id}/resend")
    again = manager.post(f"/webhook-deliveries/{delivery.id}/resend")

    assert [(d["id"], d["status"], d["last_status_code"]) for d in failed] == [(delivery.id, "failed", 500)]
    assert (resent.status_code, resent.get_json()["status"], resent.get_json()["attempts"]) == (200, "pending", 0)
    assert again.status_code == 409
    assert "WebhookDeliveryMustHaveFailed" in again.get_data(as_text=True)
    assert manager.get("/webhook-deliveries", query_string={"failed": "true"}).get_json()["items"] == []
    assert [d["id"] for d in manager.get(f"/webhooks/{created['id']}/deliveries").get_json()["items"]] == [
        delivery.id]
    assert manager.delete(f"/webhooks/{created['id']}").status_code == 200
    assert store.deliveries() == []
    assert manager.get(f"/webhooks/{created['id']}/deliveries").status_code == 404
    assert store.deliveries(status=DeliveryStatus.PENDING) == []
