"""Dunning of a subscription (S14) and payment exceptions (S8).

- an invoice unpaid after its due date makes the subscription past_due (the first overdue invoice's due date starts
  the schedule); its charge is retried on the policy's days after that due date (default +1, +3, +5, +7);
- each retry is one attempt, numbered; an attempt is recorded once, and only once it is due, so a rerun of the
  retry job never charges twice (the application's idempotency key is the invoice and the attempt number);
- after the last failed retry the subscription becomes unpaid or cancelled, as the policy says;
- a payment of every overdue invoice makes it active again and stops the retries, whenever it comes;
- a charge with an unknown outcome (a timeout) puts it in payment exception: it is neither renewed nor charged until
  an operator resolves it (then the outcome, paid or failed, is recorded as usual);
- a subscription is charged only with a payment method (the provider's token of a card or mandate) and never in
  payment exception; without one its invoices wait for a payment, and each retry day of the dunning is only a
  reminder;
- oms has no mail port: a reminder is an event (`SubscriptionPaymentReminderDue`) for a receiver (a webhook, the
  message broker) to tell the customer, raised when an invoice becomes overdue and after each failed retry.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.lifecycle import StatusChange, change_status
from oms.domain.subscriptions.charges import Charge
from oms.domain.subscriptions.events import (
    SubscriptionChargeFailed,
    SubscriptionChargeRequested,
    SubscriptionPaymentExceptionChanged,
    SubscriptionPaymentReminderDue,
)
from oms.domain.subscriptions.records import ENDED, TRANSITIONS, AfterDunning, DunningPolicy, SubscriptionStatus

DOCUMENT_TYPE = "subscription"
MAX_PAYMENT_METHOD = 255
_S = SubscriptionStatus


def check_payment_method(token: str | None) -> str | None:
    """A payment method is the provider's token: not blank, at most 255 characters (None: there is none)."""
    if token is not None and (not isinstance(token, str) or not token.strip() or len(token) > MAX_PAYMENT_METHOD):
        raise InvalidValue("payment_method", f"the payment provider's token: 1 to {MAX_PAYMENT_METHOD} characters")
    return token


