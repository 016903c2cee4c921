"""Reads of webhooks in the commands' unit of work: a subscription, never with its secret but once."""

from __future__ import annotations

from typing import Any

from oms.application.webhooks.subscriptions import CreateWebhook, DeleteWebhook, RotateWebhookSecret
from oms.application.webhooks.views import CreatedSubscriptionView, SubscriptionsView, SubscriptionView
from oms.ports.webhooks.repositories import WebhooksUnitOfWork


def show_webhook(uow: WebhooksUnitOfWork, subscription_id: str) -> SubscriptionView:
    """A webhook subscription (never its secret)."""
    return SubscriptionView.of(uow.webhooks.subscriptions.get(subscription_id))


def list_webhooks(uow: WebhooksUnitOfWork) -> SubscriptionsView:
    """Every webhook subscription, oldest first (never their secrets)."""
    return SubscriptionsView(items=[SubscriptionView.of(s) for s in uow.webhooks.subscriptions.list()])


def with_secret(uow: WebhooksUnitOfWork, subscription_id: str) -> CreatedSubscriptionView:
    """A subscription and its secret: the one answer that shows it (when made, or its secret rotated)."""
    return CreatedSubscriptionView.of_secret(uow.webhooks.subscriptions.get(subscription_id))


def created(uow: Any, _command: CreateWebhook, result: str) -> CreatedSubscriptionView:
    return with_secret(uow, result)


def rotated(uow: Any, command: RotateWebhookSecret, _result: None) -> CreatedSubscriptionView:
    return with_secret(uow, command.subscription_id)


def deleted(uow: Any, _command: DeleteWebhook, _result: None) -> SubscriptionsView:
    return list_webhooks(uow)
