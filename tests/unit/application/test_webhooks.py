"""Webhook deliveries end to end on the memory store and a real receiver: a tiny HTTP server on 127.0.0.1 in a
thread. Time is a fixed clock moved by hand, the jitter a fixed fraction: nothing waits for real but the slow
receiver's timeout (0.3 s)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from attrs import evolve

from oms.adapters.webhooks.http import Urllib3WebhookSender
from oms.application.webhooks.delivery import DeliveryWorker, WebhookSubscriber, WorkerSettings
from oms.application.webhooks.subscriptions import (
    CreateWebhook,
    DisableWebhook,
    RotateWebhookSecret,
    resend_delivery,
)
from oms.domain.shared.errors import BusinessRuleViolation
from oms.domain.webhooks.webhooks import DeliveryStatus
from oms.entrypoints.runtime import Runtime
from oms.ports.shared.relay import PublishedEvent

from .receivers import Receiver

START = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.at = START

    def now(self) -> datetime:
        return self.at


def event(number: int = 1, type: str = "SalesOrderConfirmed") -> PublishedEvent:
    return PublishedEvent(id=f"evt-{number}", seq=number, type=type, aggregate_id="order-1", occurred_at=START,
                          payload={"order_id": "order-1", "total": "12.30"})


class Setup:
    def __init__(self) -> None:
        self.clock = Clock()
        self.runtime = Runtime.in_memory(clock=self.clock)
        self.store = self.runtime.webhooks
        self.subscriber = WebhookSubscriber(self.store, self.clock)
        self.worker = DeliveryWorker(self.store, Urllib3WebhookSender(connect_timeout=1, read_timeout=0.3),
                                     self.clock, WorkerSettings(max_attempts=3), random_fraction=lambda: 0.5)

    def subscribe(self, url: str, *types: str) -> str:
        return self.runtime.system.handle(CreateWebhook(url=url, event_types=types or ("*",)))

    def secret(self, subscription_id: str) -> str:
        return self.store.subscription(subscription_id).secret


def test_a_receiver_gets_the_event_signed_and_verifies_it_with_the_documented_example(receiver: Receiver) -> None:
    setup = Setup()
    secret = setup.secret(setup.subscribe(receiver.url("/hook"), "SalesOrderConfirmed"))

    setup.subscriber.deliver([event(1), event(2, type="InvoiceIssued")])
    assert setup.worker.run_once() == 1

    [(_, headers, body)] = receiver.received
    namespace: dict[str, Any] = {}
    exec(_documented_example(), namespace)
    assert namespace["verify"](secret, headers, body, now=START.timestamp())
    assert not namespace["verify"](secret, headers, body + b" ", now=START.timestamp())
    assert not namespace["verify"]("whsec_another_secret_entirely", headers, body, now=START.timestamp())
    assert not namespace["verify"](secret, headers, body, now=START.timestamp() + 600)  # too old
    assert json.loads(body) == {"id": "evt-1", "type": "SalesOrderConfirmed", "version": 1,
                                "occurred_at": START.isoformat(),
                                "aggregate_id": "order-1", "data": {"order_id": "order-1", "total": "12.30"}}
    assert (headers["Oms-Event-Id"], headers["Oms-Event-Type"], headers["Oms-Timestamp"]) == (
        "evt-1", "SalesOrderConfirmed", str(int(START.timestamp())))
    [delivery] = setup.store.deliveries()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.DELIVERED, 1, 204)


def _documented_example() -> str:
    from pathlib import Path
    text = (Path(__file__).parents[3] / "docs" / "webhooks.md").read_text()
    return text.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_same_events_given_twice_make_one_delivery_per_subscription_and_event() -> None:
    setup = Setup()
    setup.subscribe("http://127.0.0.1:9/a")
    setup.subscribe("http://127.0.0.1:9/b", "SalesOrderConfirmed")
    setup.subscribe("http://127.0.0.1:9/c", "InvoiceIssued")

    setup.subscriber.deliver([event(1), event(2)])
    setup.subscriber.deliver([event(1), event(2), event(3)])

    pairs = sorted((d.subscription_id, d.event_id) for d in setup.store.deliveries())
    assert len(pairs) == len(set(pairs)) == 6  # a and b want each of the three events; c none


def test_a_failing_receiver_is_retried_with_growing_jittered_delays_then_fails_and_can_be_resent(
        receiver: Receiver) -> None:
    setup = Setup()
    setup.subscribe(receiver.url("/down"))
    receiver.status["/down"] = 500
    setup.subscriber.deliver([event(1)])

    waits = []
    for _ in range(3):
        assert setup.worker.run_once() == 1
        assert setup.worker.run_once() == 0  # not due again yet
        [delivery] = setup.store.deliveries()
        waits.append(delivery.next_attempt_at - setup.clock.at)
        setup.clock.at = delivery.next_attempt_at

    assert waits[:2] == [timedelta(seconds=15), timedelta(seconds=30)]  # half of 30 s x 2^n (the jitter is 0.5)
    [delivery] = setup.store.deliveries(status=DeliveryStatus.FAILED)
    assert (delivery.attempts, delivery.last_status_code, delivery.last_error) == (3, 500, "answered 500")
    assert len(receiver.received) == 3
    setup.clock.at += timedelta(days=1)
    assert setup.worker.run_once() == 0  # failed is final until resent

    receiver.status["/down"] = 200
    resend_delivery(setup.store, setup.clock, delivery.id)
    assert setup.worker.run_once() == 1
    assert setup.store.delivery(delivery.id).status is DeliveryStatus.DELIVERED
    with pytest.raises(BusinessRuleViolation, match="WebhookDeliveryMustHaveFailed"):
        resend_delivery(setup.store, setup.clock, delivery.id)


def test_a_redirect_is_not_followed_and_counts_as_a_failed_attempt(receiver: Receiver) -> None:
    setup = Setup()
    setup.subscribe(receiver.url("/moved"))
    receiver.status["/moved"] = 307
    setup.subscriber.deliver([event(1)])

    setup.worker.run_once()

    assert receiver.paths() == ["/moved"]
    [delivery] = setup.store.deliveries()
    assert (delivery.status, delivery.last_status_code) == (DeliveryStatus.PENDING, 307)


def test_a_slow_receiver_is_timed_out_without_delaying_another_subscriptions_delivery(receiver: Receiver) -> None:
    setup = Setup()
    slow, quick = setup.subscribe(receiver.url("/slow")), setup.subscribe(receiver.url("/quick"))
    receiver.delay["/slow"] = 2.0
    setup.subscriber.deliver([event(1)])
    started = time.monotonic()
    setup.worker.run_once()
    elapsed = time.monotonic() - started

    assert elapsed < 1.5  # the read timeout (0.3 s) cut the slow one off
    assert receiver.arrived["/quick"] - started < 0.3  # the quick one did not wait behind the slow one
    by_subscription = {d.subscription_id: d for d in setup.store.deliveries()}
    assert by_subscription[quick].status is DeliveryStatus.DELIVERED
    assert by_subscription[slow].status is DeliveryStatus.PENDING
    assert "timed out" in by_subscription[slow].last_error.lower()


def test_a_rotated_secret_signs_the_next_deliveries_and_a_disabled_subscription_gets_nothing(
        receiver: Receiver) -> None:
    setup = Setup()
    first = setup.subscribe(receiver.url("/a"))
    old = setup.secret(first)
    setup.runtime.system.handle(RotateWebhookSecret(subscription_id=first))
    assert setup.secret(first) != old
    setup.subscriber.deliver([event(1)])
    setup.worker.run_once()
    namespace: dict[str, Any] = {}
    exec(_documented_example(), namespace)
    [(_, headers, body)] = receiver.received
    assert namespace["verify"](setup.secret(first), headers, body, now=START.timestamp())
    assert not namespace["verify"](old, headers, body, now=START.timestamp())

    setup.runtime.system.handle(DisableWebhook(subscription_id=first))
    setup.subscriber.deliver([event(2)])
    assert setup.worker.run_once() == 0
    assert len(receiver.received) == 1


def test_the_scheduler_sends_due_deliveries_at_the_set_interval_and_a_disabled_webhooks_fail_unsent(
        receiver: Receiver) -> None:
    from apscheduler.schedulers.background import BackgroundScheduler

    from oms.entrypoints.scheduler import DELIVER_WEBHOOKS, configure

    setup = Setup()
    kept, dropped = setup.subscribe(receiver.url("/kept")), setup.subscribe(receiver.url("/dropped"))
    setup.subscriber.deliver([event(1)])
    setup.runtime.system.handle(DisableWebhook(subscription_id=dropped))
    job = configure(BackgroundScheduler(), setup.runtime.system, run_now=False,
                    webhooks=setup.worker, webhook_interval=0.5).get_job(DELIVER_WEBHOOKS)

    assert job.trigger.interval.total_seconds() == 0.5
    assert job.func(*job.args) == 2

    assert receiver.paths() == ["/kept"]  # a disabled subscription is never called
    by_subscription = {d.subscription_id: d for d in setup.store.deliveries()}
    assert by_subscription[kept].status is DeliveryStatus.DELIVERED
    assert (by_subscription[dropped].status, by_subscription[dropped].attempts) == (DeliveryStatus.FAILED, 0)


def test_a_scheduler_run_sends_every_due_delivery_batch_after_batch_not_just_one_batch(receiver: Receiver) -> None:
    setup = Setup()
    setup.subscribe(receiver.url("/hook"))
    # events of 110 documents (one document's events go one at a time): batches of 50: 50 + 50 + 10
    setup.subscriber.deliver([evolve(event(number), aggregate_id=f"order-{number}") for number in range(1, 111)])

    assert setup.worker.drain(max_batches=2) == 100  # bounded: the rest waits for the next run
    assert setup.worker.drain(max_batches=50) == 10
    assert setup.worker.drain(max_batches=50) == 0
    assert len(receiver.received) == 110
    assert {d.status for d in setup.store.deliveries(limit=200)} == {DeliveryStatus.DELIVERED}


def test_one_scheduler_run_sends_a_documents_events_one_after_the_other_in_order(receiver: Receiver) -> None:
    setup = Setup()
    setup.subscribe(receiver.url("/hook"))
    setup.subscriber.deliver([event(number) for number in range(1, 6)])  # five events of one document

    assert setup.worker.drain(max_batches=50) == 5  # each due once the one before was delivered, in the same run
    assert [json.loads(body)["id"] for _, _, body in receiver.received] == [f"evt-{n}" for n in range(1, 6)]


def test_the_hourly_job_forgets_what_was_delivered_beyond_the_retention_in_chunks_and_keeps_the_rest() -> None:
    from apscheduler.schedulers.background import BackgroundScheduler

    from oms.entrypoints.scheduler import FORGET_DELIVERED_WEBHOOKS, configure

    setup = Setup()
    setup.subscribe("https://a.example/hook")
    setup.subscriber.deliver([event(number) for number in range(1, 6)])
    for _ in range(4):  # one document's events: one due at a time
        [delivery] = setup.store.claim_due(START, timedelta(minutes=2), 10)
        delivery.succeeded(START, 200)
        setup.store.save_delivery(delivery)
    setup.store.claim_due(START, timedelta(minutes=2), 10)
    worker = DeliveryWorker(setup.store, Urllib3WebhookSender(), setup.clock,
                            WorkerSettings(retention=timedelta(days=30)))
    job = configure(BackgroundScheduler(), setup.runtime.system, run_now=False,
                    webhooks=worker).get_job(FORGET_DELIVERED_WEBHOOKS)

    setup.clock.at = START + timedelta(days=29)
    kept_young = job.func(*job.args)
    setup.clock.at = START + timedelta(days=31)
    forgotten = worker.forget_delivered(chunk=3)

    assert str(job.trigger) == "cron[minute='41']"
    assert (kept_young, forgotten) == (0, 4)  # two chunks: 3, then 1
    assert [d.status for d in setup.store.deliveries()] == [DeliveryStatus.SENDING]  # the fifth, unfinished
