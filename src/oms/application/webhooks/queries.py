"""Reads of webhooks in the commands' unit of work: a subscription, never with its secret but once."""

from __future__ import annotations

from typing import Any

from oms.application.webhooks.subscriptions import CreateWebhook, DeleteWebhook, RotateWebhookSecret
from oms.application.webhooks.views import CreatedWebhookView, WebhooksView, WebhookView
from oms.ports.webhooks.repositories import WebhooksUnitOfWork


def show_webhook(uow: WebhooksUnitOfWork, subscription_id: str) -> WebhookView:
    """A webhook subscription (never its secret)."""
    return WebhookView.of(uow.webhooks.subscriptions.get(subscription_id))


def list_webhooks(uow: WebhooksUnitOfWork) -> WebhooksView:
    """Every webhook subscription, oldest first (never their secrets)."""
    return WebhooksView(items=[WebhookView.of(s) for s in uow.webhooks.subscriptions.list()])


def with_secret(uow: WebhooksUnitOfWork, subscription_id: str) -> CreatedWebhookView:
    """A subscription and its secret: the one answer that shows it (when made, or its secret rotated)."""
    return CreatedWebhookView.of_secret(uow.webhooks.subscriptions.get(subscription_id))


def created(uow: Any, _command: CreateWebhook, result: str) -> CreatedWebhookView:
    return with_secret(uow, result)


def rotated(uow: Any, command: RotateWebhookSecret, _result: None) -> CreatedWebhookView:
    return with_secret(uow, command.subscription_id)


def deleted(uow: Any, _command: DeleteWebhook, _result: None) -> WebhooksView:
    return list_webhooks(uow)
