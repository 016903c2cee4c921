"""Use cases of webhook subscriptions: create one (its secret is shown once), update, disable, rotate the secret,
delete; resend a failed delivery."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from attrs import frozen

from oms.domain.shared.ids import new_id
from oms.domain.webhooks.webhooks import WebhookDelivery, WebhookSubscription
from oms.ports.shared.clock import Clock
from oms.ports.webhooks.store import WebhookStore

SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


@frozen
class CreatedSubscription:
    """A subscription and its secret: show the secret once; views never show it again."""

    subscription: WebhookSubscription
    secret: str


def create_subscription(store: WebhookStore, clock: Clock, *, url: str, event_types: Sequence[str],
                        secret: str | None = None, description: str = "", active: bool = True) -> CreatedSubscription:
    subscription = WebhookSubscription(id=new_id(), url=url, event_types=tuple(event_types),
                                       secret=secret or new_secret(), description=description, active=active,
                                       created_at=clock.now())
    store.add_subscription(subscription)
    return CreatedSubscription(subscription, subscription.secret)


def update_subscription(store: WebhookStore, subscription_id: str, *, url: str | None = None,
                        event_types: Sequence[str] | None = None, description: str | None = None,
                        active: bool | None = None) -> WebhookSubscription:
    subscription = store.subscription(subscription_id)
    changed = WebhookSubscription(
        id=subscription.id, url=subscription.url if url is None else url,
        event_types=subscription.event_types if event_types is None else tuple(event_types),
        secret=subscription.secret, active=subscription.active if active is None else active,
        description=subscription.description if description is None else description,
        created_at=subscription.created_at, version=subscription.version)
    store.save_subscription(changed)
    return changed


def disable_subscription(store: WebhookStore, subscription_id: str) -> WebhookSubscription:
    return update_subscription(store, subscription_id, active=False)


def rotate_secret(store: WebhookStore, subscription_id: str) -> CreatedSubscription:
    """A new secret signs every delivery sent from now on; shown once."""
    subscription = store.subscription(subscription_id)
    subscription.secret = new_secret()
    store.save_subscription(subscription)
    return CreatedSubscription(subscription, subscription.secret)


def delete_subscription(store: WebhookStore, subscription_id: str) -> None:
    store.remove_subscription(subscription_id)


def resend_delivery(store: WebhookStore, clock: Clock, delivery_id: str) -> WebhookDelivery:
    """A failed delivery is due again at once, with a fresh set of attempts."""
    delivery = store.delivery(delivery_id)
    delivery.resend(clock.now())
    store.save_delivery(delivery)
    return delivery
