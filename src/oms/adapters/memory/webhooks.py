"""Webhook subscriptions and deliveries in memory (copies in and out, as with a database)."""

from __future__ import annotations

import copy
import threading
from collections.abc import Sequence
from datetime import datetime, timedelta

from oms.domain.shared.errors import AlreadyExists, ConcurrencyConflict, NotFound
from oms.domain.webhooks.webhooks import DeliveryStatus, WebhookDelivery, WebhookSubscription


class InMemoryWebhookStore:
    def __init__(self) -> None:
        self._subscriptions: dict[str, WebhookSubscription] = {}
        self._deliveries: dict[str, WebhookDelivery] = {}
        self._lock = threading.Lock()

    def add_subscription(self, subscription: WebhookSubscription) -> None:
        with self._lock:
            if subscription.id in self._subscriptions:
                raise AlreadyExists("webhook subscription", subscription.id)
            self._subscriptions[subscription.id] = copy.deepcopy(subscription)

    def subscription(self, subscription_id: str) -> WebhookSubscription:
        with self._lock:
            found = self._subscriptions.get(subscription_id)
            if found is None:
                raise NotFound("webhook subscription", subscription_id)
            return copy.deepcopy(found)

    def subscriptions(self) -> Sequence[WebhookSubscription]:
        with self._lock:
            return [copy.deepcopy(s) for s in sorted(self._subscriptions.values(), key=lambda s: (s.created_at, s.id))]

    def save_subscription(self, subscription: WebhookSubscription) -> None:
        with self._lock:
            kept = self._subscriptions.get(subscription.id)
            if kept is None:
                raise NotFound("webhook subscription", subscription.id)
            if kept.version != subscription.version:
                raise ConcurrencyConflict(f"webhook subscription {subscription.id} changed meanwhile")
            subscription.version += 1
            self._subscriptions[subscription.id] = copy.deepcopy(subscription)

    def remove_subscription(self, subscription_id: str) -> None:
        with self._lock:
            if self._subscriptions.pop(subscription_id, None) is None:
                raise NotFound("webhook subscription", subscription_id)
            for delivery in [d for d in self._deliveries.values() if d.subscription_id == subscription_id]:
                del self._deliveries[delivery.id]

    def add_deliveries(self, deliveries: Sequence[WebhookDelivery]) -> int:
        with self._lock:
            known = {(d.subscription_id, d.event_id) for d in self._deliveries.values()}
            kept = 0
            for delivery in deliveries:
                key = (delivery.subscription_id, delivery.event_id)
                if key not in known and delivery.subscription_id in self._subscriptions:
                    known.add(key)
                    self._deliveries[delivery.id] = copy.deepcopy(delivery)
                    kept += 1
            return kept

    def delivery(self, delivery_id: str) -> WebhookDelivery:
        with self._lock:
            found = self._deliveries.get(delivery_id)
            if found is None:
                raise NotFound("webhook delivery", delivery_id)
            return copy.deepcopy(found)

    def deliveries(self, *, subscription_id: str | None = None, status: DeliveryStatus | None = None,
                   limit: int = 100) -> Sequence[WebhookDelivery]:
        with self._lock:
            found = [d for d in self._deliveries.values()
                     if subscription_id in (None, d.subscription_id) and status in (None, d.status)]
            found.sort(key=lambda d: (d.created_at, d.id), reverse=True)
            return [copy.deepcopy(d) for d in found[:limit]]

    def claim_due(self, now: datetime, lease: timedelta, limit: int) -> Sequence[WebhookDelivery]:
        with self._lock:
            due = sorted((d for d in self._deliveries.values()
                          if d.status in (DeliveryStatus.PENDING, DeliveryStatus.SENDING) and d.next_attempt_at <= now),
                         key=lambda d: (d.next_attempt_at, d.id))[:limit]
            for delivery in due:
                delivery.status, delivery.next_attempt_at = DeliveryStatus.SENDING, now + lease
            return [copy.deepcopy(d) for d in due]

    def save_delivery(self, delivery: WebhookDelivery) -> None:
        with self._lock:
            if delivery.id not in self._deliveries:
                raise NotFound("webhook delivery", delivery.id)
            self._deliveries[delivery.id] = copy.deepcopy(delivery)
