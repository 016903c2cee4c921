"""Webhook subscriptions and deliveries in memory (copies in and out, as with a database); a claim takes a delivery
only when no earlier one (by `event_seq`) of its subscription and document is pending or sending."""

from __future__ import annotations

import copy
import threading
from collections.abc import Sequence
from datetime import datetime, timedelta

from oms.adapters.memory.repository import InMemoryRepository, Session
from oms.adapters.memory.store import InMemoryStore
from oms.domain.shared.errors import NotFound
from oms.domain.webhooks.webhooks import DeliveryStatus, WebhookDelivery, WebhookSubscription

_DUE = (DeliveryStatus.PENDING, DeliveryStatus.SENDING)


class InMemoryWebhookSubscriptionRepository(InMemoryRepository[WebhookSubscription]):
    kind = "webhook_subscription"

    def list(self) -> Sequence[WebhookSubscription]:
        return sorted(super().list(), key=lambda subscription: (subscription.created_at, subscription.id))

    def remove(self, subscription: WebhookSubscription) -> None:
        self._remove(subscription)


class InMemoryWebhookBook:
    """The webhook repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.subscriptions = InMemoryWebhookSubscriptionRepository(session)


class InMemoryWebhookStore:
    """The deliveries, and the subscriptions as the units of work on `store` committed them."""

    def __init__(self, store: InMemoryStore | None = None) -> None:
        self._store = store if store is not None else InMemoryStore()
        self._deliveries: dict[str, WebhookDelivery] = {}
        self._lock = threading.Lock()

    def subscription(self, subscription_id: str) -> WebhookSubscription:
        loaded = self._store.load(InMemoryWebhookSubscriptionRepository.kind, subscription_id)
        if loaded is None:
            raise NotFound(InMemoryWebhookSubscriptionRepository.kind, subscription_id)
        found: WebhookSubscription = loaded[0]
        return found

    def subscriptions(self) -> Sequence[WebhookSubscription]:
        found: list[WebhookSubscription] = self._store.load_all(InMemoryWebhookSubscriptionRepository.kind)
        return sorted(found, key=lambda s: (s.created_at, s.id))

    def _forget_removed(self) -> None:
        """Drop the deliveries of subscriptions deleted since (the SQL store's foreign key cascades)."""
        kept = {s.id for s in self.subscriptions()}
        for delivery in [d for d in self._deliveries.values() if d.subscription_id not in kept]:
            del self._deliveries[delivery.id]

    def add_deliveries(self, deliveries: Sequence[WebhookDelivery]) -> int:
        subscriptions = {s.id for s in self.subscriptions()}
        with self._lock:
            known = {(d.subscription_id, d.event_id) for d in self._deliveries.values()}
            kept = 0
            for delivery in deliveries:
                key = (delivery.subscription_id, delivery.event_id)
                if key not in known and delivery.subscription_id in subscriptions:
                    known.add(key)
                    self._deliveries[delivery.id] = copy.deepcopy(delivery)
                    kept += 1
            return kept

    def delivery(self, delivery_id: str) -> WebhookDelivery:
        with self._lock:
            self._forget_removed()
            found = self._deliveries.get(delivery_id)
            if found is None:
                raise NotFound("webhook delivery", delivery_id)
            return copy.deepcopy(found)

    def deliveries(self, *, subscription_id: str | None = None, status: DeliveryStatus | None = None,
                   limit: int = 100) -> Sequence[WebhookDelivery]:
        with self._lock:
            self._forget_removed()
            found = [d for d in self._deliveries.values()
                     if subscription_id in (None, d.subscription_id) and status in (None, d.status)]
            found.sort(key=lambda d: (d.created_at, d.id), reverse=True)
            return [copy.deepcopy(d) for d in found[:limit]]

    def claim_due(self, now: datetime, lease: timedelta, limit: int) -> Sequence[WebhookDelivery]:
        with self._lock:
            self._forget_removed()
            unfinished = [d for d in self._deliveries.values() if d.status in _DUE]
            first: dict[tuple[str, str], int] = {}  # per subscription and document: the earliest unfinished place
            for delivery in unfinished:
                key = (delivery.subscription_id, delivery.aggregate_id)
                first[key] = min(first.get(key, delivery.event_seq), delivery.event_seq)
            due = sorted((d for d in unfinished
                          if d.next_attempt_at <= now and d.event_seq <= first[(d.subscription_id, d.aggregate_id)]),
                         key=lambda d: (d.next_attempt_at, d.event_seq, d.id))[:limit]
            for delivery in due:
                delivery.status, delivery.next_attempt_at = DeliveryStatus.SENDING, now + lease
            return [copy.deepcopy(d) for d in due]

    def save_delivery(self, delivery: WebhookDelivery) -> None:
        with self._lock:
            self._forget_removed()
            if delivery.id not in self._deliveries:
                raise NotFound("webhook delivery", delivery.id)
            self._deliveries[delivery.id] = copy.deepcopy(delivery)

    def forget_delivered(self, before: datetime, limit: int) -> int:
        with self._lock:
            old = sorted((d for d in self._deliveries.values()
                          if d.status is DeliveryStatus.DELIVERED and d.created_at < before),
                         key=lambda d: (d.created_at, d.id))[:limit]
            for delivery in old:
                del self._deliveries[delivery.id]
            return len(old)

    def save_deliveries(self, deliveries: Sequence[WebhookDelivery]) -> None:
        with self._lock:
            self._forget_removed()
            for delivery in deliveries:
                if delivery.id in self._deliveries:
                    self._deliveries[delivery.id] = copy.deepcopy(delivery)
