"""Renewal by the pointer (S5, S6, S13, S15): each period billed once, in order, caught up after an outage; trials and
fixed terms. peers.md 3d cases 4 and 9 (3 and 5 are matters of the store and the entrypoints)."""

from __future__ import annotations

from datetime import date

import pytest

from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.events import StatusChanged
from oms.domain.subscriptions.events import SubscriptionRenewed
from oms.domain.subscriptions.records import SubscriptionStatus

from .kit import ACTOR, D, line, on, plan, refusal, subscribe

APR_1, MAY_1, JUN_1 = date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 1)


def test_a_renewal_bills_its_period_at_the_plan_price_and_moves_the_pointer_one_period() -> None:
    subscription = subscribe(renew=False)

    renewal = subscription.renew(APR_1, on(APR_1))

    assert (renewal.period.start, renewal.period.end) == (APR_1, MAY_1)
    assert [(b.sku, b.amount, b.start, b.end) for b in renewal.lines] == [("SEAT", D("30.00"), APR_1, MAY_1)]
    assert subscription.next_period_start == MAY_1
    assert next(e for e in subscription.events if isinstance(e, SubscriptionRenewed)).amount == D("30.00")


def test_renewing_a_period_already_renewed_is_refused_so_it_is_billed_once() -> None:
    subscription = subscribe()

    assert refusal(lambda: subscription.renew(APR_1, on(APR_1))) == "PeriodMustBeTheNextToRenew"
    assert subscription.next_period_start == MAY_1


def test_renewing_a_period_that_is_not_the_pointers_is_refused() -> None:
    subscription = subscribe()

    assert refusal(lambda: subscription.renew(JUN_1, on(JUN_1))) == "PeriodMustBeTheNextToRenew"


def test_a_period_is_not_renewed_before_it_starts() -> None:
    subscription = subscribe()

    assert subscription.due(date(2025, 4, 30)) == []
    assert refusal(lambda: subscription.renew(MAY_1, on(date(2025, 4, 30)))) == "PeriodMustBeDue"


def test_a_scheduler_down_three_days_across_a_renewal_date_renews_that_period_when_it_is_back() -> None:
    subscription = subscribe()

    due = subscription.due(date(2025, 5, 3))

    assert [p.start for p in due] == [MAY_1]
    assert subscription.renew(due[0].start, on(date(2025, 5, 3))).period.start == MAY_1
    assert subscription.due(date(2025, 5, 3)) == []


def test_after_a_40_day_outage_a_monthly_subscription_renews_each_missed_period_in_order_then_nothing() -> None:
    subscription = subscribe(starts_on=date(2025, 1, 31))
    back = on(date(2025, 4, 1))

    renewed = [subscription.renew(p.start, back).period for p in subscription.due(back.date())]

    assert [(p.start, p.end) for p in renewed] == [(date(2025, 2, 28), date(2025, 3, 31)),
                                                   (date(2025, 3, 31), date(2025, 4, 30))]
    assert subscription.due(back.date()) == []


def test_catching_up_can_be_capped_and_resumes_where_it_stopped() -> None:
    subscription = subscribe()

    first = subscription.due(date(2025, 9, 1), limit=2)
    for period in first:
        subscription.renew(period.start, on(date(2025, 9, 1)))

    assert [p.start for p in first] == [MAY_1, JUN_1]
    assert [p.start for p in subscription.due(date(2025, 9, 1))] == [date(2025, 7, 1), date(2025, 8, 1),
                                                                     date(2025, 9, 1)]


def test_a_14_day_trial_from_jan_10_bills_its_first_period_on_jan_24_for_jan_24_to_feb_24() -> None:
    subscription = subscribe(plan(trial_days=14), starts_on=date(2025, 1, 10))
    before = subscription.status, subscription.due(date(2025, 1, 23))

    renewal = subscription.renew(date(2025, 1, 24), on(date(2025, 1, 24)))

    assert before == (SubscriptionStatus.TRIALING, [])

    assert (renewal.period.start, renewal.period.end, renewal.total) == (date(2025, 1, 24), date(2025, 2, 24),
                                                                         D("30.00"))
    assert subscription.status is SubscriptionStatus.ACTIVE
    assert subscription.history[-1].reason == "trial ended"


