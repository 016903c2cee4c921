"""Changes during a billed period (S9 to S12): proration by days, upgrades now and downgrades at the period end,
cancellation, pause and resume. peers.md 3d cases 6, 7 and 8. April has 30 days, May 31."""

from __future__ import annotations

from datetime import date

import pytest

from oms.domain.shared.errors import InvalidValue
from oms.domain.subscriptions.events import SubscriptionChangeScheduled, SubscriptionProrated
from oms.domain.subscriptions.records import DowngradeTiming, Proration, SubscriptionStatus

from .kit import ACTOR, D, line, on, plan, refusal, subscribe

APR_1, MAY_1, JUN_1, JUL_1 = date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 1), date(2025, 7, 1)
PRO = plan(line("60.00"), code="PRO")
LITE = plan(line("15.00"), code="LITE")


def money(proration: Proration | None) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """Credits and charges as (amount, first day, end)."""
    assert proration is not None
    return ([(str(c.amount), str(c.start), str(c.end)) for c in proration.credits],
            [(str(c.amount), str(c.start), str(c.end)) for c in proration.charges])


def test_an_upgrade_from_30_to_60_on_apr_16_credits_15_and_charges_30() -> None:
    subscription = subscribe()

    proration = subscription.change_plan(PRO, on(date(2025, 4, 16)), ACTOR)

    assert money(proration) == ([("15.00", "2025-04-16", "2025-05-01")], [("30.00", "2025-04-16", "2025-05-01")])
    assert proration is not None
    assert proration.net == D("15.00")
    assert subscription.plan_id == "pro"


def test_in_a_31_day_month_with_10_days_left_the_credit_for_30_00_is_9_68() -> None:
    subscription = subscribe(starts_on=MAY_1)

    proration = subscription.cancel(on(date(2025, 5, 22)), ACTOR)

    assert proration is not None
    assert proration.credit_total == D("9.68")


def test_seats_from_5_to_8_at_10_00_with_12_of_30_days_left_charge_12_00_net() -> None:
    subscription = subscribe(plan(line("10.00")), quantities={"SEAT": D(5)})

    proration = subscription.change_quantity("SEAT", D(8), on(date(2025, 4, 19)), ACTOR)

    assert money(proration) == ([("20.00", "2025-04-19", "2025-05-01")], [("32.00", "2025-04-19", "2025-05-01")])
    assert proration is not None
    assert proration.net == D("12.00")


def test_a_downgrade_requested_on_apr_16_moves_no_money_and_bills_the_new_price_from_may_1() -> None:
    subscription = subscribe()

    proration = subscription.change_plan(LITE, on(date(2025, 4, 16)), ACTOR)
    renewal = subscription.renew(MAY_1, on(MAY_1))

    assert proration is None
    assert renewal.total == D("15.00")
    assert subscription.plan_id == "lite"
    scheduled = [e for e in subscription.events if isinstance(e, SubscriptionChangeScheduled)]
    assert [(e.change, e.effective_on) for e in scheduled] == [("downgrade", MAY_1)]


def test_a_downgrade_can_take_effect_at_once_by_setting() -> None:
    subscription = subscribe(downgrades=DowngradeTiming.IMMEDIATELY)

    proration = subscription.change_plan(LITE, on(date(2025, 4, 16)), ACTOR)

    assert money(proration) == ([("15.00", "2025-04-16", "2025-05-01")], [("7.50", "2025-04-16", "2025-05-01")])


def test_a_quantity_decrease_is_a_downgrade_at_the_period_end() -> None:
    subscription = subscribe(plan(line("10.00")), quantities={"SEAT": D(5)})

    assert subscription.change_quantity("SEAT", D(3), on(date(2025, 4, 19)), ACTOR) is None
    assert subscription.renew(MAY_1, on(MAY_1)).total == D("30.00")


def test_a_change_replaces_a_scheduled_downgrade() -> None:
    subscription = subscribe()
    subscription.change_plan(LITE, on(date(2025, 4, 10)), ACTOR)

    subscription.change_plan(PRO, on(date(2025, 4, 16)), ACTOR)

    assert subscription.pending is None
    assert subscription.renew(MAY_1, on(MAY_1)).total == D("60.00")


