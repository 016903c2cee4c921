"""Webhook subscriptions and deliveries in SQL, each method its own short transaction. Claiming due deliveries
locks their rows `FOR UPDATE SKIP LOCKED` on PostgreSQL (SQLite has one writer at a time), so two workers never
claim one delivery; a delivery is due only while no earlier one of its subscription and document is pending or
sending (NOT EXISTS on the index of subscription, document and `event_seq`). Two claims at once keep the order: a
claim that has not committed yet leaves the earlier delivery pending to the other claim's snapshot, so the later one
waits, and the earlier one is locked, so it is skipped."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, exists, select, update
from sqlalchemy.dialects import postgresql, sqlite

from oms.adapters.sql.shared.engine import READ_ONLY
from oms.adapters.sql.webhooks.tables import webhook_deliveries as d
from oms.adapters.sql.webhooks.tables import webhook_subscriptions as s
from oms.domain.shared.errors import NotFound
from oms.domain.webhooks.webhooks import DeliveryStatus, WebhookDelivery, WebhookSubscription

DUE = (DeliveryStatus.PENDING, DeliveryStatus.SENDING)


def _subscription(row: Any) -> WebhookSubscription:
    return WebhookSubscription(id=row.id, url=row.url, event_types=tuple(row.event_types), secret=row.secret,
                               active=row.active, description=row.description, created_at=row.created_at,
                               version=row.version)


def _delivery(row: Any) -> WebhookDelivery:
    return WebhookDelivery(
        id=row.id, subscription_id=row.subscription_id, event_id=row.event_id, event_type=row.event_type,
        aggregate_id=row.aggregate_id, event_seq=row.event_seq, occurred_at=row.occurred_at,
        payload=dict(row.payload),
        created_at=row.created_at, status=DeliveryStatus(row.status), attempts=row.attempts,
        next_attempt_at=row.next_attempt_at, last_status_code=row.last_status_code, last_error=row.last_error,
        delivered_at=row.delivered_at)


def _delivery_row(delivery: WebhookDelivery) -> dict[str, Any]:
    return {"id": delivery.id, "subscription_id": delivery.subscription_id, "event_id": delivery.event_id,
            "event_type": delivery.event_type, "aggregate_id": delivery.aggregate_id,
            "event_seq": delivery.event_seq, "occurred_at": delivery.occurred_at, "payload": delivery.payload,
            "created_at": delivery.created_at,
            **_progress(delivery)}


def _progress(delivery: WebhookDelivery) -> dict[str, Any]:
    return {"status": delivery.status, "attempts": delivery.attempts, "next_attempt_at": delivery.next_attempt_at,
            "last_status_code": delivery.last_status_code, "last_error": delivery.last_error,
            "delivered_at": delivery.delivered_at}


class SqlWebhookStore:
    """The `WebhookStore` port on a SQL database (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _reading(self) -> Connection:
        return self._engine.connect().execution_options(**{READ_ONLY: True})

    def subscription(self, subscription_id: str) -> WebhookSubscription:
        with self._reading() as connection:
            row = connection.execute(select(s).where(s.c.id == subscription_id)).first()
        if row is None:
            raise NotFound("webhook_subscription", subscription_id)
        return _subscription(row)

    def subscriptions(self) -> Sequence[WebhookSubscription]:
        with self._reading() as connection:
            rows = connection.execute(select(s).order_by(s.c.created_at, s.c.id)).all()
        return [_subscription(row) for row in rows]

    def add_deliveries(self, deliveries: Sequence[WebhookDelivery]) -> int:
        if not deliveries:
            return 0
        with self._engine.begin() as connection:
            dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
            known = set(connection.execute(select(s.c.id).where(
                s.c.id.in_({delivery.subscription_id for delivery in deliveries}))).scalars())
            rows = [_delivery_row(delivery) for delivery in deliveries if delivery.subscription_id in known]
            if not rows:
                return 0
            result = connection.execute(dialect.insert(d).on_conflict_do_nothing(
                index_elements=["subscription_id", "event_id"]), rows)
            return max(result.rowcount, 0)

    def delivery(self, delivery_id: str) -> WebhookDelivery:
        with self._reading() as connection:
            row = connection.execute(select(d).where(d.c.id == delivery_id)).first()
        if row is None:
            raise NotFound("webhook delivery", delivery_id)
        return _delivery(row)

    def deliveries(self, *, subscription_id: str | None = None, status: DeliveryStatus | None = None,
                   limit: int = 100) -> Sequence[WebhookDelivery]:
        query = select(d).order_by(d.c.created_at.desc(), d.c.id.desc()).limit(limit)
        if subscription_id is not None:
            query = query.where(d.c.subscription_id == subscription_id)
        if status is not None:
            query = query.where(d.c.status == status)
        with self._reading() as connection:
            rows = connection.execute(query).all()
        return [_delivery(row) for row in rows]

    def claim_due(self, now: datetime, lease: timedelta, limit: int) -> Sequence[WebhookDelivery]:
        earlier = d.alias("earlier")
        waiting = exists().where(earlier.c.subscription_id == d.c.subscription_id,
                                 earlier.c.aggregate_id == d.c.aggregate_id, earlier.c.event_seq < d.c.event_seq,
                                 earlier.c.status.in_(DUE))
        query = (select(d).where(d.c.status.in_(DUE), d.c.next_attempt_at <= now, ~waiting)
                 .order_by(d.c.next_attempt_at, d.c.event_seq, d.c.id).limit(limit)
                 .with_for_update(skip_locked=True, of=d))
        with self._engine.begin() as connection:
            claimed = [_delivery(row) for row in connection.execute(query).all()]
            if claimed:
                connection.execute(update(d).where(d.c.id.in_([delivery.id for delivery in claimed])).values(
                    status=DeliveryStatus.SENDING, next_attempt_at=now + lease))
        for delivery in claimed:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.SENDING, now + lease
        return claimed

    def forget_delivered(self, before: datetime, limit: int) -> int:
        oldest = (select(d.c.id).where(d.c.created_at < before, d.c.status == DeliveryStatus.DELIVERED)
                  .order_by(d.c.created_at, d.c.id).limit(limit))
        with self._engine.begin() as connection:  # ids first: DELETE ... LIMIT is not SQL that both databases take
            ids = list(connection.execute(oldest).scalars())
            deleted = connection.execute(delete(d).where(d.c.id.in_(ids))).rowcount if ids else 0
        return max(deleted, 0)  # another scheduler may have deleted some of them first

    def save_deliveries(self, deliveries: Sequence[WebhookDelivery]) -> None:
        if not deliveries:
            return
        statement = update(d).where(d.c.id == bindparam("delivery_id")).values(
            {name: bindparam(name) for name in _progress(deliveries[0])})
        with self._engine.begin() as connection:  # one statement for the batch (executemany)
            connection.execute(statement, [{"delivery_id": delivery.id, **_progress(delivery)}
                                           for delivery in deliveries])

    def save_delivery(self, delivery: WebhookDelivery) -> None:
        with self._engine.begin() as connection:
            if connection.execute(update(d).where(d.c.id == delivery.id).values(
                    **_progress(delivery))).rowcount == 0:
                raise NotFound("webhook delivery", delivery.id)
