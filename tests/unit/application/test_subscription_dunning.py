"""Charging subscription invoices after the commit and dunning them, in memory through the Python API with the scripted
payment provider (peers.md 3b S8, S14; 3d cases 10 and 11). BASIC bills one SEAT at 30.00 a month, 35.70 with tax;
the customer's terms are immediate, so an invoice billed on Mar 1 is due on Mar 1."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

import oms
from oms.adapters.payments.scripted import ScriptedPaymentProvider
from oms.application.shared.relay import EventRelay
from oms.domain.subscriptions.events import SubscriptionChargeFailed, SubscriptionPaymentReminderDue
from oms.ports.invoicing.payment_provider import ProviderOutcome

D = Decimal
S = oms.SubscriptionStatus
FAILED, SUCCEEDED, UNKNOWN = ProviderOutcome.FAILED, ProviderOutcome.SUCCEEDED, ProviderOutcome.UNKNOWN
MAR_1 = date(2026, 3, 1)


@pytest.fixture
def system(system: oms.OrderManagement) -> oms.OrderManagement:
    system.handle(oms.CreateProduct(sku="SEAT", name="Seat", price="30.00", currency="EUR",
                                    kind=oms.ProductKind.SERVICE))
    system.handle(oms.CreatePlan(code="BASIC", name="Basic", currency="EUR",
                                 lines=(oms.PlanLineInput(sku="SEAT", quantity="1", unit_price="30.00"),)))
    return system


def on(clock: oms.FixedClock, day: date) -> None:
    clock.current = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def subscribe(system: oms.OrderManagement, clock: oms.FixedClock, payment_method: str | None = "tok_visa") -> str:
    on(clock, MAR_1)
    return str(system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code="BASIC",
                                           start_day=MAR_1, payment_method=payment_method)))


def scheduler_day(system: oms.OrderManagement, clock: oms.FixedClock, day: date,
                  provider: ScriptedPaymentProvider) -> oms.DunningRun:
    """What the scheduler runs on `day`: the renewals, then the dunning."""
    on(clock, day)
    oms.renew_due_subscriptions(system, day)
    return oms.run_subscription_dunning(system, day, provider)


def status(system: oms.OrderManagement, sub: str) -> oms.SubscriptionStatus:
    found: oms.SubscriptionStatus = system.read(oms.show_subscription, sub).status
    return found


def first_invoice(system: oms.OrderManagement, sub: str) -> str:
    number = system.read(oms.show_subscription, sub).renewals[0].invoice
    assert number is not None
    return str(number)


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def charge_days(system: oms.OrderManagement, clock: oms.FixedClock, provider: ScriptedPaymentProvider,
                sub: str, until: date) -> dict[date, list[str]]:
    """Run the scheduler every day from Mar 1 to `until`: the authorisations asked each day, and the status."""
    asked: dict[date, list[str]] = {}
    for day in days(MAR_1, until):
        before = len(provider.calls)
        scheduler_day(system, clock, day, provider)
        asked[day] = [f"{c.operation} {c.idempotency_key.rsplit('-', 1)[1]}" for c in provider.calls[before:]]
    return asked


def test_a_renewal_is_charged_after_its_commit_and_the_payment_recorded_on_its_invoice(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    provider = ScriptedPaymentProvider()
    sub = subscribe(system, clock)

    run = scheduler_day(system, clock, MAR_1, provider)

    invoice = system.invoice(first_invoice(system, sub))
    [charge] = system.read(oms.subscription_charges, sub)
    assert list(run.charges.answered.values()) == [oms.ChargeOutcome.SUCCEEDED]
    assert [(c.operation, c.amount.amount, c.target) for c in provider.effects()] == [
        ("authorise", D("35.70"), "tok_visa"), ("capture", D("35.70"), "aut_000001")]
    assert charge.idempotency_key == f"oms-charge-{invoice.id}-0"
    assert (charge.attempt, charge.outcome, charge.reference) == (0, oms.ChargeOutcome.SUCCEEDED, "cap_000002")
    assert invoice.payment_status == "paid"
    assert status(system, sub) is S.ACTIVE


def test_the_relay_makes_the_charge_the_renewal_requested_and_a_rerun_charges_nothing_more(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    store = system.uow_factory().store  # type: ignore[attr-defined]
    provider = ScriptedPaymentProvider()
    relay = EventRelay(oms.InMemoryEventLog(store), [oms.ChargeSubscriber(system, provider)], clock.now)
    sub = subscribe(system, clock)
    on(clock, MAR_1)
    oms.renew_due_subscriptions(system, MAR_1)

    relay.drain()
    oms.run_subscription_dunning(system, MAR_1, provider)
    oms.renew_due_subscriptions(system, MAR_1)

    assert [c.operation for c in provider.calls] == ["authorise", "capture"]
    assert system.invoice(first_invoice(system, sub)).payment_status == "paid"


def test_a_pending_charge_asked_again_with_its_key_is_answered_once_and_recorded_once(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    provider = ScriptedPaymentProvider()
    sub = subscribe(system, clock)
    on(clock, MAR_1)
    oms.renew_due_subscriptions(system, MAR_1)
    [pending] = system.read(oms.charges_to_make, sub)

    oms.make_charges(system, provider, [pending])
    oms.make_charges(system, provider, [pending])  # a second process that read it pending before the first recorded

    assert [c.replayed for c in provider.calls] == [False, False, True, True]
    assert len(list(provider.effects("capture"))) == 1
    assert system.invoice(first_invoice(system, sub)).residual == oms.Money(D("0.00"), oms.Currency.of("EUR"))
    assert system.read(oms.charges_to_make, sub) == []


def test_a_failed_charge_at_billing_leaves_the_invoice_open(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    provider = ScriptedPaymentProvider(script=[FAILED])
    sub = subscribe(system, clock)

    scheduler_day(system, clock, MAR_1, provider)

    invoice = system.invoice(first_invoice(system, sub))
    assert invoice.payment_status == "not_paid"
    assert status(system, sub) is S.ACTIVE
    assert [(e.attempt, e.retries_left) for e in system.events(sub) if isinstance(e, SubscriptionChargeFailed)] == [
        (0, 4)]


def test_dunning_retries_on_mar_2_4_6_and_8_all_failing_make_it_past_due_from_mar_2_and_unpaid_on_mar_8(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    provider = ScriptedPaymentProvider(script=[FAILED] * 5)
    sub = subscribe(system, clock)
    statuses = {}

    asked = charge_days(system, clock, provider, sub, date(2026, 3, 10))
    view = system.read(oms.show_subscription, sub)
    statuses = {change.to_status: change.at.date() for change in view.history}

    assert {day: calls for day, calls in asked.items() if calls} == {
        date(2026, 3, 1): ["authorise 0"], date(2026, 3, 2): ["authorise 1"], date(2026, 3, 4): ["authorise 2"],
        date(2026, 3, 6): ["authorise 3"], date(2026, 3, 8): ["authorise 4"]}
    assert statuses == {"past_due": date(2026, 3, 2), "unpaid": date(2026, 3, 8)}
    assert view.status is S.UNPAID
    reminders = [(e.reason, e.next_retry_on) for e in system.events(sub)
                 if isinstance(e, SubscriptionPaymentReminderDue)]
    assert reminders == [("invoice_overdue", date(2026, 3, 2)), ("retry_failed", date(2026, 3, 4)),
                         ("retry_failed", date(2026, 3, 6)), ("retry_failed", date(2026, 3, 8)),
                         ("dunning_over", None)]


def test_by_policy_the_last_failed_retry_cancels_instead(system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    provider = ScriptedPaymentProvider(script=[FAILED] * 5)
    on(clock, MAR_1)
    sub = str(system.handle(oms.Subscribe(
        customer_code="ACME", branch_code="BER", plan_code="BASIC", start_day=MAR_1, payment_method="tok_visa",
        retry_days=(1, 2), after_last_failure=oms.AfterDunning.CANCELLED)))

    asked = charge_days(system, clock, provider, sub, date(2026, 3, 5))

    assert [day for day, calls in asked.items() if calls] == [MAR_1, date(2026, 3, 2), date(2026, 3, 3)]
    assert status(system, sub) is S.CANCELLED


def test_a_payment_on_mar_5_makes_it_active_at_once_and_nothing_is_charged_on_mar_6_or_after(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    provider = ScriptedPaymentProvider(script=[FAILED] * 5)
    sub = subscribe(system, clock)
    asked = charge_days(system, clock, provider, sub, date(2026, 3, 4))
    invoice = first_invoice(system, sub)
    on(clock, date(2026, 3, 5))

    system.handle(oms.RecordPayment(customer_code="ACME", amount="35.70", currency="EUR", invoice_id=invoice))

    assert status(system, sub) is S.ACTIVE
    for day in days(date(2026, 3, 5), date(2026, 3, 12)):
        before = len(provider.calls)
        scheduler_day(system, clock, day, provider)
        asked[day] = [c.idempotency_key for c in provider.calls[before:]]
    assert [day for day, calls in asked.items() if calls] == [MAR_1, date(2026, 3, 2), date(2026, 3, 4)]
    assert list(provider.effects("capture")) == []
    assert system.invoice(invoice).payment_status == "paid"
    assert status(system, sub) is S.ACTIVE


def test_a_payment_allocated_later_is_seen_by_the_next_run_before_any_retry(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    provider = ScriptedPaymentProvider(script=[FAILED] * 5)
    sub = subscribe(system, clock)
    charge_days(system, clock, provider, sub, date(2026, 3, 2))
    on(clock, date(2026, 3, 3))
    payment = system.handle(oms.RecordPayment(customer_code="ACME", amount="35.70", currency="EUR"))
    system.handle(oms.AllocatePayment(payment_id=payment, invoice_id=first_invoice(system, sub)))
    assert status(system, sub) is S.PAST_DUE  # an allocation raises no event: the job sees it

    before = len(provider.calls)
    scheduler_day(system, clock, date(2026, 3, 4), provider)

    assert provider.calls[before:] == []
    assert status(system, sub) is S.ACTIVE


def test_a_gateway_timeout_puts_it_in_payment_exception_the_next_runs_neither_renew_nor_charge_until_resolved(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    provider = ScriptedPaymentProvider(script=[UNKNOWN, SUCCEEDED])
    sub = subscribe(system, clock)
    scheduler_day(system, clock, MAR_1, provider)
    assert system.read(oms.show_subscription, sub).payment_exception
    calls = len(provider.calls)

    for day in (date(2026, 4, 1), date(2026, 4, 2)):  # April is due: neither renewed nor charged
        scheduler_day(system, clock, day, provider)

    assert len(provider.calls) == calls
    assert len(system.read(oms.show_subscription, sub).renewals) == 1
    # the operator asks the provider again with the attempt's key (it did take the money), then resolves
    oms.make_charges(system, provider, system.read(oms.charges_to_make, sub, unknown=True), actor="ops")
    system.handle(oms.ResolvePaymentException(subscription_id=sub, reason="the provider took it", actor="ops"))
    scheduler_day(system, clock, date(2026, 4, 3), provider)

    view = system.read(oms.show_subscription, sub)
    assert not view.payment_exception
    assert view.status is S.ACTIVE
    assert [system.invoice(r.invoice or "").payment_status for r in view.renewals] == ["paid", "paid"]
    assert len(list(provider.effects("capture"))) == 2


def test_without_a_payment_method_nothing_is_charged_and_the_retry_days_are_reminders(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    provider = ScriptedPaymentProvider()
    sub = subscribe(system, clock, payment_method=None)

    charge_days(system, clock, provider, sub, date(2026, 3, 9))

    assert provider.calls == []
    assert status(system, sub) is S.UNPAID
    reminders = [e.charged for e in system.events(sub) if isinstance(e, SubscriptionPaymentReminderDue)]
    assert reminders == [False] * 5


def test_a_payment_method_given_during_the_dunning_is_charged_at_the_next_retry(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    provider = ScriptedPaymentProvider()
    sub = subscribe(system, clock, payment_method=None)
    charge_days(system, clock, provider, sub, date(2026, 3, 2))

    system.handle(oms.SetPaymentMethod(subscription_id=sub, payment_method="tok_new"))
    scheduler_day(system, clock, date(2026, 3, 4), provider)

    [authorised] = provider.effects("authorise")
    assert (authorised.target, authorised.idempotency_key.rsplit("-", 1)[1]) == ("tok_new", "2")
    assert status(system, sub) is S.ACTIVE


def test_a_blank_payment_method_is_refused_naming_the_field(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    with pytest.raises(oms.InvalidValue) as refused:
        subscribe(system, clock, payment_method=" ")

    assert refused.value.field == "payment_method"


def test_an_attempt_is_claimed_once_two_claims_of_the_same_attempt_fail_at_commit(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    sub = subscribe(system, clock)
    on(clock, MAR_1)
    oms.renew_due_subscriptions(system, MAR_1)
    [pending] = system.read(oms.charges_to_make, sub)
    uow = system.uow_factory()

    with uow:
        subscription = uow.subscriptions.subscriptions.get(sub)
        uow.subscriptions.charges.add(subscription.request_charge(
            charge_id="again", invoice_id=pending.invoice_id, amount=D("35.70"), currency="EUR", attempt=0, retry=0,
            at=clock.now()))
        with pytest.raises(oms.AlreadyExists):
            uow.commit()
