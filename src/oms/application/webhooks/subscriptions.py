"""Use cases of webhook subscriptions, as commands: create one (its secret is shown once), update, disable, rotate
the secret, delete; and resend a failed delivery (deliveries are kept apart, in the `WebhookStore`)."""

from __future__ import annotations

import secrets

from attrs import frozen

from oms.application.shared.commands import Command, Handlers
from oms.domain.shared.ids import new_id
from oms.domain.webhooks.webhooks import ALL_EVENTS, WebhookDelivery, WebhookSubscription
from oms.ports.shared.clock import Clock
from oms.ports.webhooks.repositories import WebhooksUnitOfWork
from oms.ports.webhooks.store import WebhookStore

SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    """256 random bits, prefixed `whsec_` so scanners spot it."""
    return SECRET_PREFIX + secrets.token_urlsafe(32)


@frozen(kw_only=True)
class CreateWebhook(Command[str]):
    """Subscribe a URL to events (active at once); the secret is generated when not given, and shown in the answer
    only."""

    url: str
    event_types: tuple[str, ...] = (ALL_EVENTS,)
    secret: str | None = None
    description: str = ""


@frozen(kw_only=True)
class UpdateWebhook(Command[None]):
    """Change a subscription's URL, event types, description or active flag (what is left out is kept)."""

    subscription_id: str
    url: str | None = None
    event_types: tuple[str, ...] | None = None
    description: str | None = None
    active: bool | None = None


@frozen(kw_only=True)
class DisableWebhook(Command[None]):
    """Stop sending to a subscription (its deliveries not yet sent fail; resend them once it is active again)."""

    subscription_id: str


@frozen(kw_only=True)
class RotateWebhookSecret(Command[None]):
    """A new secret signs every delivery sent from now on; shown in the answer only."""

    subscription_id: str


@frozen(kw_only=True)
class DeleteWebhook(Command[None]):
    """Delete a subscription and its deliveries."""

    subscription_id: str


def create_webhook(cmd: CreateWebhook, uow: WebhooksUnitOfWork, clock: Clock) -> str:
    subscription = WebhookSubscription(id=new_id(), url=cmd.url, event_types=cmd.event_types,
                                       secret=cmd.secret or new_secret(), description=cmd.description,
                                       created_at=clock.now())
    uow.webhooks.subscriptions.add(subscription)
    return subscription.id


def update_webhook(cmd: UpdateWebhook, uow: WebhooksUnitOfWork, clock: Clock) -> None:
    uow.webhooks.subscriptions.get(cmd.subscription_id).update(
        url=cmd.url, event_types=cmd.event_types, description=cmd.description, active=cmd.active)


def disable_webhook(cmd: DisableWebhook, uow: WebhooksUnitOfWork, clock: Clock) -> None:
    uow.webhooks.subscriptions.get(cmd.subscription_id).update(active=False)


def rotate_webhook_secret(cmd: RotateWebhookSecret, uow: WebhooksUnitOfWork, clock: Clock) -> None:
    uow.webhooks.subscriptions.get(cmd.subscription_id).secret = new_secret()


def delete_webhook(cmd: DeleteWebhook, uow: WebhooksUnitOfWork, clock: Clock) -> None:
    uow.webhooks.subscriptions.remove(uow.webhooks.subscriptions.get(cmd.subscription_id))


HANDLERS: Handlers = {CreateWebhook: create_webhook, UpdateWebhook: update_webhook, DisableWebhook: disable_webhook,
                      RotateWebhookSecret: rotate_webhook_secret, DeleteWebhook: delete_webhook}


def resend_delivery(store: WebhookStore, clock: Clock, delivery_id: str) -> WebhookDelivery:
    """A failed delivery is due again at once, with a fresh set of attempts (rule `WebhookDeliveryMustHaveFailed`)."""
    delivery = store.delivery(delivery_id)
    delivery.resend(clock.now())
    store.save_delivery(delivery)
    return delivery
