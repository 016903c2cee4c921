"""One contract for the webhook stores, run against memory, SQLite and PostgreSQL; and on PostgreSQL, workers that
claim at the same time never get the same delivery."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta

import pytest

from oms.adapters.memory.webhooks import InMemoryWebhookStore
from oms.adapters.sql import SqlDatabase
from oms.adapters.sql.webhooks.store import SqlWebhookStore
from oms.application.webhooks.delivery import DeliveryWorker, WebhookSubscriber, WorkerSettings
from oms.application.webhooks.subscriptions import create_subscription, delete_subscription, update_subscription
from oms.domain.shared.errors import ConcurrencyConflict, InvalidValue, NotFound
from oms.domain.webhooks.webhooks import DeliveryStatus
from oms.ports.shared.relay import PublishedEvent
from oms.ports.webhooks.sender import SendResult
from oms.ports.webhooks.store import WebhookStore

from .conftest import BACKENDS
from .test_access_stores_contract import _store

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
LEASE = timedelta(minutes=2)


class Clock:
    def now(self) -> datetime:
        return NOW


def _events(count: int, start: int = 0) -> list[PublishedEvent]:
    return [PublishedEvent(id=f"evt-{n}", seq=n, type="SalesOrderConfirmed", aggregate_id=f"order-{n}",
                           occurred_at=NOW, payload={"n": n, "total": "1.10"}) for n in range(start, start + count)]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[WebhookStore]:
    stores: Iterator[WebhookStore] = _store(request, InMemoryWebhookStore, SqlWebhookStore)
    yield from stores


def test_a_subscription_round_trips_and_its_changes_are_saved_with_their_version(store: WebhookStore) -> None:
    created = create_subscription(store, Clock(), url="https://example.com/hook", event_types=["A", "B.c"],
                                  description="shop")

    found = store.subscription(created.subscription.id)
    assert (found.url, found.event_types, found.secret, found.active, found.description, found.created_at) == (
        "https://example.com/hook", ("A", "B.c"), created.secret, True, "shop", NOW)
    update_subscription(store, found.id, url="http://example.org/x", active=False)
    assert (store.subscription(found.id).url, store.subscription(found.id).active) == ("http://example.org/x", False)
    with pytest.raises(ConcurrencyConflict):
        store.save_subscription(found)  # read before the update
    with pytest.raises(InvalidValue, match="url"):
        update_subscription(store, found.id, url="ftp://example.com")
    assert [s.id for s in store.subscriptions()] == [found.id]


def test_deliveries_are_kept_once_per_subscription_and_event_and_go_with_their_subscription(
        store: WebhookStore) -> None:
    first = create_subscription(store, Clock(), url="https://a.example/", event_types=["*"]).subscription.id
    second = create_subscription(store, Clock(), url="https://b.example/", event_types=["*"]).subscription.id
    subscriber = WebhookSubscriber(store, Clock())

    subscriber.deliver(_events(3))
    subscriber.deliver(_events(4))

    assert len(store.deliveries(subscription_id=first)) == len(store.deliveries(subscription_id=second)) == 4
    [one] = store.deliveries(subscription_id=first, limit=1)
    assert store.delivery(one.id).payload == one.payload
    delete_subscription(store, first)
    assert store.deliveries(subscription_id=first) == []
    with pytest.raises(NotFound):
        store.subscription(first)
    with pytest.raises(NotFound):
        store.delivery(one.id)


def test_claimed_deliveries_are_not_claimed_again_until_their_lease_ends_and_results_are_saved(
        store: WebhookStore) -> None:
    create_subscription(store, Clock(), url="https://a.example/", event_types=["*"])
    WebhookSubscriber(store, Clock()).deliver(_events(3))

    claimed = store.claim_due(NOW, LEASE, 2)
    assert [d.status for d in claimed] == [DeliveryStatus.SENDING] * 2
    assert len(store.claim_due(NOW, LEASE, 10)) == 1
    assert store.claim_due(NOW, LEASE, 10) == []
    claimed[0].succeeded(NOW, 200)
    store.save_delivery(claimed[0])
    again = store.claim_due(NOW + LEASE, LEASE, 10)  # the lease ended: the others are due again
    assert sorted(d.id for d in again) == sorted(d.id for d in store.deliveries() if d.id != claimed[0].id)
    saved = store.delivery(claimed[0].id)
    assert (saved.status, saved.attempts, saved.last_status_code, saved.delivered_at) == (
        DeliveryStatus.DELIVERED, 1, 200, NOW)
    assert [d.id for d in store.deliveries(status=DeliveryStatus.DELIVERED)] == [claimed[0].id]


class CountingSender:
    def __init__(self) -> None:
        self.sent: list[str] = []
        self._lock = threading.Lock()

    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> SendResult:
        with self._lock:
            self.sent.append(headers["Oms-Event-Id"])
        return SendResult(200)


@pytest.mark.postgres
def test_two_workers_claiming_at_once_on_postgres_never_send_one_delivery_twice(clean_postgres_url: str) -> None:
    database = SqlDatabase.from_url(clean_postgres_url)
    try:
        store = SqlWebhookStore(database.engine)
        create_subscription(store, Clock(), url="https://a.example/", event_types=["*"])
        WebhookSubscriber(store, Clock()).deliver(_events(60))
        sender = CountingSender()
        workers = [DeliveryWorker(store, sender, Clock(), WorkerSettings(batch=5, threads=2)) for _ in range(3)]
        barrier = threading.Barrier(len(workers))

        def work(worker: DeliveryWorker) -> None:
            barrier.wait()
            worker.run(batches=20)

        threads = [threading.Thread(target=work, args=(worker,)) for worker in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)

        assert sorted(sender.sent) == sorted(f"evt-{n}" for n in range(60))  # each once, none twice
        assert len(store.deliveries(status=DeliveryStatus.DELIVERED, limit=100)) == 60
    finally:
        database.dispose()
