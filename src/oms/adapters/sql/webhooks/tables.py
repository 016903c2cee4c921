"""The tables of webhooks: subscriptions (with the secret that signs, never shown again) and deliveries, one per
subscription and event (unique), with their attempts and the time of the next one, and the event's place in the
outbox (`event_seq`: a delivery waits for the earlier ones of its document, looked up by the index on subscription,
document and place)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Column, Dialect, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.types import BigInteger, TypeDecorator

from oms.adapters.sql.shared.metadata import ID, PAYLOAD, metadata
from oms.adapters.sql.shared.types import StrEnumType, UtcDateTime
from oms.domain.webhooks.webhooks import DeliveryStatus


class EventTypes(TypeDecorator[tuple[str, ...]]):
    """A subscription's event types as one text, comma-separated (type names have no comma; `*` is every one)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else ",".join(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> tuple[str, ...] | None:
        return None if value is None else tuple(value.split(","))


webhook_subscriptions = Table(
    "webhook_subscriptions", metadata,
    Column("id", String(ID), primary_key=True),
    Column("url", Text, nullable=False),
    Column("event_types", EventTypes(), nullable=False),
    Column("secret", String(200), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("description", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("version", Integer, nullable=False),
)

webhook_deliveries = Table(
    "webhook_deliveries", metadata,
    Column("id", String(ID), primary_key=True),
    Column("subscription_id", String(ID), ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"),
           nullable=False),
    Column("event_id", String(ID), nullable=False),
    Column("event_type", String(100), nullable=False),
    Column("aggregate_id", String(2 * ID + 1), nullable=False),  # as the outbox's: stock is product@warehouse
    Column("event_seq", BigInteger, nullable=False, server_default="0"),
    Column("occurred_at", UtcDateTime(), nullable=False),
    Column("payload", PAYLOAD, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("status", StrEnumType(DeliveryStatus), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UtcDateTime(), nullable=False),
    Column("last_status_code", Integer, nullable=True),
    Column("last_error", Text, nullable=False),
    Column("delivered_at", UtcDateTime(), nullable=True),
    UniqueConstraint("subscription_id", "event_id"),
    Index(None, "status", "next_attempt_at"),
    Index(None, "subscription_id", "created_at"),
    Index(None, "created_at"),
    Index(None, "subscription_id", "aggregate_id", "event_seq"),
)