def test_an_upgrade_then_a_downgrade_now_credits_only_what_the_upgrade_charged_for_the_days_left() -> None:
    subscription = subscribe(downgrades=DowngradeTiming.IMMEDIATELY)
    subscription.change_plan(PRO, on(date(2025, 4, 16)), ACTOR)

    proration = subscription.change_plan(LITE, on(date(2025, 4, 21)), ACTOR)

    assert money(proration) == ([("20.00", "2025-04-21", "2025-05-01")], [("5.00", "2025-04-21", "2025-05-01")])


def test_a_change_during_a_trial_moves_no_money_and_the_trial_bills_the_new_plan() -> None:
    subscription = subscribe(plan(trial_days=14), starts_on=date(2025, 1, 10))

    assert subscription.change_plan(PRO, on(date(2025, 1, 12)), ACTOR) is None
    assert subscription.renew(date(2025, 1, 24), on(date(2025, 1, 24))).total == D("60.00")


def test_a_plan_of_another_interval_or_currency_is_refused() -> None:
    subscription = subscribe()

    with pytest.raises(InvalidValue, match="bills EUR every month"):
        subscription.change_plan(plan(currency="USD", code="US"), on(date(2025, 4, 16)), ACTOR)


def test_a_change_waits_for_the_due_renewals() -> None:
    subscription = subscribe()

    assert refusal(lambda: subscription.change_plan(PRO, on(MAY_1), ACTOR)) == "RenewalsMustBeCaughtUp"


def test_cancelling_at_the_period_end_on_apr_16_renews_nothing_on_may_1_and_cancels_then() -> None:
    subscription = subscribe()

    proration = subscription.cancel(on(date(2025, 4, 16)), ACTOR, at_period_end=True)
    subscription.on_day(on(date(2025, 4, 30)))
    status_before = subscription.status
    subscription.on_day(on(MAY_1))

    assert proration is None
    assert status_before is SubscriptionStatus.ACTIVE
    assert subscription.due(MAY_1) == []
    assert refusal(lambda: subscription.renew(MAY_1, on(MAY_1))) == "SubscriptionMustBeRunning"
    assert subscription.status is SubscriptionStatus.CANCELLED


def test_cancelling_now_with_20_of_30_prepaid_days_unused_credits_20_00() -> None:
    subscription = subscribe()

    proration = subscription.cancel(on(date(2025, 4, 11)), ACTOR, reason="moved away")

    assert money(proration) == ([("20.00", "2025-04-11", "2025-05-01")], [])
    assert subscription.status is SubscriptionStatus.CANCELLED
    assert subscription.history[-1].reason == "moved away"


def test_a_cancellation_never_credits_more_than_was_billed_less_earlier_credits() -> None:
    subscription = subscribe()
    paused = subscription.pause(date(2025, 4, 21), date(2025, 5, 11), on(date(2025, 4, 11)), ACTOR)

    cancelled = subscription.cancel(on(date(2025, 4, 11)), ACTOR)

    assert paused is not None
    assert cancelled is not None
    assert (paused.credit_total, cancelled.credit_total) == (D("10.00"), D("10.00"))


def test_a_cancelled_subscription_cannot_be_cancelled_again() -> None:
    subscription = subscribe()
    subscription.cancel(on(date(2025, 4, 11)), ACTOR)

    assert refusal(lambda: subscription.cancel(on(date(2025, 4, 12)), ACTOR)) == "SubscriptionMustNotHaveEnded"


def test_a_pause_from_may_1_for_2_periods_bills_nothing_on_may_1_and_jun_1_and_bills_jul_1() -> None:
    subscription = subscribe()
    subscription.pause(MAY_1, JUL_1, on(date(2025, 4, 20)), ACTOR)

    renewals = [subscription.renew(day, on(day)) for day in (MAY_1, JUN_1, JUL_1)]

    assert [(r.period.start, r.billed, r.total) for r in renewals] == [
        (MAY_1, False, D("0.00")), (JUN_1, False, D("0.00")), (JUL_1, True, D("30.00"))]
    assert subscription.anchor == APR_1
    assert subscription.next_period_start == date(2025, 8, 1)


