"""Subscription measures through the Python API (peers.md 6d case 1): MRR and ARR at a month's end and the month's
movements, read from what subscriptions keep (their billing records, audit trail and pauses)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

import oms

PLANS = {  # code: (price per period, interval, every, trial days)
    "MONTHLY": ("30.00", oms.IntervalUnit.MONTH, 1, 0), "YEARLY": ("1200.00", oms.IntervalUnit.YEAR, 1, 0),
    "WEEKLY": ("10.00", oms.IntervalUnit.WEEK, 1, 0), "QUARTERLY": ("90.00", oms.IntervalUnit.MONTH, 3, 0),
    "TRIAL": ("50.00", oms.IntervalUnit.MONTH, 1, 60), "SMALL": ("20.00", oms.IntervalUnit.MONTH, 1, 0)}


def on(clock: oms.FixedClock, day: date) -> None:
    clock.current = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def eur(amount: str) -> oms.Money:
    return oms.Money.of(amount, "EUR")


def build_book(system: oms.OrderManagement, clock: oms.FixedClock) -> oms.OrderManagement:
    """Given branch BER and customer ACME: A monthly 30.00, B yearly 1,200.00, C weekly 10.00, D quarterly 90.00
    and E trialing 50.00 from Mar 1 2026; F monthly 30.00 from Jan 1, cancelled on Feb 10; G monthly 20.00 from
    Jan 1, paused from Mar 10 to May 1."""
    system.handle(oms.CreateProduct(sku="SEAT", name="Seat", price="30.00", currency="EUR",
                                    kind=oms.ProductKind.SERVICE))
    for code, (price, unit, every, trial) in PLANS.items():
        system.handle(oms.CreatePlan(code=code, name=code.title(), currency="EUR", interval=unit, every=every,
                                     trial_days=trial,
                                     lines=(oms.PlanLineInput(sku="SEAT", quantity="1", unit_price=price),)))

    def subscribe(plan: str, day: date) -> str:
        on(clock, day)
        return str(system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code=plan,
                                               start_day=day)))

    def renew(day: date) -> None:
        on(clock, day)
        oms.renew_due_subscriptions(system, day)

    f, g = subscribe("MONTHLY", date(2026, 1, 1)), subscribe("SMALL", date(2026, 1, 1))
    renew(date(2026, 1, 1))
    renew(date(2026, 2, 1))
    on(clock, date(2026, 2, 10))
    system.handle(oms.CancelSubscription(subscription_id=f, reason="moving on"))
    for plan in ("MONTHLY", "YEARLY", "WEEKLY", "QUARTERLY", "TRIAL"):
        subscribe(plan, date(2026, 3, 1))
    renew(date(2026, 3, 1))
    on(clock, date(2026, 3, 5))
    system.handle(oms.PauseSubscription(subscription_id=g, start=date(2026, 3, 10), until=date(2026, 5, 1)))
    for day in (date(2026, 3, 8), date(2026, 3, 10), date(2026, 3, 15), date(2026, 3, 22), date(2026, 3, 29)):
        renew(day)
    return system


@pytest.fixture
def book(system: oms.OrderManagement, clock: oms.FixedClock) -> oms.OrderManagement:
    return build_book(system, clock)


def test_mrr_at_the_end_of_march_is_203_33_and_arr_2440_00(book: oms.OrderManagement) -> None:
    measures = book.read(oms.subscription_measures, date(2026, 3, 17))

    [eur_measures] = measures.currencies
    assert (measures.month, measures.first_day, measures.last_day) == ("2026-03", date(2026, 3, 1),
                                                                       date(2026, 3, 31))
    assert (eur_measures.mrr, eur_measures.arr) == (eur("203.33"), eur("2440.00"))
    assert (eur_measures.mrr_start, eur_measures.new, eur_measures.churn) == (eur("20.00"), eur("203.33"),
                                                                            eur("20.00"))
    assert (eur_measures.expansion, eur_measures.contraction, eur_measures.reactivation) == (eur("0.00"),) * 3
    assert eur_measures.subscriptions == 4


def test_february_churns_the_cancelled_subscription_and_a_past_month_is_read_as_it_was(
        book: oms.OrderManagement) -> None:
    [january] = book.read(oms.subscription_measures, date(2026, 1, 1)).currencies
    [february] = book.read(oms.subscription_measures, date(2026, 2, 28)).currencies

    assert (january.mrr_start, january.new, january.mrr) == (eur("0.00"), eur("50.00"), eur("50.00"))
    assert (february.mrr_start, february.churn, february.mrr) == (eur("50.00"), eur("30.00"), eur("20.00"))


def test_an_upgrade_is_expansion_in_its_month_and_a_resume_a_reactivation(
        book: oms.OrderManagement, clock: oms.FixedClock) -> None:
    subscriptions = book.read(lambda uow: [s.number for s in uow.subscriptions.subscriptions.list()])
    monthly, small = subscriptions[2], subscriptions[1]
    on(clock, date(2026, 4, 1))
    oms.renew_due_subscriptions(book, date(2026, 4, 1))
    on(clock, date(2026, 4, 10))
    book.handle(oms.ChangeQuantity(subscription_id=monthly, sku="SEAT", quantity="2"))
    book.handle(oms.ResumeSubscription(subscription_id=small))

    [april] = book.read(oms.subscription_measures, date(2026, 4, 1)).currencies

    assert (april.mrr_start, april.expansion, april.reactivation) == (eur("203.33"), eur("30.00"), eur("20.00"))
    assert april.new == eur("50.00")  # the trial ended on Apr 30
    assert april.mrr == eur("303.33")