class Dunned:
    """The part of a subscription that chases its overdue invoices."""

    id: str
    number: str
    status: SubscriptionStatus
    dunning: DunningPolicy
    overdue_invoices: list[str]
    overdue_since: date | None
    failed_retries: int
    payment_exception: bool
    payment_method: str | None
    history: list[StatusChange]
    events: list[DomainEvent]

    def _status(self, target: SubscriptionStatus, at: datetime, actor: str, reason: str = "") -> None:
        change_status(self, target, TRANSITIONS, at=at, actor=actor, reason=reason, document_type=DOCUMENT_TYPE)

    def mark_overdue(self, invoice_id: str, due_on: date, at: datetime, actor: str = "scheduler") -> None:
        """An invoice of the subscription is unpaid after its due date: past_due, and its charge is retried."""
        if at.date() <= due_on:
            raise refuse("InvoiceMustBePastItsDueDate", f"the invoice is due on {due_on}; it is {at.date()}")
        if invoice_id in self.overdue_invoices:
            return
        if self.status in ENDED:
            raise refuse("SubscriptionMustNotHaveEnded", f"{self.number} is {self.status}")
        self.overdue_invoices.append(invoice_id)
        if self.status not in (_S.PAST_DUE, _S.UNPAID):
            self._status(_S.PAST_DUE, at, actor, f"invoice {invoice_id} unpaid since {due_on}")
            self.overdue_since, self.failed_retries = due_on, 0
        self._remind("invoice_overdue", at, actor)

    def _remind(self, reason: str, at: datetime, actor: str) -> None:
        self.events.append(SubscriptionPaymentReminderDue(
            aggregate_id=self.id, occurred_at=at, number=self.number, reason=reason,
            overdue_invoices=tuple(self.overdue_invoices), next_retry_on=self.next_retry_on,
            charged=self.payment_method is not None, actor=actor))

    @property
    def next_retry_on(self) -> date | None:
        """The day the next retry is due; None when there is nothing to retry, or while in payment exception."""
        if self.status is not _S.PAST_DUE or self.overdue_since is None or self.payment_exception:
            return None
        if self.failed_retries >= len(self.dunning.retry_days):
            return None
        return self.overdue_since + timedelta(days=self.dunning.retry_days[self.failed_retries])

    @property
    def next_attempt(self) -> int:
        """The number of the next retry, from 1 (with the invoice, the idempotency key of its charge)."""
        return self.failed_retries + 1

    def retry_failed(self, attempt: int, at: datetime, actor: str = "scheduler") -> None:
        """Retry `attempt` of the overdue invoices' charge failed; after the last one, unpaid or cancelled."""
        due = self.next_retry_on
        if due is None or attempt != self.next_attempt:
            raise refuse("RetryMustBeTheNextDue", f"{self.number}: no retry {attempt} is due "
                         f"(next: {self.next_attempt if due else 'none'})")
        if at.date() < due:
            raise refuse("RetryMustBeDue", f"{self.number}: retry {attempt} is due on {due}")
        self.failed_retries += 1
        left = len(self.dunning.retry_days) - self.failed_retries
        self.events.append(SubscriptionChargeFailed(aggregate_id=self.id, occurred_at=at, number=self.number,
                                                    attempt=attempt, retries_left=left, actor=actor))
        if left == 0:
            target = _S.CANCELLED if self.dunning.after_last_failure is AfterDunning.CANCELLED else _S.UNPAID
            self._status(target, at, actor, f"the last of {attempt} retries failed")
        self._remind("retry_failed" if left else "dunning_over", at, actor)

    def charge_failed_at_billing(self, at: datetime, actor: str = "scheduler") -> None:
        """The charge made when an invoice was billed failed: the invoice stays open (the dunning starts if it is
        still unpaid after its due date)."""
        self.events.append(SubscriptionChargeFailed(aggregate_id=self.id, occurred_at=at, number=self.number,
                                                    attempt=0, retries_left=len(self.dunning.retry_days),
                                                    actor=actor))

    def request_charge(self, *, charge_id: str, invoice_id: str, amount: Decimal, currency: str, attempt: int,
                       retry: int, at: datetime) -> Charge:
        """Claim attempt `attempt` at charging `amount` of an invoice to the payment method, for dunning retry
        `retry` (0: at billing); the application calls the provider after the claim commits."""
        if self.payment_method is None:
            raise refuse("SubscriptionNeedsAPaymentMethod", f"{self.number} has no payment method to charge")
        if self.payment_exception:
            raise refuse("PaymentExceptionMustBeResolved", f"{self.number} is in payment exception")
        if amount <= 0:
            raise InvalidValue("amount", "a charge is a positive amount")
        charge = Charge(id=charge_id, subscription_id=self.id, invoice_id=invoice_id, attempt=attempt, retry=retry,
                        amount=amount, currency=currency, payer=self.payment_method, claimed_at=at)
        self.events.append(SubscriptionChargeRequested(
            aggregate_id=self.id, occurred_at=at, number=self.number, invoice_id=invoice_id, attempt=attempt,
            retry=retry, amount=amount, currency=currency))
        return charge

    def set_payment_method(self, token: str | None, at: datetime, actor: str) -> None:
        """Charge `token` from now on (None: charge nothing; invoices wait for a payment)."""
        if self.status in ENDED:
            raise refuse("SubscriptionMustNotHaveEnded", f"{self.number} is {self.status}")
        self.payment_method = check_payment_method(token)

    def record_payment(self, invoice_id: str, at: datetime, actor: str = "scheduler") -> None:
        """An overdue invoice was paid; once none is left the subscription is active again and retries stop."""
        if invoice_id not in self.overdue_invoices:
            return  # an invoice paid on time, or paid twice: nothing to chase
        self.overdue_invoices.remove(invoice_id)
        if self.overdue_invoices:
            return
        self.overdue_since, self.failed_retries = None, 0
        if self.status in (_S.PAST_DUE, _S.UNPAID):
            self._status(_S.ACTIVE, at, actor, f"invoice {invoice_id} paid")

    def payment_outcome_unknown(self, at: datetime, actor: str = "scheduler", reason: str = "") -> None:
        """A charge's outcome is unknown: payment exception, skipped by renewals and retries until resolved."""
        if self.payment_exception:
            return
        self.payment_exception = True
        self._exception_event(at, actor, reason or "a charge's outcome is unknown")

    def resolve_payment_exception(self, at: datetime, actor: str, reason: str) -> None:
        """An operator found out what happened to the charge (and records its outcome as a payment or a failure)."""
        if not self.payment_exception:
            raise refuse("SubscriptionMustBeInPaymentException", f"{self.number} is not in payment exception")
        if not reason.strip():
            raise InvalidValue("reason", "resolving a payment exception needs a reason")
        self.payment_exception = False
        self._exception_event(at, actor, reason)

    def _exception_event(self, at: datetime, actor: str, reason: str) -> None:
        self.events.append(SubscriptionPaymentExceptionChanged(
            aggregate_id=self.id, occurred_at=at, number=self.number, in_exception=self.payment_exception,
            reason=reason, actor=actor))