def test_a_paused_subscription_is_paused_during_the_pause_and_active_after() -> None:
    subscription = subscribe()
    subscription.pause(MAY_1, JUL_1, on(date(2025, 4, 20)), ACTOR)

    subscription.renew(MAY_1, on(MAY_1))
    subscription.on_day(on(MAY_1))
    during = subscription.status
    subscription.renew(JUN_1, on(JUN_1))
    subscription.renew(JUL_1, on(JUL_1))
    subscription.on_day(on(JUL_1))

    assert (during, subscription.status) == (SubscriptionStatus.PAUSED, SubscriptionStatus.ACTIVE)


def test_a_pause_straddling_periods_credits_the_paused_days_billed_and_bills_only_the_active_days_after() -> None:
    subscription = subscribe()

    credit = subscription.pause(date(2025, 4, 21), date(2025, 5, 11), on(date(2025, 4, 16)), ACTOR)
    may = subscription.renew(MAY_1, on(MAY_1))

    assert money(credit) == ([("10.00", "2025-04-21", "2025-05-01")], [])
    assert [(str(b.amount), b.start, b.end) for b in may.lines] == [("20.32", date(2025, 5, 11), JUN_1)]


def test_resuming_early_charges_only_the_days_left_of_a_period_passed_unbilled() -> None:
    subscription = subscribe()
    subscription.pause(MAY_1, JUL_1, on(date(2025, 4, 20)), ACTOR)
    subscription.renew(MAY_1, on(MAY_1))

    charge = subscription.resume(on(date(2025, 5, 17)), ACTOR)
    june = subscription.renew(JUN_1, on(JUN_1))

    assert money(charge) == ([], [("14.52", "2025-05-17", "2025-06-01")])
    assert june.total == D("30.00")
    assert subscription.status is SubscriptionStatus.ACTIVE
    assert subscription.anchor == APR_1


def test_resuming_never_bills_again_the_days_of_a_paid_period() -> None:
    subscription = subscribe()
    subscription.pause(date(2025, 4, 21), date(2025, 5, 11), on(date(2025, 4, 16)), ACTOR)
    subscription.on_day(on(date(2025, 4, 21)))

    charge = subscription.resume(on(date(2025, 4, 25)), ACTOR)

    assert money(charge) == ([], [("6.00", "2025-04-25", "2025-05-01")])
    assert subscription.renew(MAY_1, on(MAY_1)).total == D("30.00")


def test_resuming_before_a_pause_starts_drops_it_and_charges_back_its_credit() -> None:
    subscription = subscribe()
    subscription.pause(date(2025, 4, 21), date(2025, 5, 11), on(date(2025, 4, 16)), ACTOR)

    charge = subscription.resume(on(date(2025, 4, 18)), ACTOR)

    assert money(charge) == ([], [("10.00", "2025-04-21", "2025-05-01")])
    assert subscription.pauses == []


def test_a_pause_cannot_start_in_the_past_nor_overlap_another() -> None:
    subscription = subscribe()
    subscription.pause(MAY_1, JUL_1, on(date(2025, 4, 20)), ACTOR)

    with pytest.raises(InvalidValue):
        subscription.pause(date(2025, 4, 19), MAY_1, on(date(2025, 4, 20)), ACTOR)
    assert refusal(lambda: subscription.pause(JUN_1, date(2025, 8, 1), on(date(2025, 4, 20)), ACTOR)) == \
        "PausesMustNotOverlap"


def test_resuming_with_no_pause_is_refused() -> None:
    subscription = subscribe()

    assert refusal(lambda: subscription.resume(on(date(2025, 4, 20)), ACTOR)) == "SubscriptionMustBePaused"


def test_every_prorated_change_raises_an_event_with_its_totals() -> None:
    subscription = subscribe()
    subscription.change_plan(PRO, on(date(2025, 4, 16)), ACTOR)

    event = next(e for e in subscription.events if isinstance(e, SubscriptionProrated))

    assert (event.change, event.credited, event.charged, event.effective_on) == (
        "plan", D("15.00"), D("30.00"), date(2025, 4, 16))
