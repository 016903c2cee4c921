"""The SQL repository of webhook subscriptions, from the declaration of their aggregate."""

from __future__ import annotations

from oms.adapters.sql.shared.mapping import Aggregate, Entity
from oms.adapters.sql.shared.repository import SqlRepository
from oms.adapters.sql.shared.session import Session
from oms.adapters.sql.webhooks import tables as t
from oms.domain.webhooks.webhooks import WebhookSubscription

# Subscriptions may be deleted: their rows are locked when a changing transaction loads them.
WEBHOOK_SUBSCRIPTION = Aggregate("webhook_subscription", Entity(WebhookSubscription, t.webhook_subscriptions),
                                 lock=True)

AGGREGATES = (WEBHOOK_SUBSCRIPTION,)


class SqlWebhookSubscriptionRepository(SqlRepository[WebhookSubscription]):
    aggregate = WEBHOOK_SUBSCRIPTION

    def remove(self, subscription: WebhookSubscription) -> None:
        self._session.remove(self.aggregate, subscription)  # its deliveries go with it (ON DELETE CASCADE)


class SqlWebhookBook:
    """The webhook repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.subscriptions = SqlWebhookSubscriptionRepository(session)
