"""The scheduler entrypoint: jobs registered by id, and the quotation expiry running in a real scheduler thread."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest

import oms
from oms.entrypoints.scheduler import EXPIRE_QUOTATIONS, background_scheduler, expire_quotations


def system_with_an_old_sent_quotation() -> tuple[oms.OrderManagement, str]:
    now = datetime.now(UTC)
    system = oms.bootstrap()
    past = oms.bootstrap(uow_factory=system.uow_factory, clock=oms.FixedClock(now - timedelta(days=40)))
    system.handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
    system.handle(oms.CreateCustomer(code="ACME", name="Acme"))
    system.handle(oms.CreateProduct(sku="FIT", name="Fitting", price="10", currency="EUR",
                                    kind=oms.ProductKind.SERVICE, tax_category=oms.TaxCategory.ZERO))
    quotation_id = past.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER",
                                                   lines=(oms.LineInput(sku="FIT", quantity="1"),)))
    past.handle(oms.SendQuotation(quotation_id=quotation_id))
    return system, quotation_id


def test_the_expiry_job_runs_daily_after_midnight_utc_and_once_at_start() -> None:
    system, _ = system_with_an_old_sent_quotation()
    scheduler = background_scheduler(system, run_now=False)

    job = scheduler.get_job(EXPIRE_QUOTATIONS)

    assert job is not None
    assert str(job.trigger) == "cron[hour='0', minute='5']"


def test_a_started_scheduler_expires_quotations_past_their_validity() -> None:
    system, quotation_id = system_with_an_old_sent_quotation()
    scheduler = background_scheduler(system)

    scheduler.start()
    try:
        deadline = time.monotonic() + 10
        while system.quotation(quotation_id).status is not oms.QuotationStatus.EXPIRED and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        scheduler.shutdown(wait=True)

    quotation = system.quotation(quotation_id)
    assert quotation.status is oms.QuotationStatus.EXPIRED
    assert quotation.history[-1].actor == "scheduler"


def test_running_the_expiry_job_twice_expires_each_quotation_once() -> None:
    system, quotation_id = system_with_an_old_sent_quotation()

    first, second = expire_quotations(system), expire_quotations(system)

    assert (first, second) == (["Q-000001"], [])
    assert [c.to_status for c in system.quotation(quotation_id).history] == ["sent", "expired"]


def test_the_hourly_job_forgets_the_answers_of_requests_whose_keys_expired() -> None:
    from oms.entrypoints.scheduler import FORGET_EXPIRED_REQUESTS, forget_expired_requests

    start = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    clock = oms.FixedClock(start)
    system = oms.bootstrap(clock=clock)
    system.handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"), "old")
    clock.advance(timedelta(hours=23, minutes=30))
    system.handle(oms.CreateCustomer(code="ACME", name="Acme"), "new")
    clock.advance(timedelta(hours=1))

    forgotten = forget_expired_requests(system)

    assert forgotten == 1  # the old request's answer; the new one is kept for its 24 hours
    with pytest.raises(oms.AlreadyExists):
        system.handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"), "old")
    assert system.handle(oms.CreateCustomer(code="ACME", name="Acme"), "new") is not None
    assert background_scheduler(system, run_now=False).get_job(FORGET_EXPIRED_REQUESTS) is not None


def test_the_purchase_proposal_job_runs_daily_and_prepares_the_days_proposal_once() -> None:
    from oms.entrypoints.scheduler import PREPARE_PURCHASE_PROPOSAL, prepare_purchase_proposal

    system = oms.bootstrap(clock=oms.FixedClock(datetime(2026, 3, 2, 5, 0, tzinfo=UTC)))
    job = background_scheduler(system, run_now=False).get_job(PREPARE_PURCHASE_PROPOSAL)

    first, second = prepare_purchase_proposal(system), prepare_purchase_proposal(system)

    assert job is not None
    assert str(job.trigger) == "cron[hour='5', minute='0']"
    assert first == second == system.read(oms.prepared_proposal).day
    assert len(system.events(first.isoformat())) == 1


def system_with_a_subscription_due(clock: oms.FixedClock | None = None) -> tuple[oms.OrderManagement, str]:
    """SUB-000001: ACME's monthly SEAT at 30.00, from today by the clock, its first period due."""
    system = oms.bootstrap(clock=clock)
    handle = system.handle
    handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.STANDARD, rate="0.19"))
    handle(oms.CreateCustomer(code="ACME", name="Acme"))
    handle(oms.CreateProduct(sku="SEAT", name="Seat", price="30.00", currency="EUR", kind=oms.ProductKind.SERVICE))
    handle(oms.CreatePlan(code="BASIC", name="Basic", currency="EUR",
                          lines=(oms.PlanLineInput(sku="SEAT", quantity="1", unit_price="30.00"),)))
    handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code="BASIC",
                         start_day=system.bus.clock.now().date()))
    return system, "SUB-000001"


