"""Webhook subscriptions and deliveries in the domain: what a URL and event types may be, the backoff schedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oms.domain.shared.errors import BusinessRuleViolation, InvalidValue
from oms.domain.webhooks.webhooks import (
    LONGEST_RETRY,
    MAX_ATTEMPTS,
    DeliveryStatus,
    WebhookDelivery,
    WebhookSubscription,
    retry_delay,
)

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


def _subscription(**given: object) -> WebhookSubscription:
    values: dict[str, object] = {"id": "s1", "url": "https://example.com/hook", "event_types": ("*",),
                                 "secret": "whsec_0123456789abcdef", "created_at": NOW, **given}
    return WebhookSubscription(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(("field", "value"), [
    ("url", "ftp://example.com/"), ("url", "example.com/hook"), ("url", "https://user:pw@example.com/"),
    ("url", "https:///path-only"), ("event_types", ()), ("event_types", ("*", "InvoiceIssued")),
    ("event_types", ("no spaces",)), ("secret", "short"), ("description", "x" * 501)])
def test_a_bad_url_event_type_secret_or_description_is_refused_naming_its_field(field: str, value: object) -> None:
    with pytest.raises(InvalidValue) as refused:
        _subscription(**{field: value})

    assert refused.value.field == field


def test_a_change_is_checked_as_when_created_and_star_means_every_event() -> None:
    subscription = _subscription(event_types=("InvoiceIssued",))

    with pytest.raises(InvalidValue, match="url"):
        subscription.update(url="mailto:someone@example.com")
    subscription.update(event_types=["*"])

    assert subscription.url == "https://example.com/hook"
    assert subscription.wants("AnythingAtAll")
    subscription.update(active=False)
    assert not subscription.wants("AnythingAtAll")


@given(attempts=st.integers(min_value=1, max_value=40), random=st.floats(min_value=0, max_value=1, exclude_max=True))
def test_the_wait_after_a_failure_is_a_random_part_of_30_seconds_doubling_at_most_six_hours(attempts: int,
                                                                                           random: float) -> None:
    ceiling = min(timedelta(seconds=30) * 2 ** (attempts - 1), LONGEST_RETRY)

    assert timedelta(0) <= retry_delay(attempts, random) <= ceiling
    assert retry_delay(attempts, 0.999999) > ceiling * 0.99


def test_a_delivery_fails_after_the_last_attempt_and_only_a_failed_one_is_resent() -> None:
    delivery = WebhookDelivery(id="d1", subscription_id="s1", event_id="e1", event_type="X", aggregate_id="a",
                               occurred_at=NOW, payload={}, created_at=NOW, next_attempt_at=NOW)
    with pytest.raises(BusinessRuleViolation, match="WebhookDeliveryMustHaveFailed"):
        delivery.resend(NOW)

    for _ in range(MAX_ATTEMPTS):
        delivery.attempt_failed(NOW, 500, "answered 500", 0.5)

    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, MAX_ATTEMPTS)
    delivery.resend(NOW + timedelta(hours=1))
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (
        DeliveryStatus.PENDING, 0, NOW + timedelta(hours=1))
