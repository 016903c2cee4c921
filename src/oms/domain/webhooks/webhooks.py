"""Webhook subscriptions (a URL, the event types it wants, the secret that signs what it gets) and deliveries (one
event on its way to one subscription, with its attempts and the time of the next one)."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from attrs import define, field

from oms.domain.shared.errors import InvalidValue, refuse

ALL_EVENTS = "*"
MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(hours=6)
_EVENT_TYPE = re.compile(r"[A-Za-z][A-Za-z0-9_.]{0,99}")


def check_url(url: str) -> str:
    """An absolute http or https URL with a host, at most 2000 characters, no credentials in it."""
    parts = urlsplit(url.strip()) if len(url) <= 2000 else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidValue("url", "must be an absolute http or https URL with a host, at most 2000 characters")
    if parts.username or parts.password:
        raise InvalidValue("url", "must not carry a user name or password")
    return url.strip()


def check_event_types(event_types: Sequence[str]) -> tuple[str, ...]:
    """A list of event type names (`SalesOrderConfirmed`), or `*` alone for every event."""
    types = tuple(dict.fromkeys(name.strip() for name in event_types if name.strip()))
    if not types:
        raise InvalidValue("event_types", "must name at least one event type, or * for all")
    if ALL_EVENTS in types and len(types) > 1:
        raise InvalidValue("event_types", "* means every event: give it alone")
    for name in types:
        if name != ALL_EVENTS and not _EVENT_TYPE.fullmatch(name):
            raise InvalidValue("event_types", f"{name!r} is not an event type name")
    return types


def check_description(description: str) -> str:
    if len(description) > 500 or not (description.isprintable() or description == ""):
        raise InvalidValue("description", "must be at most 500 printable characters")
    return description


def check_secret(secret: str) -> str:
    if not 16 <= len(secret) <= 200 or not secret.isprintable() or secret != secret.strip():
        raise InvalidValue("secret", "must be 16 to 200 printable characters, no surrounding spaces")
    return secret


@define(slots=False, eq=False, kw_only=True)
class WebhookSubscription:
    """An outside URL that gets the events of `event_types` (or every event: `*`) while active, signed with
    `secret` (kept to sign, shown once when made or rotated, never in views)."""

    id: str
    url: str = field(converter=check_url)
    event_types: tuple[str, ...] = field(converter=check_event_types)
    secret: str = field(converter=check_secret)
    active: bool = True
    description: str = field(default="", converter=check_description)
    created_at: datetime
    version: int = 0

    def update(self, *, url: str | None = None, event_types: Sequence[str] | None = None,
               description: str | None = None, active: bool | None = None) -> None:
        """Change what is given (each value checked as when created, naming its field)."""
        if url is not None:
            self.url = url
        if event_types is not None:
            self.event_types = tuple(event_types)
        if description is not None:
            self.description = description
        if active is not None:
            self.active = active

    def wants(self, event_type: str, occurred_at: datetime | None = None) -> bool:
        """Whether it gets an event of this type that happened at `occurred_at`: never one from before it was made
        (a relay catching up on a backlog does not send a new subscription the past)."""
        if occurred_at is not None and occurred_at < self.created_at:
            return False
        return self.active and (ALL_EVENTS in self.event_types or event_type in self.event_types)


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"  # due at next_attempt_at (again, after a failed attempt)
    SENDING = "sending"  # claimed by a worker until next_attempt_at (then due again, if the worker died)
    DELIVERED = "delivered"
    FAILED = "failed"  # every attempt failed; resend makes it pending again


def retry_delay(attempts: int, random: float) -> timedelta:
    """Exponential backoff with full jitter: after the `attempts`-th failed attempt, wait a random part (`random` in
    [0, 1)) of 30 s x 2^(attempts - 1), at most 6 hours."""
    ceiling: timedelta = min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)
    return ceiling * random


@define(slots=False, eq=False, kw_only=True)
class WebhookDelivery:
    """One event on its way to one subscription (one per subscription and event, however often the event comes).
    `event_seq`: the event's place in the outbox; the deliveries of one document go out in that order."""

    id: str
    subscription_id: str
    event_id: str
    event_type: str
    aggregate_id: str
    event_seq: int = 0
    occurred_at: datetime
    payload: dict[str, object]
    created_at: datetime
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    next_attempt_at: datetime
    last_status_code: int | None = None
    last_error: str = ""
    delivered_at: datetime | None = None

    def succeeded(self, at: datetime, status_code: int) -> None:
        self.attempts += 1
        self.status, self.delivered_at = DeliveryStatus.DELIVERED, at
        self.last_status_code, self.last_error = status_code, ""

    def attempt_failed(self, at: datetime, status_code: int | None, error: str, random: float,
                       max_attempts: int = MAX_ATTEMPTS, attempts: int = 1) -> None:
        """Count a failed attempt: due again after the backoff, or failed once `max_attempts` were made. With
        `attempts=0` (nothing was sent: its subscription is disabled) it fails at once."""
        self.attempts += attempts
        if not attempts:
            max_attempts = 0
        self.last_status_code, self.last_error = status_code, error[:500]
        if self.attempts >= max_attempts:
            self.status = DeliveryStatus.FAILED
        else:
            self.status, self.next_attempt_at = DeliveryStatus.PENDING, at + retry_delay(self.attempts, random)

    def resend(self, at: datetime) -> None:
        """Try a failed delivery again from its first attempt (rule `WebhookDeliveryMustHaveFailed`)."""
        if self.status is not DeliveryStatus.FAILED:
            raise refuse("WebhookDeliveryMustHaveFailed", f"delivery {self.id} is {self.status}, not failed")
        self.status, self.attempts, self.next_attempt_at = DeliveryStatus.PENDING, 0, at
