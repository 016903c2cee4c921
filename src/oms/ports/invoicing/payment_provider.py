"""A payment provider (a card acquirer, a payment service): authorise, capture and refund money, each call with an
idempotency key so that a call repeated after a timeout is done once (subscriptions and carts use it).

Every call answers `succeeded`, `failed` (declined, or refused by the provider: nothing happened) or `unknown` (no
answer: the caller must ask again with the same key, which tells what happened, and never with a new key, which
could charge twice).
"""

from __future__ import annotations

import enum
from typing import Protocol

from attrs import frozen

from oms.domain.shared.money import Money


class ProviderOutcome(enum.StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    UNKNOWN = "unknown"


@frozen(kw_only=True)
class ProviderResult:
    """What the provider answered: the outcome, its own reference of the authorisation, capture or refund (empty
    when nothing was made), and why it failed or is unknown."""

    outcome: ProviderOutcome
    reference: str = ""
    detail: str = ""

    @property
    def succeeded(self) -> bool:
        return self.outcome is ProviderOutcome.SUCCEEDED


class PaymentProvider(Protocol):
    def authorise(self, *, idempotency_key: str, amount: Money, payer: str) -> ProviderResult:
        """Hold `amount` on the payer's means of payment (`payer`: the provider's token of a card or mandate)."""
        ...

    def capture(self, *, idempotency_key: str, authorisation: str, amount: Money) -> ProviderResult:
        """Take `amount` (at most what is left of the authorisation) of an authorisation that succeeded."""
        ...

    def refund(self, *, idempotency_key: str, capture: str, amount: Money) -> ProviderResult:
        """Give back `amount` (at most what is left of the capture) of a capture that succeeded."""
        ...
