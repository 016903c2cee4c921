"""One contract for the webhook stores, run against memory, SQLite and PostgreSQL; and on PostgreSQL, workers that
claim at the same time never get the same delivery."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta

import pytest

from oms.adapters.memory import InMemoryStore, InMemoryUnitOfWork
from oms.adapters.memory.webhooks import InMemoryWebhookStore
from oms.adapters.sql import SqlDatabase
from oms.adapters.sql.webhooks.store import SqlWebhookStore
from oms.application.service import OrderManagement
from oms.application.webhooks.delivery import DeliveryWorker, WebhookSubscriber, WorkerSettings
from oms.application.webhooks.subscriptions import CreateWebhook, DeleteWebhook, UpdateWebhook
from oms.domain.shared.errors import InvalidValue, NotFound
from oms.domain.webhooks.webhooks import DeliveryStatus
from oms.entrypoints.bootstrap import bootstrap
from oms.ports.shared.relay import PublishedEvent
from oms.ports.webhooks.sender import SendResult
from oms.ports.webhooks.store import WebhookStore

from .conftest import BACKENDS

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
LEASE = timedelta(minutes=2)


class Clock:
    def now(self) -> datetime:
        return NOW


class FixedAt:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


def _events(count: int, start: int = 0) -> list[PublishedEvent]:
    return [PublishedEvent(id=f"evt-{n}", seq=n, type="SalesOrderConfirmed", aggregate_id=f"order-{n}",
                           occurred_at=NOW, payload={"n": n, "total": "1.10"}) for n in range(start, start + count)]


class Webhooks:
    """A system whose commands keep the subscriptions, and the store of their deliveries, on one backend."""

    def __init__(self, system: OrderManagement, store: WebhookStore) -> None:
        self.system = system
        self.store = store

    def subscribe(self, url: str = "https://a.example/", *event_types: str) -> str:
        return self.system.handle(CreateWebhook(url=url, event_types=event_types or ("*",)))


@pytest.fixture(params=BACKENDS)
def webhooks(request: pytest.FixtureRequest) -> Iterator[Webhooks]:
    if request.param == "memory":
        kept = InMemoryStore()
        yield Webhooks(bootstrap(uow_factory=lambda: InMemoryUnitOfWork(kept), clock=Clock()),
                       InMemoryWebhookStore(kept))
        return
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "clean_postgres_url")
    database = SqlDatabase.from_url(url)
    yield Webhooks(bootstrap(uow_factory=database.unit_of_work, clock=Clock()), SqlWebhookStore(database.engine))
    database.dispose()


def test_a_subscription_round_trips_and_its_changes_are_saved(webhooks: Webhooks) -> None:
    store = webhooks.store
    created = webhooks.system.handle(CreateWebhook(url="https://example.com/hook", event_types=("A", "B.c"),
                                                   description="shop"))

    found = store.subscription(created)
    assert (found.url, found.event_types, found.active, found.description, found.created_at) == (
        "https://example.com/hook", ("A", "B.c"), True, "shop", NOW)
    assert found.secret.startswith("whsec_")
    webhooks.system.handle(UpdateWebhook(subscription_id=created, url="http://example.org/x", active=False))
    assert (store.subscription(created).url, store.subscription(created).active) == ("http://example.org/x", False)
    with pytest.raises(InvalidValue, match="url"):
        webhooks.system.handle(UpdateWebhook(subscription_id=created, url="ftp://example.com"))
    assert store.subscription(created).url == "http://example.org/x"
    assert [s.id for s in store.subscriptions()] == [created]


def test_deliveries_are_kept_once_per_subscription_and_event_and_go_with_their_subscription(
        webhooks: Webhooks) -> None:
    store = webhooks.store
    first, second = webhooks.subscribe("https://a.example/"), webhooks.subscribe("https://b.example/")
    subscriber = WebhookSubscriber(store, Clock())

    subscriber.deliver(_events(3))
    subscriber.deliver(_events(4))

    assert len(store.deliveries(subscription_id=first)) == len(store.deliveries(subscription_id=second)) == 4
    [one] = store.deliveries(subscription_id=first, limit=1)
    assert store.delivery(one.id).payload == one.payload
    webhooks.system.handle(DeleteWebhook(subscription_id=first))
    assert store.deliveries(subscription_id=first) == []
    assert len(store.deliveries()) == 4
    with pytest.raises(NotFound):
        store.subscription(first)
    with pytest.raises(NotFound):
        store.delivery(one.id)
    subscriber.deliver(_events(5))
    assert len(store.deliveries()) == 5


def test_claimed_deliveries_are_not_claimed_again_until_their_lease_ends_and_results_are_saved(
        webhooks: Webhooks) -> None:
    store = webhooks.store
    webhooks.subscribe()
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


def _at_once(workers: list[DeliveryWorker], batches: int) -> None:
    """Each worker runs `batches` batches on a thread of its own, all starting together."""
    barrier = threading.Barrier(len(workers))

    def work(worker: DeliveryWorker) -> None:
        barrier.wait()
        worker.run(batches=batches)

    threads = [threading.Thread(target=work, args=(worker,)) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)


@pytest.mark.postgres
def test_two_workers_claiming_at_once_on_postgres_never_send_one_delivery_twice(clean_postgres_url: str) -> None:
    database = SqlDatabase.from_url(clean_postgres_url)
    try:
        store = SqlWebhookStore(database.engine)
        Webhooks(bootstrap(uow_factory=database.unit_of_work, clock=Clock()), store).subscribe()
        WebhookSubscriber(store, Clock()).deliver(_events(60))
        sender = CountingSender()
        _at_once([DeliveryWorker(store, sender, Clock(), WorkerSettings(batch=5, threads=2)) for _ in range(3)], 20)

        assert sorted(sender.sent) == sorted(f"evt-{n}" for n in range(60))  # each once, none twice
        assert len(store.deliveries(status=DeliveryStatus.DELIVERED, limit=100)) == 60
    finally:
        database.dispose()


def _document_events(documents: int, each: int) -> list[PublishedEvent]:
    """`each` events of every one of `documents` documents, interleaved in the outbox as concurrent commands make
    them: evt-<document>-<n>, seq 1, 2, ..."""
    events = [(document, n) for n in range(each) for document in range(documents)]
    return [PublishedEvent(id=f"evt-{document}-{n}", seq=seq, type="SalesOrderConfirmed",
                           aggregate_id=f"order-{document}", occurred_at=NOW, payload={"n": n})
            for seq, (document, n) in enumerate(events, 1)]


def test_a_claim_takes_only_the_earliest_unfinished_delivery_of_each_document(webhooks: Webhooks) -> None:
    store = webhooks.store
    webhooks.subscribe()
    WebhookSubscriber(store, Clock()).deliver(_document_events(2, 3))

    first = store.claim_due(NOW, LEASE, 10)
    nothing_while_sending = store.claim_due(NOW, LEASE, 10)
    for delivery in first:
        delivery.succeeded(NOW, 200)
        store.save_delivery(delivery)
    second = store.claim_due(NOW, LEASE, 10)

    assert sorted(d.event_id for d in first) == ["evt-0-0", "evt-1-0"]
    assert nothing_while_sending == []
    assert sorted(d.event_id for d in second) == ["evt-0-1", "evt-1-1"]
    assert sorted(d.event_seq for d in second) == [3, 4]


class MutableClock:
    def __init__(self) -> None:
        self.at = NOW

    def now(self) -> datetime:
        return self.at


class FailingFirst:
    """A receiver that answers 500 to one event id and 200 to the rest; keeps what it was sent, in order."""

    def __init__(self, failing: str) -> None:
        self.failing = failing
        self.sent: list[str] = []

    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> SendResult:
        self.sent.append(headers["Oms-Event-Id"])
        return SendResult(500) if headers["Oms-Event-Id"] == self.failing else SendResult(200)


def test_a_documents_second_event_waits_while_its_first_is_retried_and_goes_once_the_first_failed_for_good(
        webhooks: Webhooks) -> None:
    store, clock = webhooks.store, MutableClock()
    webhooks.subscribe()
    WebhookSubscriber(store, clock).deliver(_document_events(2, 2))  # evt-0-0, evt-1-0, evt-0-1, evt-1-1
    receiver = FailingFirst("evt-0-0")
    worker = DeliveryWorker(store, receiver, clock, WorkerSettings(max_attempts=2), random_fraction=lambda: 1.0)

    worker.drain(10)
    clock.at = NOW + timedelta(seconds=29)  # the retry is due after 30 s
    worker.drain(10)
    held_back = list(receiver.sent)
    clock.at = NOW + timedelta(seconds=30)
    worker.drain(10)
    worker.drain(10)

    assert sorted(held_back) == ["evt-0-0", "evt-1-0", "evt-1-1"]  # evt-0-1 waits for evt-0-0
    assert receiver.sent[3:] == ["evt-0-0", "evt-0-1"]  # the retry failed for good, then the second went
    statuses = {d.event_id: d.status for d in store.deliveries()}
    assert statuses == {"evt-0-0": DeliveryStatus.FAILED, "evt-0-1": DeliveryStatus.DELIVERED,
                        "evt-1-0": DeliveryStatus.DELIVERED, "evt-1-1": DeliveryStatus.DELIVERED}


def test_a_documents_second_event_goes_once_its_first_was_delivered_on_a_retry(webhooks: Webhooks) -> None:
    store, clock = webhooks.store, MutableClock()
    webhooks.subscribe()
    WebhookSubscriber(store, clock).deliver(_document_events(1, 2))
    receiver = FailingFirst("evt-0-0")
    worker = DeliveryWorker(store, receiver, clock, random_fraction=lambda: 1.0)

    worker.drain(10)
    receiver.failing = ""  # the receiver is back
    clock.at = NOW + timedelta(seconds=30)
    worker.drain(10)
    worker.drain(10)

    assert receiver.sent == ["evt-0-0", "evt-0-0", "evt-0-1"]


class OrderedSender(CountingSender):
    """Counts, and answers after a pause so that threads and workers overlap."""

    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> SendResult:
        time.sleep(0.002)
        return super().post(url, body, headers)


@pytest.mark.postgres
def test_workers_claiming_at_once_on_postgres_send_the_events_of_each_document_in_outbox_order(
        clean_postgres_url: str) -> None:
    database = SqlDatabase.from_url(clean_postgres_url)
    try:
        store = SqlWebhookStore(database.engine)
        Webhooks(bootstrap(uow_factory=database.unit_of_work, clock=Clock()), store).subscribe()
        events = _document_events(6, 10)
        WebhookSubscriber(store, Clock()).deliver(events)
        sender = OrderedSender()
        _at_once([DeliveryWorker(store, sender, Clock(), WorkerSettings(batch=4, threads=4)) for _ in range(3)], 40)

        assert sorted(sender.sent) == sorted(event.id for event in events)  # each once
        for document in range(6):
            sent = [event_id for event_id in sender.sent if event_id.startswith(f"evt-{document}-")]
            assert sent == [f"evt-{document}-{n}" for n in range(10)]
    finally:
        database.dispose()


def test_a_stock_events_document_id_of_product_at_warehouse_is_kept_whole(webhooks: Webhooks) -> None:
    webhooks.subscribe()
    stock_document = f"{'a' * 32}@{'b' * 32}"  # StockMoved's aggregate: product id @ warehouse id, 65 characters
    WebhookSubscriber(webhooks.store, Clock()).deliver(
        [PublishedEvent(id="evt-1", seq=1, type="StockMoved", aggregate_id=stock_document, occurred_at=NOW,
                        payload={"quantity": "1"})])

    [claimed] = webhooks.store.claim_due(NOW, LEASE, 10)
    assert claimed.aggregate_id == stock_document


def test_a_batchs_results_are_written_back_together_and_a_deleted_ones_skipped(webhooks: Webhooks) -> None:
    kept, dropped = webhooks.subscribe(), webhooks.subscribe("https://b.example/")
    WebhookSubscriber(webhooks.store, Clock()).deliver(_events(2))
    claimed = webhooks.store.claim_due(NOW, LEASE, 10)
    webhooks.system.handle(DeleteWebhook(subscription_id=dropped))
    for delivery in claimed:
        delivery.succeeded(NOW, 204)

    webhooks.store.save_deliveries(claimed)

    saved = webhooks.store.deliveries(limit=10)
    assert {(d.subscription_id, d.status, d.last_status_code) for d in saved} == {
        (kept, DeliveryStatus.DELIVERED, 204)}
    assert len(saved) == 2


def test_deliveries_delivered_before_the_cutoff_are_forgotten_a_chunk_at_a_time_and_no_other(
        webhooks: Webhooks) -> None:
    webhooks.subscribe()
    for hours_ago, events in ((48, _events(3)), (1, _events(2, start=3))):  # made two days and an hour ago
        WebhookSubscriber(webhooks.store, FixedAt(NOW - timedelta(hours=hours_ago))).deliver(events)
    claimed = webhooks.store.claim_due(NOW, LEASE, 10)
    for delivery in claimed:
        if delivery.event_id == "evt-2":
            delivery.attempt_failed(NOW, 500, "down", 0.0, max_attempts=1)
        elif delivery.event_id != "evt-1":
            delivery.succeeded(NOW, 200)
    webhooks.store.save_deliveries([d for d in claimed if d.event_id != "evt-1"])  # evt-1 is still sending
    cutoff = NOW - timedelta(days=1)

    first = webhooks.store.forget_delivered(cutoff, 1)
    second = webhooks.store.forget_delivered(cutoff, 1)

    assert (first, second) == (1, 0)  # of the old ones, evt-0 alone was delivered
    assert sorted((d.event_id, d.status) for d in webhooks.store.deliveries(limit=10)) == [
        ("evt-1", DeliveryStatus.SENDING), ("evt-2", DeliveryStatus.FAILED), ("evt-3", DeliveryStatus.DELIVERED),
        ("evt-4", DeliveryStatus.DELIVERED)]
