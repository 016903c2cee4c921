"""The webhook subscriptions in the commands' unit of work (created, changed and deleted by commands, one
transaction each); their deliveries are kept apart, in the `WebhookStore`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from oms.domain.webhooks.webhooks import WebhookSubscription
from oms.ports.shared.unit_of_work import SharedUnitOfWork


class WebhookSubscriptionRepository(Protocol):
    def add(self, subscription: WebhookSubscription) -> None: ...
    def get(self, subscription_id: str) -> WebhookSubscription:
        """Raises `NotFound("webhook_subscription", id)`."""
        ...
    def list(self) -> Sequence[WebhookSubscription]:
        """Every subscription, oldest first."""
        ...
    def remove(self, subscription: WebhookSubscription) -> None:
        """Remove it, and its deliveries with it."""
        ...


class WebhookBook(Protocol):
    @property
    def subscriptions(self) -> WebhookSubscriptionRepository: ...


class WebhooksUnitOfWork(SharedUnitOfWork, Protocol):
    """What the webhook use cases work in: the subscriptions only."""

    @property
    def webhooks(self) -> WebhookBook: ...
