"""From the relay to the receivers: `WebhookSubscriber` records one delivery per matching subscription and event
(rows only, so the relay never waits on a receiver); `DeliveryWorker` sends the due ones, signed, outside any
transaction, and schedules the retries."""

from __future__ import annotations

import hashlib
import hmac
import json
import random
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from attrs import frozen

from oms.domain.event_types import schema_version
from oms.domain.shared.ids import new_id
from oms.domain.webhooks.webhooks import MAX_ATTEMPTS, DeliveryStatus, WebhookDelivery, WebhookSubscription
from oms.ports.shared.clock import Clock
from oms.ports.shared.relay import PublishedEvent
from oms.ports.webhooks.sender import SendResult, WebhookSender
from oms.ports.webhooks.store import WebhookStore

SIGNATURE_VERSION = "v1"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The `Oms-Signature` header: `v1=` and the hex HMAC-SHA256 of `<timestamp>.<body>` keyed with the secret."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"{SIGNATURE_VERSION}={digest}"


def body_of(delivery: WebhookDelivery) -> bytes:
    """The JSON body of a delivery: id, type, version (of the type's payload), occurred_at, aggregate_id and the
    event's data."""
    document = {"id": delivery.event_id, "type": delivery.event_type, "version": schema_version(delivery.event_type),
                "occurred_at": delivery.occurred_at.isoformat(), "aggregate_id": delivery.aggregate_id,
                "data": delivery.payload}
    return json.dumps(document, separators=(",", ":"), sort_keys=True).encode()


class WebhookSubscriber:
    """The relay's `EventSubscriber` for webhooks: writes the deliveries' rows, sends nothing."""

    name = "webhooks"

    def __init__(self, store: WebhookStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def deliver(self, events: Sequence[PublishedEvent]) -> None:
        subscriptions = [subscription for subscription in self._store.subscriptions() if subscription.active]
        now = self._clock.now()
        deliveries = [
            WebhookDelivery(id=new_id(), subscription_id=subscription.id, event_id=event.id, event_type=event.type,
                            aggregate_id=event.aggregate_id, event_seq=event.seq, occurred_at=event.occurred_at,
                            payload=dict(event.payload), created_at=now, next_attempt_at=now)
            for event in events for subscription in subscriptions
            if subscription.wants(event.type, event.occurred_at)]
        if deliveries:
            self._store.add_deliveries(deliveries)


@frozen
class WorkerSettings:
    batch: int = 50  # deliveries claimed at a time, their results written back together
    threads: int = 4  # sent at once, so a slow receiver holds only its own
    lease: timedelta = timedelta(minutes=2)  # longer than a request may take (timeouts are 5 s + 5 s)
    max_attempts: int = MAX_ATTEMPTS
    retention: timedelta = timedelta(days=30)  # how long a delivered delivery is kept (failed ones stay)


class DeliveryWorker:
    """Sends due deliveries: claims a batch (its own transaction), sends each outside any transaction on a small
    pool of threads, and writes the batch's results back (one transaction). A worker that dies before writing them
    back leaves the batch to be sent again when its lease ends: at least once, duplicates with the same event id."""

    def __init__(self, store: WebhookStore, sender: WebhookSender, clock: Clock,
                 settings: WorkerSettings = WorkerSettings(),
                 random_fraction: Callable[[], float] = random.random) -> None:
        self._store = store
        self._sender = sender
        self._clock = clock
        self._settings = settings
        self._random = random_fraction

    def run_once(self) -> int:
        """Send the deliveries due now (one batch); returns how many were attempted. The batch's results are
        written back together, in one transaction."""
        settings = self._settings
        claimed = self._store.claim_due(self._clock.now(), settings.lease, settings.batch)
        if not claimed:
            return 0
        subscriptions = {subscription.id: subscription for subscription in self._store.subscriptions()}
        with ThreadPoolExecutor(max_workers=min(settings.threads, len(claimed))) as pool:
            results = list(pool.map(lambda delivery: self._send(delivery, subscriptions.get(delivery.subscription_id)),
                                    claimed))
        self._store.save_deliveries([delivery for delivery in results if delivery is not None])
        return len(claimed)

    def drain(self, max_batches: int) -> int:
        """Send batch after batch while any was due, at most `max_batches`; returns the deliveries attempted. The
        scheduler's job: one run sends what is due, and a document's next event, due only once the one before it
        was delivered, goes in the next batch of the same run rather than at the job's next look."""
        sent = 0
        for _ in range(max_batches):
            done = self.run_once()
            sent += done
            if not done:
                break
        return sent

    def forget_delivered(self, chunk: int = 1000, max_chunks: int = 1000) -> int:
        """Delete the deliveries delivered and made longer ago than the retention, `chunk` rows a transaction (so
        no transaction holds many locks), at most `max_chunks` a run; returns how many. The hourly job."""
        before = self._clock.now() - self._settings.retention
        forgotten = 0
        for _ in range(max_chunks):
            deleted = self._store.forget_delivered(before, chunk)
            forgotten += deleted
            if deleted < chunk:
                break
        return forgotten

    def run(self, *, batches: int, idle: Callable[[], Any] | None = None) -> int:
        """Run at most `batches` batches, calling `idle` (a sleep) when nothing was due; returns the deliveries sent."""
        sent = 0
        for _ in range(batches):
            done = self.run_once()
            sent += done
            if not done and idle is not None:
                idle()
        return sent

    def _send(self, delivery: WebhookDelivery, subscription: WebhookSubscription | None) -> WebhookDelivery | None:
        """Send one delivery and record the outcome on it (the caller writes it back); None if it is gone."""
        if subscription is None:  # deleted meanwhile, with its deliveries
            return None
        if not subscription.active:
            delivery.attempt_failed(self._clock.now(), None, "the subscription is disabled", 0.0, attempts=0)
            return delivery
        secret = subscription.secret
        body = body_of(delivery)
        timestamp = str(int(self._clock.now().timestamp()))
        headers: Mapping[str, str] = {
            "Content-Type": "application/json", "Oms-Event-Id": delivery.event_id,
            "Oms-Event-Type": delivery.event_type, "Oms-Timestamp": timestamp,
            "Oms-Signature": sign(secret, timestamp, body), "User-Agent": "oms-webhooks/1"}
        try:
            result = self._sender.post(subscription.url, body, headers)
        except Exception as raised:  # a sender's bug must not lose the delivery
            result = SendResult(None, f"{type(raised).__name__}: {raised}")
        now = self._clock.now()
        if result.ok:
            assert result.status_code is not None
            delivery.succeeded(now, result.status_code)
        else:
            error = result.error or f"answered {result.status_code}"
            delivery.attempt_failed(now, result.status_code, error, self._random(), self._settings.max_attempts)
        return delivery


def failed_deliveries(store: WebhookStore, limit: int = 100) -> Sequence[WebhookDelivery]:
    return store.deliveries(status=DeliveryStatus.FAILED, limit=limit)