def test_a_subscription_cancelled_during_its_trial_is_never_billed() -> None:
    subscription = subscribe(plan(trial_days=14), starts_on=date(2025, 1, 10))

    credit = subscription.cancel(on(date(2025, 1, 15)), ACTOR, at_period_end=True)

    assert credit is None
    assert subscription.status is SubscriptionStatus.CANCELLED
    assert subscription.due(date(2025, 3, 1)) == []
    assert refusal(lambda: subscription.renew(date(2025, 1, 24), on(date(2025, 1, 24)))) == \
        "SubscriptionMustBeRunning"


def test_a_new_price_applies_from_the_next_renewal_and_never_to_a_billed_period() -> None:
    subscription = subscribe()
    dearer = plan(line("36.00"), version=2)

    renewal = subscription.renew(MAY_1, on(MAY_1), prices=dearer)

    assert renewal.total == D("36.00")
    assert subscription.plan_version_id == "basic-v2"


def test_a_renewal_at_the_same_prices_keeps_the_very_lines_and_a_price_spelt_otherwise_is_taken_as_given() -> None:
    """Repricing at unchanged prices keeps the subscription's lines as they are (so they are not written again); a
    price equal in value but with other decimals is the plan's, as the plan gives it."""
    subscription = subscribe(plan(line("30.00", 2)))
    before = subscription.lines

    subscription.renew(MAY_1, on(MAY_1), prices=plan(line("30.00")))
    kept = subscription.lines
    subscription.renew(JUN_1, on(JUN_1), prices=plan(line("30.0")))

    assert kept is before
    assert [(str(line.quantity), str(line.unit_price)) for line in subscription.lines] == [("2", "30.0")]


def test_a_renewal_refuses_the_prices_of_another_plan() -> None:
    subscription = subscribe()

    with pytest.raises(InvalidValue, match="renews plan basic, not pro"):
        subscription.renew(MAY_1, on(MAY_1), prices=plan(code="PRO"))
    assert subscription.next_period_start == MAY_1


def test_a_fixed_term_of_3_periods_bills_3_periods_then_expires_at_the_start_of_the_fourth() -> None:
    subscription = subscribe(plan(term_periods=3))
    for period in subscription.due(date(2025, 9, 1)):
        subscription.renew(period.start, on(date(2025, 9, 1)))

    subscription.on_day(on(date(2025, 9, 1)))

    assert subscription.next_period_start == date(2025, 7, 1)
    assert subscription.status is SubscriptionStatus.EXPIRED
    assert subscription.due(date(2025, 9, 1)) == []


def test_a_fixed_term_does_not_expire_while_a_period_before_its_end_is_still_to_renew() -> None:
    subscription = subscribe(plan(term_periods=3))

    subscription.on_day(on(date(2025, 9, 1)))

    assert subscription.status is SubscriptionStatus.ACTIVE


def test_an_unpaid_subscription_is_not_renewed() -> None:
    subscription = subscribe()
    subscription.status = SubscriptionStatus.UNPAID

    assert subscription.due(date(2025, 6, 1)) == []
    assert refusal(lambda: subscription.renew(MAY_1, on(MAY_1))) == "SubscriptionMustBeRunning"


def test_starting_raises_document_created_and_the_trials_end_a_status_change() -> None:
    subscription = subscribe(plan(trial_days=14), starts_on=date(2025, 1, 10))
    subscription.renew(date(2025, 1, 24), on(date(2025, 1, 24)))

    changes = [e for e in subscription.events if isinstance(e, StatusChanged)]

    assert subscription.events[0].name == "DocumentCreated"
    assert [(c.from_status, c.to_status) for c in changes] == [("trialing", "active")]
