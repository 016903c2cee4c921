"""Charging and dunning subscriptions on memory, SQLite and PostgreSQL through the Python API with the scripted payment
provider: the charge attempts come back as stored and an attempt is claimed once (unique (invoice, attempt)); peers.md
3d cases 10 (both variants) and 11 on every backend; dunning jobs running at once make each attempt once; and MRR
(6d case 1) reads the same from every backend."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

import oms
from oms.adapters.payments.scripted import ScriptedPaymentProvider
from oms.domain.subscriptions.charges import Charge
from oms.ports.invoicing.payment_provider import ProviderOutcome
from oms.ports.unit_of_work import UnitOfWork
from tests.unit.application.test_subscription_measures import build_book

from .integration_helpers import Backend, seed_master_data, snapshot

D = Decimal
S = oms.SubscriptionStatus
FAILED, SUCCEEDED, UNKNOWN = ProviderOutcome.FAILED, ProviderOutcome.SUCCEEDED, ProviderOutcome.UNKNOWN
MAR_1 = date(2026, 3, 1)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def seeded(backend: Backend) -> tuple[oms.OrderManagement, oms.FixedClock]:
    """The shared master data (ACME pays immediately), SEAT and the plan BASIC: 30.00 a month, 35.70 with tax."""
    clock = oms.FixedClock(at(MAR_1))
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=clock)
    seed_master_data(system)
    system.handle(oms.CreateProduct(sku="SEAT", name="Seat", price="30.00", currency="EUR",
                                    kind=oms.ProductKind.SERVICE))
    system.handle(oms.CreatePlan(code="BASIC", name="Basic", currency="EUR",
                                 lines=(oms.PlanLineInput(sku="SEAT", quantity="1", unit_price="30.00"),)))
    return system, clock


def subscribe(system: oms.OrderManagement, payment_method: str | None = "tok_visa") -> str:
    return str(system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code="BASIC",
                                           start_day=MAR_1, payment_method=payment_method)))


def scheduler_day(system: oms.OrderManagement, clock: oms.FixedClock, day: date,
                  provider: ScriptedPaymentProvider) -> None:
    clock.current = at(day)
    oms.renew_due_subscriptions(system, day)
    oms.run_subscription_dunning(system, day, provider)


def run_days(system: oms.OrderManagement, clock: oms.FixedClock, provider: ScriptedPaymentProvider, first: date,
             last: date) -> list[date]:
    """The scheduler every day from `first` to `last`; the days the provider was asked something."""
    asked = []
    for n in range((last - first).days + 1):
        day = first + timedelta(days=n)
        before = len(provider.calls)
        scheduler_day(system, clock, day, provider)
        if len(provider.calls) > before:
            asked.append(day)
    return asked


def invoice_of(system: oms.OrderManagement, sub: str, renewal: int = 0) -> str:
    number = system.read(oms.show_subscription, sub).renewals[renewal].invoice
    assert number is not None
    return str(number)


def test_charge_attempts_come_back_as_stored_and_an_attempt_is_claimed_once(backend: Backend) -> None:
    system, clock = seeded(backend)
    provider = ScriptedPaymentProvider(script=[FAILED, FAILED])
    sub = subscribe(system)
    run_days(system, clock, provider, MAR_1, date(2026, 3, 2))
    invoice_id = system.invoice(invoice_of(system, sub)).id

    with backend.uow_factory() as uow:
        subscription = uow.subscriptions.subscriptions.get(sub)
        charges = uow.subscriptions.charges
        by_invoice = snapshot(charges.of_invoice(invoice_id))
        by_subscription = snapshot(charges.of_subscription(subscription.id))
        second = charges.attempt(invoice_id, 1)
        pending = charges.pending()
        payment_method = subscription.payment_method
    with backend.uow_factory() as uow:
        subscription = uow.subscriptions.subscriptions.get(sub)
        uow.subscriptions.charges.add(Charge(
            id="again", subscription_id=subscription.id, invoice_id=invoice_id, attempt=1, retry=1, amount=D("35.70"),
            currency="EUR", payer="tok_visa", claimed_at=at(MAR_1)))
        with pytest.raises((oms.AlreadyExists, oms.ConcurrencyConflict)):  # SQL: retried, the attempt then seen
            uow.commit()

    assert payment_method == "tok_visa"
    assert by_invoice == by_subscription
    assert [(c[1]["attempt"], c[1]["retry"], c[1]["outcome"], c[1]["amount"], c[1]["idempotency_key"])
            for c in by_invoice] == [
        (0, 0, oms.ChargeOutcome.FAILED, D("35.70"), f"oms-charge-{invoice_id}-0"),
        (1, 1, oms.ChargeOutcome.FAILED, D("35.70"), f"oms-charge-{invoice_id}-1")]
    assert second is not None
    assert (second.recorded_at, second.detail) == (at(date(2026, 3, 2)), "declined")
    assert pending == []


def test_retries_on_mar_2_4_6_and_8_failing_make_it_past_due_then_unpaid_on_every_backend(backend: Backend) -> None:
    system, clock = seeded(backend)
    provider = ScriptedPaymentProvider(script=[FAILED] * 5)
    sub = subscribe(system)

    asked = run_days(system, clock, provider, MAR_1, date(2026, 3, 10))

    view = system.read(oms.show_subscription, sub)
    assert asked == [MAR_1, date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 6), date(2026, 3, 8)]
    assert [(c.to_status, c.at.date()) for c in view.history] == [
        ("past_due", date(2026, 3, 2)), ("unpaid", date(2026, 3, 8))]
    assert [c.attempt for c in system.read(oms.subscription_charges, sub)] == [0, 1, 2, 3, 4]


def test_a_payment_on_mar_5_makes_it_active_and_nothing_more_is_charged_on_every_backend(backend: Backend) -> None:
    system, clock = seeded(backend)
    provider = ScriptedPaymentProvider(script=[FAILED] * 5)
    sub = subscribe(system)
    run_days(system, clock, provider, MAR_1, date(2026, 3, 4))
    clock.current = at(date(2026, 3, 5))

    system.handle(oms.RecordPayment(customer_code="ACME", amount="35.70", currency="EUR",
                                    invoice_id=invoice_of(system, sub)))
    active = system.read(oms.show_subscription, sub).status
    asked = run_days(system, clock, provider, date(2026, 3, 5), date(2026, 3, 12))

    assert active is S.ACTIVE
    assert asked == []
    assert list(provider.effects("capture")) == []
    assert system.invoice(invoice_of(system, sub)).payment_status == "paid"
    assert system.read(oms.show_subscription, sub).status is S.ACTIVE


def test_a_gateway_timeout_is_a_payment_exception_until_an_operator_resolves_it_on_every_backend(
        backend: Backend) -> None:
    system, clock = seeded(backend)
    provider = ScriptedPaymentProvider(script=[UNKNOWN, SUCCEEDED])
    sub = subscribe(system)
    scheduler_day(system, clock, MAR_1, provider)
    in_exception = system.read(oms.show_subscription, sub).payment_exception

    asked = run_days(system, clock, provider, date(2026, 4, 1), date(2026, 4, 2))
    renewals = len(system.read(oms.show_subscription, sub).renewals)
    clock.current = at(date(2026, 4, 3))
    oms.make_charges(system, provider, system.read(oms.charges_to_make, sub, unknown=True), actor="ops")
    system.handle(oms.ResolvePaymentException(subscription_id=sub, reason="the provider took it", actor="ops"))
    scheduler_day(system, clock, date(2026, 4, 3), provider)

    view = system.read(oms.show_subscription, sub)
    assert in_exception
    assert (asked, renewals) == ([], 1)
    assert not view.payment_exception
    assert view.status is S.ACTIVE
    assert [system.invoice(r.invoice or "").payment_status for r in view.renewals] == ["paid", "paid"]


def test_dunning_jobs_running_at_once_make_each_attempt_once_and_pay_each_invoice_once(backend: Backend) -> None:
    system, _ = seeded(backend)
    provider = ScriptedPaymentProvider()
    subs = [subscribe(system) for _ in range(4)]
    oms.renew_due_subscriptions(system, MAR_1)
    start = threading.Barrier(3)
    errors: list[BaseException] = []

    def job() -> None:
        try:
            start.wait()
            oms.run_subscription_dunning(system, MAR_1, provider)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=job) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    made = Counter(call.idempotency_key for call in provider.effects())
    payments = system.read(_payments)
    assert errors == []
    assert len(made) == 8  # an authorisation and a capture per invoice
    assert set(made.values()) == {1}  # each once
    assert [system.invoice(invoice_of(system, sub)).payment_status for sub in subs] == ["paid"] * 4
    assert len(payments) == 4
    assert system.read(oms.charges_to_make) == []


def _payments(uow: UnitOfWork) -> list[object]:
    return list(uow.invoicing.payments.list())


def test_mrr_of_march_is_203_33_and_arr_2440_00_on_every_backend(backend: Backend) -> None:
    clock = oms.FixedClock(at(MAR_1))
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=clock)
    seed_master_data(system)
    build_book(system, clock)

    [march] = system.read(oms.subscription_measures, date(2026, 3, 1)).currencies
    [february] = system.read(oms.subscription_measures, date(2026, 2, 1)).currencies

    assert (march.mrr.amount, march.arr.amount, march.new.amount, march.churn.amount) == (
        D("203.33"), D("2440.00"), D("203.33"), D("20.00"))
    assert (february.mrr_start.amount, february.churn.amount) == (D("50.00"), D("30.00"))