def test_the_renewal_job_runs_daily_after_midnight_utc_and_bills_a_period_once_however_often_it_runs() -> None:
    from oms.entrypoints.scheduler import RENEW_SUBSCRIPTIONS, renew_subscriptions

    system, number = system_with_a_subscription_due(oms.FixedClock(datetime(2026, 3, 2, 0, 10, tzinfo=UTC)))
    job = background_scheduler(system, run_now=False).get_job(RENEW_SUBSCRIPTIONS)

    first, second = renew_subscriptions(system), renew_subscriptions(system)

    assert job is not None
    assert str(job.trigger) == "cron[hour='0', minute='10']"
    assert [len(invoices) for invoices in first.renewed.values()] == [1]
    assert (second.renewed, second.failed) == ({}, {})
    assert [r.period_start for r in system.read(oms.show_subscription, number).renewals] == [date(2026, 3, 2)]


def test_a_started_scheduler_renews_the_due_subscriptions_at_once() -> None:
    system, number = system_with_a_subscription_due()
    scheduler = background_scheduler(system)

    scheduler.start()
    try:
        deadline = time.monotonic() + 10
        while not system.read(oms.show_subscription, number).renewals and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        scheduler.shutdown(wait=True)

    [renewal] = system.read(oms.show_subscription, number).renewals
    assert (renewal.actor, renewal.invoice is not None) == ("scheduler", True)


def test_the_dunning_job_runs_daily_after_the_renewals_and_makes_an_invoice_unpaid_past_its_due_date_past_due() -> None:
    from oms.entrypoints.scheduler import DUN_SUBSCRIPTIONS, dun_subscriptions, renew_subscriptions

    clock = oms.FixedClock(datetime(2026, 3, 2, 0, 10, tzinfo=UTC))
    system, number = system_with_a_subscription_due(clock)
    job = background_scheduler(system, run_now=False).get_job(DUN_SUBSCRIPTIONS)
    renew_subscriptions(system)
    on_time = dun_subscriptions(system)
    clock.current = datetime(2026, 4, 20, 0, 20, tzinfo=UTC)  # past the invoice's due date (30 days), unpaid

    late = dun_subscriptions(system)

    assert job is not None
    assert str(job.trigger) == "cron[hour='0', minute='20']"
    assert on_time.failed == late.failed == {}
    assert system.read(oms.show_subscription, number).status is oms.SubscriptionStatus.PAST_DUE


def test_a_scheduler_down_three_days_across_renewal_dates_catches_up_one_invoice_per_missed_period() -> None:
    from oms.entrypoints.scheduler import renew_subscriptions

    clock = oms.FixedClock(datetime(2026, 3, 1, 0, 10, tzinfo=UTC))
    system, _ = system_with_a_subscription_due(clock)  # SUB-000001: monthly from Mar 1
    system.handle(oms.CreatePlan(code="DAILY", name="Daily", currency="EUR", interval=oms.IntervalUnit.DAY,
                                 lines=(oms.PlanLineInput(sku="SEAT", quantity="1", unit_price="1.00"),)))
    for start, plan in ((date(2026, 3, 2), "BASIC"), (date(2026, 3, 3), "BASIC"), (date(2026, 3, 1), "DAILY")):
        system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code=plan, start_day=start))
    clock.current = datetime(2026, 3, 4, 0, 10, tzinfo=UTC)  # the job did not run on Mar 1, 2 and 3

    caught_up = renew_subscriptions(system)
    again = renew_subscriptions(system)

    def starts(number: str) -> list[date]:
        return [r.period_start for r in system.read(oms.show_subscription, number).renewals]

    assert {number: len(invoices) for number, invoices in caught_up.renewed.items()} == {
        "SUB-000001": 1, "SUB-000002": 1, "SUB-000003": 1, "SUB-000004": 4}
    assert starts("SUB-000004") == [date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)]
    assert [starts(n) for n in ("SUB-000001", "SUB-000002", "SUB-000003")] == [
        [date(2026, 3, 1)], [date(2026, 3, 2)], [date(2026, 3, 3)]]
    assert (again.renewed, again.failed) == ({}, {})


def test_the_cart_jobs_run_every_five_minutes_and_hourly_and_a_run_claims_a_due_stage_once() -> None:
    from oms.entrypoints.scheduler import EXPIRE_CARTS, RECOVER_CARTS, recover_carts

    clock = oms.FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    system = oms.bootstrap(clock=clock)
    system.handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
    system.handle(oms.CreateCustomer(code="ACME", name="Acme", email="buy@acme.example"))
    system.handle(oms.CreateProduct(sku="FIT", name="Fitting", price="10", currency="EUR",
                                    kind=oms.ProductKind.SERVICE, tax_category=oms.TaxCategory.ZERO))
    system.handle(oms.SetCartPolicy(branch_code="BER", recovery=True))
    cart = system.handle(oms.OpenCart(branch_code="BER", customer_code="ACME"))
    system.handle(oms.AddToCart(cart_id=cart.cart_id, sku="FIT", quantity="1"))
    scheduler = background_scheduler(system, run_now=False)
    clock.current += timedelta(minutes=61)

    claimed = [recover_carts(system), recover_carts(system)]

    recover, expire = scheduler.get_job(RECOVER_CARTS), scheduler.get_job(EXPIRE_CARTS)
    assert recover is not None
    assert expire is not None
    assert (str(recover.trigger), str(expire.trigger)) == ("interval[0:05:00]", "interval[1:00:00]")
    assert claimed == [1, 0]
