"""Charges of a subscription's invoices through the payment provider (peers.md S8): each one attempt at one invoice,
claimed in a transaction before the provider is called and recorded in another after its answer.

- an attempt is identified by (invoice, attempt number): 0 is the charge made when the invoice is billed, then one
  per retry of the dunning (`attempt_number`); the pair is unique in the store, so no two processes claim the same
  attempt, and the attempt's idempotency key is made of it, so asking the provider again with it (after a crash or
  a lost answer) never charges twice;
- pending -> succeeded | failed | unknown, recorded once; an unknown outcome may later be recorded as what the
  provider says happened (succeeded or failed), nothing else is ever recorded over.
"""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

from attrs import Factory, define

from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.money import Currency, Money


class ChargeOutcome(enum.StrEnum):
    PENDING = "pending"  # claimed; the provider has not answered yet (or the answer was not recorded)
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    UNKNOWN = "unknown"


_O = ChargeOutcome
ANSWERS = frozenset({_O.SUCCEEDED, _O.FAILED, _O.UNKNOWN})


def charge_key(invoice_id: str, attempt: int) -> str:
    """The idempotency key of attempt `attempt` at the invoice: the same whoever makes it, however often."""
    return f"oms-charge-{invoice_id}-{attempt}"


def attempt_number(retry: int, attempts_made: list[int]) -> int:
    """The number of a new attempt at an invoice for dunning retry `retry` (0: the charge at billing): the retry's
    own number, or the one after the invoice's last attempt when that is taken (a retry made again after a payment
    exception, a charge claimed after a payment method was given)."""
    return max([retry, *(made + 1 for made in attempts_made)])


@define(slots=False, eq=False, kw_only=True)
class Charge:
    """Attempt `attempt` at charging `amount` of the invoice `invoice_id` to `payer` (the provider's token of the
    subscription's payment method), for dunning retry `retry` (0: the charge at billing)."""

    id: str
    subscription_id: str
    invoice_id: str
    attempt: int
    retry: int
    amount: Decimal
    currency: str
    payer: str
    claimed_at: datetime
    idempotency_key: str = Factory(lambda self: charge_key(self.invoice_id, self.attempt), takes_self=True)
    outcome: ChargeOutcome = _O.PENDING
    reference: str = ""  # the provider's reference of the capture (or of the authorisation, if it went no further)
    detail: str = ""
    recorded_at: datetime | None = None
    version: int = 0

    @property
    def money(self) -> Money:
        return Money(self.amount, Currency.of(self.currency))

    def record(self, outcome: ChargeOutcome, at: datetime, reference: str = "", detail: str = "") -> bool:
        """Record the provider's answer; False when it was recorded already (another process got there first), so
        the caller does nothing more. An unknown outcome may be recorded over once the truth is known."""
        if outcome not in ANSWERS:
            raise InvalidValue("outcome", "an answer is succeeded, failed or unknown")
        truth_of_unknown = self.outcome is _O.UNKNOWN and outcome is not _O.UNKNOWN
        if self.outcome is not _O.PENDING and not truth_of_unknown:
            if self.outcome is outcome:
                return False
            raise refuse("ChargeOutcomeIsRecorded", f"attempt {self.attempt} at the invoice was recorded "
                         f"{self.outcome}; it cannot become {outcome}")
        self.outcome, self.reference, self.detail, self.recorded_at = outcome, reference, detail, at
        return True
