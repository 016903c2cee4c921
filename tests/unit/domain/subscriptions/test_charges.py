"""Charge attempts (S8): numbered per invoice from the retry they make, keyed by (invoice, attempt), answered once."""

from __future__ import annotations

from datetime import date

import pytest

from oms.domain.shared.errors import InvalidValue
from oms.domain.subscriptions.charges import ChargeOutcome, attempt_number
from oms.domain.subscriptions.subscriptions import Subscription

from .kit import D, on, refusal, subscribe

OUT = ChargeOutcome


def charged(payment_method: str | None = "tok_visa") -> Subscription:
    subscription = subscribe(starts_on=date(2026, 3, 1))
    subscription.set_payment_method(payment_method, on(date(2026, 3, 1)), "clerk")
    return subscription


def test_an_attempt_is_the_retrys_number_or_the_one_after_the_invoices_last() -> None:
    assert attempt_number(0, []) == 0
    assert attempt_number(1, [0]) == 1
    assert attempt_number(2, []) == 2  # a payment method given during the dunning
    assert attempt_number(2, [0, 1, 2]) == 3  # a retry made again after a payment exception


def test_a_charge_is_keyed_by_its_invoice_and_attempt_and_asks_for_the_event_that_makes_it() -> None:
    subscription = charged()

    charge = subscription.request_charge(charge_id="c-1", invoice_id="inv-1", amount=D("35.70"), currency="EUR",
                                         attempt=0, retry=0, at=on(date(2026, 3, 1)))

    assert (charge.idempotency_key, charge.payer, charge.outcome) == ("oms-charge-inv-1-0", "tok_visa", OUT.PENDING)
    assert type(subscription.events[-1]).__name__ == "SubscriptionChargeRequested"


def test_an_answer_is_recorded_once_and_only_a_lost_one_is_recorded_over() -> None:
    charge = charged().request_charge(charge_id="c-1", invoice_id="inv-1", amount=D("35.70"), currency="EUR",
                                      attempt=0, retry=0, at=on(date(2026, 3, 1)))
    at = on(date(2026, 3, 2))

    assert charge.record(OUT.UNKNOWN, at, detail="timeout")
    assert not charge.record(OUT.UNKNOWN, at)
    assert charge.record(OUT.SUCCEEDED, at, reference="cap_1")
    assert not charge.record(OUT.SUCCEEDED, at, reference="cap_1")
    assert refusal(lambda: charge.record(OUT.FAILED, at)) == "ChargeOutcomeIsRecorded"
    with pytest.raises(InvalidValue):
        charge.record(OUT.PENDING, at)


def test_no_charge_without_a_payment_method_or_in_payment_exception() -> None:
    bare = charged(None)
    stuck = charged()
    stuck.payment_outcome_unknown(on(date(2026, 3, 2)))

    for subscription, rule in ((bare, "SubscriptionNeedsAPaymentMethod"), (stuck, "PaymentExceptionMustBeResolved")):
        assert refusal(lambda s=subscription: s.request_charge(  # type: ignore[misc]
            charge_id="c", invoice_id="i", amount=D("1.00"), currency="EUR", attempt=0, retry=0,
            at=on(date(2026, 3, 2)))) == rule
