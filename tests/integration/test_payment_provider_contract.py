"""The payment provider's contract (`ports/invoicing/payment_provider.py`), run on every provider oms has (the
deterministic one for now): authorise, capture and refund answer succeeded, failed or unknown with the provider's
reference, a key is served once, and an unknown answer is settled by asking again with the same key."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from oms.adapters.payments.scripted import ScriptedPaymentProvider
from oms.domain.shared.money import Currency, Money
from oms.ports.invoicing.payment_provider import PaymentProvider, ProviderOutcome

PROVIDERS: dict[str, Callable[[], PaymentProvider]] = {"scripted": ScriptedPaymentProvider}


@pytest.fixture(params=sorted(PROVIDERS))
def provider(request: pytest.FixtureRequest) -> PaymentProvider:
    return PROVIDERS[request.param]()


def eur(amount: str) -> Money:
    return Money(Decimal(amount), Currency.of("EUR"))


def test_an_authorisation_is_captured_in_parts_and_refunded_each_with_its_own_reference(
        provider: PaymentProvider) -> None:
    held = provider.authorise(idempotency_key="a1", amount=eur("100.00"), payer="card_visa")

    first = provider.capture(idempotency_key="c1", authorisation=held.reference, amount=eur("60.00"))
    second = provider.capture(idempotency_key="c2", authorisation=held.reference, amount=eur("40.00"))
    refund = provider.refund(idempotency_key="r1", capture=first.reference, amount=eur("60.00"))

    assert [r.outcome for r in (held, first, second, refund)] == [ProviderOutcome.SUCCEEDED] * 4
    assert len({r.reference for r in (held, first, second, refund)}) == 4
    assert all(r.reference for r in (held, first, second, refund))


def test_a_key_asked_again_gets_the_first_answer_and_does_nothing_twice(provider: PaymentProvider) -> None:
    held = provider.authorise(idempotency_key="a1", amount=eur("100.00"), payer="card_visa")
    capture = provider.capture(idempotency_key="c1", authorisation=held.reference, amount=eur("100.00"))

    again = provider.capture(idempotency_key="c1", authorisation=held.reference, amount=eur("100.00"))
    more = provider.capture(idempotency_key="c2", authorisation=held.reference, amount=eur("0.50"))

    assert again == capture
    assert more.outcome is ProviderOutcome.FAILED  # the first capture took all: the replay took nothing more


def test_a_key_used_for_another_request_is_refused(provider: PaymentProvider) -> None:
    provider.authorise(idempotency_key="a1", amount=eur("100.00"), payer="card_visa")

    other = provider.authorise(idempotency_key="a1", amount=eur("200.00"), payer="card_visa")

    assert other.outcome is ProviderOutcome.FAILED
    assert "idempotency key" in other.detail


def test_taking_more_than_is_left_or_from_a_failed_authorisation_fails(provider: PaymentProvider) -> None:
    held = provider.authorise(idempotency_key="a1", amount=eur("10.00"), payer="card_visa")
    declined = provider.authorise(idempotency_key="a2", amount=eur("10.01"), payer="card_visa")

    too_much = provider.capture(idempotency_key="c1", authorisation=held.reference, amount=eur("10.01"))
    of_nothing = provider.capture(idempotency_key="c2", authorisation=declined.reference, amount=eur("1.00"))
    capture = provider.capture(idempotency_key="c3", authorisation=held.reference, amount=eur("10.00"))
    refund_too_much = provider.refund(idempotency_key="r1", capture=capture.reference, amount=eur("10.50"))

    assert declined.outcome is ProviderOutcome.FAILED
    assert declined.reference == ""
    assert [r.outcome for r in (too_much, of_nothing, refund_too_much)] == [ProviderOutcome.FAILED] * 3
    assert capture.outcome is ProviderOutcome.SUCCEEDED


@pytest.mark.parametrize(("amount", "settled"), [("20.02", ProviderOutcome.SUCCEEDED),
                                                  ("20.03", ProviderOutcome.FAILED)])
def test_an_unknown_answer_is_settled_by_asking_again_with_the_same_key(
        provider: PaymentProvider, amount: str, settled: ProviderOutcome) -> None:
    first = provider.authorise(idempotency_key="a1", amount=eur(amount), payer="card_visa")

    again = provider.authorise(idempotency_key="a1", amount=eur(amount), payer="card_visa")

    assert first.outcome is ProviderOutcome.UNKNOWN
    assert again.outcome is settled
    assert bool(again.reference) == (settled is ProviderOutcome.SUCCEEDED)


def test_the_scripted_provider_answers_its_script_first_and_keeps_every_call() -> None:
    provider = ScriptedPaymentProvider([ProviderOutcome.FAILED, ProviderOutcome.UNKNOWN, ProviderOutcome.FAILED])

    declined = provider.authorise(idempotency_key="a1", amount=eur("5.00"), payer="card")
    unknown = provider.authorise(idempotency_key="a2", amount=eur("5.00"), payer="card")
    settled = provider.authorise(idempotency_key="a2", amount=eur("5.00"), payer="card")
    by_amount = provider.authorise(idempotency_key="a3", amount=eur("5.00"), payer="card")

    assert [r.outcome for r in (declined, unknown, settled, by_amount)] == [
        ProviderOutcome.FAILED, ProviderOutcome.UNKNOWN, ProviderOutcome.FAILED, ProviderOutcome.SUCCEEDED]
    assert [(c.idempotency_key, c.replayed) for c in provider.calls] == [
        ("a1", False), ("a2", False), ("a2", True), ("a3", False)]
    assert len(list(provider.effects("authorise"))) == 3
