"""What people and programs see of webhooks: subscriptions without their secret, deliveries with their progress."""

from __future__ import annotations

from datetime import datetime

import attrs
from attrs import frozen

from oms.domain.webhooks.webhooks import WebhookDelivery, WebhookSubscription


@frozen(kw_only=True)
class WebhookView:
    """A webhook subscription as every view shows it: never its secret."""

    id: str
    url: str
    event_types: tuple[str, ...]
    active: bool
    description: str
    created_at: datetime

    @classmethod
    def of(cls, subscription: WebhookSubscription) -> WebhookView:
        return cls(id=subscription.id, url=subscription.url, event_types=subscription.event_types,
                   active=subscription.active, description=subscription.description,
                   created_at=subscription.created_at)


@frozen(kw_only=True)
class CreatedWebhookView(WebhookView):
    """A webhook subscription just made (or its secret just rotated), with the secret: shown this once."""

    secret: str

    @classmethod
    def of_secret(cls, subscription: WebhookSubscription) -> CreatedWebhookView:
        return cls(**attrs.asdict(WebhookView.of(subscription), recurse=False), secret=subscription.secret)


@frozen(kw_only=True)
class WebhooksView:
    items: list[WebhookView]


@frozen(kw_only=True)
class DeliveryView:
    id: str
    subscription_id: str
    event_id: str
    event_type: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_status_code: int | None
    last_error: str
    created_at: datetime
    delivered_at: datetime | None

    @classmethod
    def of(cls, delivery: WebhookDelivery) -> DeliveryView:
        return cls(id=delivery.id, subscription_id=delivery.subscription_id, event_id=delivery.event_id,
                   event_type=delivery.event_type, status=delivery.status.value, attempts=delivery.attempts,
                   next_attempt_at=delivery.next_attempt_at, last_status_code=delivery.last_status_code,
                   last_error=delivery.last_error, created_at=delivery.created_at,
                   delivered_at=delivery.delivered_at)


@frozen(kw_only=True)
class DeliveriesView:
    items: list[DeliveryView]
