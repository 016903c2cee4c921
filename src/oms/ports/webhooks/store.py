"""Where webhook deliveries are kept, and the subscriptions read for them: a port of its own, outside the commands'
unit of work (deliveries are written by the relay's subscriber and the delivery workers, each method its own short
transaction; subscriptions are changed by commands, in `WebhooksUnitOfWork`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from oms.domain.webhooks.webhooks import DeliveryStatus, WebhookDelivery, WebhookSubscription


class WebhookStore(Protocol):
    """Stores hand out copies: changing a returned object changes nothing until it is saved. Safe to use from many
    threads and processes."""

    def subscription(self, subscription_id: str) -> WebhookSubscription:
        """Raises `NotFound("webhook_subscription", id)`."""
        ...

    def subscriptions(self) -> Sequence[WebhookSubscription]:
        """Every subscription, oldest first."""
        ...

    def add_deliveries(self, deliveries: Sequence[WebhookDelivery]) -> int:
        """Keep the deliveries that are new: one per (subscription, event) at most, whatever was given before (and
        none of a subscription deleted meanwhile). Returns how many were kept."""
        ...

    def delivery(self, delivery_id: str) -> WebhookDelivery:
        """Raises `NotFound("webhook delivery", id)`."""
        ...

    def deliveries(self, *, subscription_id: str | None = None, status: DeliveryStatus | None = None,
                   limit: int = 100) -> Sequence[WebhookDelivery]:
        """The newest deliveries first, of a subscription and in a status when given."""
        ...

    def claim_due(self, now: datetime, lease: timedelta, limit: int) -> Sequence[WebhookDelivery]:
        """Up to `limit` pending or sending deliveries due at `now`, oldest due first, marked `sending` until
        `now + lease` in one transaction that skips rows another worker is claiming: two workers never get the same
        delivery, and a worker that dies gives its deliveries back when the lease ends.

        In order per document: a delivery is due only while no earlier delivery (lower `event_seq`) of the same
        subscription and `aggregate_id` is pending or sending, so one claim never holds two of a document and a
        document's next event waits until the one before is delivered or has failed for good (a failed delivery
        no longer holds the later ones back). Holds with several workers claiming at once."""
        ...

    def save_delivery(self, delivery: WebhookDelivery) -> None:
        """Write back a delivery's status, attempts and times. Raises `NotFound`."""
        ...

    def forget_delivered(self, before: datetime, limit: int) -> int:
        """Delete up to `limit` delivered deliveries made before `before` (their rows only: failed and unfinished
        ones stay, whatever their age); returns how many were deleted."""
        ...

    def save_deliveries(self, deliveries: Sequence[WebhookDelivery]) -> None:
        """Write back the results of a batch of deliveries at once (one transaction); one deleted meanwhile, with
        its subscription, is skipped."""
        ...
