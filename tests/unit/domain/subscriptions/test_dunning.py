"""Dunning (S14) and payment exceptions (S8): peers.md 3d cases 10 and 11. The invoice of the Feb 1 period is due on
Mar 1."""

from __future__ import annotations

from datetime import date

import pytest

from oms.domain.shared.errors import InvalidValue
from oms.domain.subscriptions.events import SubscriptionChargeFailed, SubscriptionPaymentExceptionChanged
from oms.domain.subscriptions.records import AfterDunning, DunningPolicy, SubscriptionStatus
from oms.domain.subscriptions.subscriptions import Subscription

from .kit import on, refusal, subscribe

DUE = date(2025, 3, 1)
S = SubscriptionStatus


def overdue(dunning: DunningPolicy | None = None) -> Subscription:
    """A subscription whose Mar 1 invoice is unpaid on Mar 2."""
    subscription = subscribe(starts_on=date(2025, 2, 1), dunning=dunning)
    subscription.mark_overdue("inv-1", DUE, on(date(2025, 3, 2)))
    return subscription


def fail_retries_until(subscription: Subscription, last: int) -> list[date]:
    """Fail each retry as it falls due, up to retry `last`; the days they were made."""
    made = []
    for _ in range(last):
        day = subscription.next_retry_on
        assert day is not None
        subscription.retry_failed(subscription.next_attempt, on(day))
        made.append(day)
    return made


def test_an_invoice_unpaid_after_its_due_date_makes_the_subscription_past_due() -> None:
    subscription = overdue()

    assert subscription.status is S.PAST_DUE
    assert subscription.next_retry_on == date(2025, 3, 2)


def test_an_invoice_is_not_overdue_on_its_due_date() -> None:
    subscription = subscribe(starts_on=date(2025, 2, 1))

    assert refusal(lambda: subscription.mark_overdue("inv-1", DUE, on(DUE))) == "InvoiceMustBePastItsDueDate"


def test_retries_on_mar_2_4_6_and_8_all_failing_make_it_unpaid_on_mar_8() -> None:
    subscription = overdue()

    days = fail_retries_until(subscription, 4)

    assert days == [date(2025, 3, 2), date(2025, 3, 4), date(2025, 3, 6), date(2025, 3, 8)]
    assert subscription.status is S.UNPAID
    assert subscription.history[-1].at.date() == date(2025, 3, 8)
    assert subscription.next_retry_on is None
    failed = [(e.attempt, e.retries_left) for e in subscription.events if isinstance(e, SubscriptionChargeFailed)]
    assert failed == [(1, 3), (2, 2), (3, 1), (4, 0)]


def test_by_setting_the_last_failed_retry_cancels_the_subscription() -> None:
    subscription = overdue(DunningPolicy(after_last_failure=AfterDunning.CANCELLED))

    fail_retries_until(subscription, 4)

    assert subscription.status is S.CANCELLED


def test_the_retry_schedule_is_configurable() -> None:
    subscription = overdue(DunningPolicy(retry_days=(2, 10)))

    days = fail_retries_until(subscription, 2)

    assert days == [date(2025, 3, 3), date(2025, 3, 11)]
    assert subscription.status is S.UNPAID


@pytest.mark.parametrize("days", [(), (0, 1), (3, 1), (1, 1)])
def test_a_retry_schedule_is_increasing_days_after_the_due_date(days: tuple[int, ...]) -> None:
    with pytest.raises(InvalidValue):
        DunningPolicy(retry_days=days)


def test_a_payment_on_mar_5_makes_it_active_and_no_retry_follows_on_mar_6() -> None:
    subscription = overdue()
    fail_retries_until(subscription, 2)

    subscription.record_payment("inv-1", on(date(2025, 3, 5)))

    assert subscription.status is S.ACTIVE
    assert subscription.next_retry_on is None
    assert refusal(lambda: subscription.retry_failed(3, on(date(2025, 3, 6)))) == "RetryMustBeTheNextDue"


def test_a_payment_after_the_last_retry_makes_an_unpaid_subscription_active_again() -> None:
    subscription = overdue()
    fail_retries_until(subscription, 4)

    subscription.record_payment("inv-1", on(date(2025, 3, 20)))

    assert subscription.status is S.ACTIVE


def test_a_retry_is_recorded_once_and_not_before_it_is_due() -> None:
    subscription = overdue()
    subscription.retry_failed(1, on(date(2025, 3, 2)))

    assert refusal(lambda: subscription.retry_failed(1, on(date(2025, 3, 4)))) == "RetryMustBeTheNextDue"
    assert refusal(lambda: subscription.retry_failed(2, on(date(2025, 3, 3)))) == "RetryMustBeDue"
    assert subscription.next_attempt == 2


def test_the_subscription_stays_past_due_while_another_overdue_invoice_is_unpaid() -> None:
    subscription = overdue()
    subscription.mark_overdue("inv-2", date(2025, 3, 3), on(date(2025, 3, 4)))

    subscription.record_payment("inv-1", on(date(2025, 3, 5)))

    assert subscription.status is S.PAST_DUE
    assert subscription.overdue_invoices == ["inv-2"]


def test_a_charge_timeout_puts_it_in_payment_exception_and_the_next_runs_neither_renew_nor_retry() -> None:
    subscription = overdue()

    subscription.payment_outcome_unknown(on(date(2025, 3, 2)), reason="gateway timeout")

    assert subscription.payment_exception
    assert subscription.due(date(2025, 3, 2)) == []
    assert subscription.due(date(2025, 3, 3)) == []
    assert subscription.next_retry_on is None
    assert refusal(lambda: subscription.renew(date(2025, 3, 1), on(date(2025, 3, 3)))) == \
        "PaymentExceptionMustBeResolved"


def test_an_operator_resolving_the_exception_makes_it_renew_and_retry_again() -> None:
    subscription = overdue()
    subscription.payment_outcome_unknown(on(date(2025, 3, 2)))

    subscription.resolve_payment_exception(on(date(2025, 3, 3)), "ops", "charge found failed at the provider")

    assert not subscription.payment_exception
    assert [p.start for p in subscription.due(date(2025, 3, 3))] == [date(2025, 3, 1)]
    assert subscription.next_retry_on == date(2025, 3, 2)
    flags = [e.in_exception for e in subscription.events if isinstance(e, SubscriptionPaymentExceptionChanged)]
    assert flags == [True, False]


def test_resolving_needs_an_exception_and_a_reason() -> None:
    subscription = overdue()

    assert refusal(lambda: subscription.resolve_payment_exception(on(DUE), "ops", "x")) == \
        "SubscriptionMustBeInPaymentException"
    subscription.payment_outcome_unknown(on(date(2025, 3, 2)))
    with pytest.raises(InvalidValue):
        subscription.resolve_payment_exception(on(DUE), "ops", " ")
