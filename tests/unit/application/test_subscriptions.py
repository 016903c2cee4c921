"""Subscriptions through the Python API, in memory: plans, renewals billed once per period by posted invoices,
catch-up after an outage, prorated changes, pauses, cancellations and the scheduler's renewal job."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

import oms
from oms.application.subscriptions.views import PeriodView, SubscriptionView

D = Decimal


def on(clock: oms.FixedClock, day: date) -> None:
    clock.current = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


@pytest.fixture
def system(system: oms.OrderManagement) -> oms.OrderManagement:
    """SEAT, a service; the plans BASIC (one SEAT at 30.00 a month) and PRO (one SEAT at 60.00 a month)."""
    system.handle(oms.CreateProduct(sku="SEAT", name="Seat", price="30.00", currency="EUR",
                                    kind=oms.ProductKind.SERVICE))
    for code, price in (("BASIC", "30.00"), ("PRO", "60.00")):
        system.handle(oms.CreatePlan(code=code, name=code.title(), currency="EUR", interval=oms.IntervalUnit.MONTH,
                                     lines=(oms.PlanLineInput(sku="SEAT", quantity="1", unit_price=price),)))
    return system


def subscribe(system: oms.OrderManagement, clock: oms.FixedClock, start: date, plan: str = "BASIC",
              customer: str = "ACME", branch: str = "BER") -> str:
    on(clock, start)
    return str(system.handle(oms.Subscribe(customer_code=customer, branch_code=branch, plan_code=plan,
                                           start_day=start)))


def renew(system: oms.OrderManagement, clock: oms.FixedClock, day: date) -> oms.RenewalRun:
    on(clock, day)
    return oms.renew_due_subscriptions(system, day)


def show(system: oms.OrderManagement, subscription: str) -> SubscriptionView:
    view: SubscriptionView = system.read(oms.show_subscription, subscription)
    return view


def periods(system: oms.OrderManagement, subscription: str) -> list[tuple[date, date, str | None]]:
    view = show(system, subscription)
    return [(r.period_start, r.period_end, r.invoice) for r in view.renewals]


def net(system: oms.OrderManagement, invoice_id: str | None) -> Decimal:
    assert invoice_id is not None
    return system.invoice(invoice_id).totals.net_total.amount


def test_a_monthly_subscription_from_jan_31_renewed_on_feb_28_and_mar_31_gives_invoices_of_exactly_those_periods(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    sub = subscribe(system, clock, date(2026, 1, 31))
    renew(system, clock, date(2026, 1, 31))
    feb = renew(system, clock, date(2026, 2, 28))
    mar = renew(system, clock, date(2026, 3, 31))

    billed = periods(system, sub)
    assert [(start, end) for start, end, _ in billed] == [
        (date(2026, 1, 31), date(2026, 2, 28)), (date(2026, 2, 28), date(2026, 3, 31)),
        (date(2026, 3, 31), date(2026, 4, 30))]
    [feb_invoice] = next(iter(feb.renewed.values()))
    [mar_invoice] = next(iter(mar.renewed.values()))
    for invoice_id, first, last in ((feb_invoice, "2026-02-28", "2026-03-30"),
                                    (mar_invoice, "2026-03-31", "2026-04-29")):
        invoice = system.invoice(invoice_id)
        assert invoice.status == "posted"
        assert invoice.number is not None
        assert invoice.totals.net_total.amount == D("30.00")
        assert f"{first} to {last}" in invoice.lines[0].description
    assert show(system, sub).next_period == PeriodView(index=3, start=date(2026, 4, 30), end=date(2026, 5, 31))


def test_running_the_job_twice_on_the_same_day_bills_nothing_more(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    sub = subscribe(system, clock, date(2026, 3, 1))
    first = renew(system, clock, date(2026, 3, 1))
    again = renew(system, clock, date(2026, 3, 1))
    by_hand = system.handle(oms.RenewSubscription(subscription_id=sub))

    assert len(next(iter(first.renewed.values()))) == 1
    assert again.renewed == {}
    assert again.failed == {}
    assert by_hand == ()
    assert len(periods(system, sub)) == 1


def test_an_outage_of_3_periods_catches_up_3_invoices_in_order(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    sub = subscribe(system, clock, date(2026, 1, 15))
    renew(system, clock, date(2026, 1, 15))

    run = renew(system, clock, date(2026, 4, 20))

    [made] = run.renewed.values()
    numbers = [system.invoice(i).number for i in made]
    assert len(made) == 3
    assert numbers == sorted(str(number) for number in numbers)
    assert [start for start, _, _ in periods(system, sub)] == [
        date(2026, 1, 15), date(2026, 2, 15), date(2026, 3, 15), date(2026, 4, 15)]


def test_an_upgrade_mid_period_gives_a_credit_note_and_an_invoice_whose_net_is_the_proration(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    sub = subscribe(system, clock, date(2026, 3, 1))
    renew(system, clock, date(2026, 3, 1))
    on(clock, date(2026, 3, 22))  # 10 of March's 31 days left

    billed = system.handle(oms.ChangePlan(subscription_id=sub, plan_code="PRO"))

    note, invoice = system.invoice(billed.credit_note_id or ""), system.invoice(billed.invoice_id or "")
    assert (note.kind, note.status, invoice.status) == ("credit_note", "posted", "posted")
    assert note.totals.net_total.amount == D("9.68")  # 30.00 - round(30.00 x 21/31)
    assert invoice.totals.net_total.amount == D("19.35")  # 60.00 - round(60.00 x 21/31)
    [change] = show(system, sub).changes
    assert invoice.totals.net_total.amount - note.totals.net_total.amount == \
        change.charged.amount - change.credited.amount == D("9.67")


def test_a_paused_period_and_the_periods_after_a_cancellation_at_period_end_bill_nothing(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    sub = subscribe(system, clock, date(2026, 1, 1))
    renew(system, clock, date(2026, 1, 1))
    on(clock, date(2026, 1, 10))
    system.handle(oms.PauseSubscription(subscription_id=sub, start=date(2026, 2, 1), until=date(2026, 3, 1)))
    feb = renew(system, clock, date(2026, 2, 1))
    mar = renew(system, clock, date(2026, 3, 1))
    on(clock, date(2026, 3, 10))
    system.handle(oms.CancelSubscription(subscription_id=sub, at_period_end=True))
    after = renew(system, clock, date(2026, 5, 2))

    assert list(feb.renewed.values()) == [()]  # February renewed, nothing billed
    assert len(next(iter(mar.renewed.values()))) == 1
    assert list(after.renewed.values()) == [()]  # April not renewed: the subscription ended on April 1
    view = show(system, sub)
    assert [invoice is not None for _, _, invoice in periods(system, sub)] == [True, False, True]
    assert view.status == oms.SubscriptionStatus.CANCELLED


def test_a_job_run_where_one_subscription_fails_still_renews_the_others(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    # PAR invoices in France, where no tax rate is set: its subscription's invoice cannot be priced
    system.handle(oms.CreateBranch(code="PAR", name="Paris", currency="EUR", tax_jurisdiction="FR"))
    subs = [subscribe(system, clock, date(2026, 3, 1), customer=c) for c in ("ACME", "UNI", "ACME", "UNI")]
    paris = subscribe(system, clock, date(2026, 3, 1), branch="PAR")

    run = renew(system, clock, date(2026, 3, 1))

    assert list(run.failed) == [show(system, paris).number]
    assert "TaxRateMustBeConfigured" in run.failed[show(system, paris).number]
    assert sorted(run.renewed) == sorted(show(system, s).number for s in subs)
    assert all(len(made) == 1 for made in run.renewed.values())
    assert periods(system, paris) == []


def test_a_new_version_of_a_plan_keeps_its_currency_and_interval_and_renews_at_its_prices(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    sub = subscribe(system, clock, date(2026, 3, 1))
    renew(system, clock, date(2026, 3, 1))
    with pytest.raises(oms.InvalidValue) as refused:
        system.handle(oms.CreatePlan(code="BASIC", name="Basic", currency="EUR", interval=oms.IntervalUnit.WEEK,
                                     lines=(oms.PlanLineInput(sku="SEAT", quantity="1", unit_price="8.00"),)))
    system.handle(oms.CreatePlan(code="BASIC", name="Basic", currency="EUR",
                                 lines=(oms.PlanLineInput(sku="SEAT", quantity="1", unit_price="35.00"),)))

    [[april]] = renew(system, clock, date(2026, 4, 1)).renewed.values()

    assert refused.value.field == "interval"
    assert net(system, april) == D("35.00")
    assert show(system, sub).plan_version == 2


def test_three_jobs_renewing_at_once_bill_each_period_of_an_outage_exactly_once(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    subs = [subscribe(system, clock, date(2026, 1, 10), customer=c) for c in ("ACME", "UNI")]
    on(clock, date(2026, 4, 10))
    runs: list[oms.RenewalRun] = []
    threads = [threading.Thread(target=lambda: runs.append(oms.renew_due_subscriptions(system, date(2026, 4, 10))))
               for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    invoices = [invoice for run in runs for made in run.renewed.values() for invoice in made]
    assert len(invoices) == len(set(invoices)) == 8  # 2 subscriptions x January to April
    assert [run.failed for run in runs] == [{}, {}, {}]
    for sub in subs:
        assert [start.month for start, _, invoice in periods(system, sub) if invoice] == [1, 2, 3, 4]


def test_a_trial_bills_nothing_until_it_ends_and_then_its_first_period(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    system.handle(oms.CreatePlan(code="TRY", name="Try", currency="EUR", trial_days=14,
                                 lines=(oms.PlanLineInput(sku="SEAT", quantity="2", unit_price="10.00"),)))
    sub = subscribe(system, clock, date(2026, 3, 1), plan="TRY")

    during = renew(system, clock, date(2026, 3, 14))
    after = renew(system, clock, date(2026, 3, 15))

    assert during.renewed == {}
    [[invoice]] = after.renewed.values()
    assert net(system, invoice) == D("20.00")
    assert show(system, sub).status == oms.SubscriptionStatus.ACTIVE


def test_cancelling_now_credits_the_unused_days_of_the_period_by_a_posted_credit_note(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    sub = subscribe(system, clock, date(2026, 3, 1))
    renew(system, clock, date(2026, 3, 1))
    on(clock, date(2026, 3, 22))

    billed = system.handle(oms.CancelSubscription(subscription_id=sub, reason="moved away"))

    assert billed.invoice_id is None
    assert net(system, billed.credit_note_id) == D("9.68")
    assert system.invoice(billed.credit_note_id or "").credited_invoice_id == \
        system.invoice(periods(system, sub)[0][2] or "").id
    assert show(system, sub).status == oms.SubscriptionStatus.CANCELLED
    assert renew(system, clock, date(2026, 4, 1)).renewed == {}


def test_more_seats_mid_period_are_prorated_at_once_and_fewer_take_effect_at_the_next_renewal(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    sub = subscribe(system, clock, date(2026, 3, 1))
    renew(system, clock, date(2026, 3, 1))
    on(clock, date(2026, 3, 22))

    more = system.handle(oms.ChangeQuantity(subscription_id=sub, sku="SEAT", quantity="3"))
    fewer = system.handle(oms.ChangeQuantity(subscription_id=sub, sku="SEAT", quantity="2"))
    [[april]] = renew(system, clock, date(2026, 4, 1)).renewed.values()

    assert net(system, more.credit_note_id) == D("9.68")  # one seat's 10 days
    assert net(system, more.invoice_id) == D("29.03")  # 90.00 - round(90.00 x 21/31)
    assert fewer == oms.ProrationBilled()
    assert net(system, april) == D("60.00")


def test_a_renewal_makes_one_sales_order_and_one_posted_invoice_billing_it_and_a_service_order_is_completed(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    sub = subscribe(system, clock, date(2026, 3, 1))

    [[invoice_id]] = renew(system, clock, date(2026, 3, 1)).renewed.values()

    [renewal] = show(system, sub).renewals
    assert renewal.order is not None
    order = system.sales_order(renewal.order)
    invoice = system.invoice(invoice_id)
    assert (order.status, order.customer_reference) == (oms.SalesOrderStatus.COMPLETED, "SUB-000001")
    assert [(line.sku, line.quantity, line.net) for line in order.lines] == [("SEAT", D(1), D("30.00"))]
    assert [line.source_line_id for line in invoice.lines] == [line.id for line in order.lines]
    assert invoice.totals.net_total.amount == order.net_total == D("30.00")


def test_a_renewal_of_a_paused_straddling_period_orders_the_whole_price_less_the_paused_days_and_a_box_ships(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    system.handle(oms.CreatePlan(code="BOX", name="Desk box", currency="EUR", lines=(
        oms.PlanLineInput(sku="DESK", quantity="2", unit_price="90.00"),)))
    sub = subscribe(system, clock, date(2026, 3, 1), plan="BOX")
    renew(system, clock, date(2026, 3, 1))
    on(clock, date(2026, 3, 10))
    system.handle(oms.PauseSubscription(subscription_id=sub, start=date(2026, 4, 11), until=date(2026, 6, 1)))

    [[april]] = renew(system, clock, date(2026, 4, 1)).renewed.values()

    march, april_renewal = show(system, sub).renewals
    order = system.sales_order(april_renewal.order or "")
    [line] = order.lines
    assert (line.quantity, line.unit_price, line.net) == (D(2), D("90.00"), D("60.00"))  # 10 of 30 days
    assert system.invoice(april).totals.net_total.amount == D("60.00")
    assert order.status is oms.SalesOrderStatus.CONFIRMED  # the desks are reserved, for the warehouse to ship
    assert system.sales_order(march.order or "").status is oms.SalesOrderStatus.CONFIRMED


def test_half_a_seat_is_refused_naming_the_field_since_a_seat_is_counted_in_units(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    sub = subscribe(system, clock, date(2026, 3, 1))

    with pytest.raises(oms.InvalidValue) as half:
        system.handle(oms.ChangeQuantity(subscription_id=sub, sku="SEAT", quantity="1.5"))
    with pytest.raises(oms.InvalidValue) as in_a_plan:
        system.handle(oms.CreatePlan(code="HALF", name="Half", currency="EUR", lines=(
            oms.PlanLineInput(sku="SEAT", quantity="0.5", unit_price="30.00"),)))

    assert (half.value.field, in_a_plan.value.field) == ("quantity", "lines[0].quantity")
