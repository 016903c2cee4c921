"""Charging subscription invoices through the payment provider, after the commit (peers.md S8): a process across
subscriptions and invoicing.

- a charge is claimed in the transaction that bills the invoice (a renewal, a prorated change) or that decides a
  dunning retry: one `Charge` row per (invoice, attempt), unique in the store, and the `SubscriptionChargeRequested`
  event; only a subscription with a payment method and not in payment exception is charged;
- after the commit the provider is called with the attempt's idempotency key (authorise, then capture), by the
  relay's `ChargeSubscriber` on the event or by the dunning job, which makes every charge still pending (a process
  that died mid-call included): two of them asking at once, or one asking again, get the provider's one answer
  for the key, and the answer is recorded once (`RecordChargeOutcome`); a provider that raises instead of answering
  leaves the charge pending, to be asked again with the same key;
- `RecordChargeOutcome` records the answer in one transaction: succeeded records the payment of the invoice (as
  `RecordPayment` does, by card, with the provider's reference; what the invoice no longer owes stays the customer's
  credit) and ends the subscription's dunning of it; unknown puts the subscription in payment exception; failed
  leaves the invoice open, and once every charge of a retry is answered, a failure counts the retry as failed;
- `settle_subscription_invoices` (an in-transaction policy on `PaymentReceived`): a payment recorded by any front
  door that pays an overdue subscription invoice in full ends its dunning at once (the dunning job also sees
  invoices paid by later allocations or credit notes, each day before any retry).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from attrs import field, frozen

from oms.application.invoicing.payments import RecordPayment, record_payment
from oms.application.invoicing.receivables import receivable_of
from oms.application.masterdata.codes import Codes
from oms.application.shared.commands import Command, Handlers
from oms.application.subscriptions.subscriptions import subscription_by_ref
from oms.domain.invoicing.invoices import Invoice
from oms.domain.invoicing.payments import PaymentMethod, PaymentReceived
from oms.domain.shared.errors import InvalidValue, NotFound
from oms.domain.shared.events import DomainEvent
from oms.domain.shared.ids import new_id
from oms.domain.shared.money import Money
from oms.domain.subscriptions.charges import Charge, ChargeOutcome, attempt_number
from oms.domain.subscriptions.subscriptions import Subscription
from oms.ports.invoicing.payment_provider import PaymentProvider, ProviderResult
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef
from oms.ports.shared.relay import PublishedEvent
from oms.ports.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)
REQUESTED = "SubscriptionChargeRequested"


def owed(uow: UnitOfWork, invoice_id: str) -> Decimal:
    """What the posted invoice still owes."""
    return receivable_of(uow, uow.invoicing.invoices.get(invoice_id)).residual


def claim_charge(uow: UnitOfWork, subscription: Subscription, invoice_id: str, amount: Decimal, retry: int,
                 at: datetime) -> Charge:
    """Claim the next attempt at charging `amount` of the invoice, for dunning retry `retry` (0: at billing)."""
    made = [charge.attempt for charge in uow.subscriptions.charges.of_invoice(invoice_id)]
    charge = subscription.request_charge(charge_id=new_id(), invoice_id=invoice_id, amount=amount,
                                         currency=subscription.currency, attempt=attempt_number(retry, made),
                                         retry=retry, at=at)
    uow.subscriptions.charges.add(charge)
    return charge


def charge_when_billed(uow: UnitOfWork, subscription: Subscription, invoice: Invoice, at: datetime) -> None:
    """Claim the charge of an invoice just billed (it owes its total), if the subscription is charged: it has a
    payment method and is not in payment exception."""
    if subscription.payment_method is not None and not subscription.payment_exception:
        claim_charge(uow, subscription, invoice.id, invoice.totals.grand_total, 0, at)


@frozen(kw_only=True)
class RecordChargeOutcome(Command[None]):
    """Record what the payment provider answered to attempt `attempt` at charging the subscription's invoice
    (the dunning job and the relay's charge subscriber do, or an operator who learnt the truth about an unknown
    one): succeeded records the invoice's payment; unknown puts the subscription in payment exception; failed leaves
    the invoice open. Recording the same answer again does nothing."""

    subscription_id: DocumentRef
    invoice: str  # its number (INV-2026-000001) or id
    attempt: int
    outcome: ChargeOutcome
    reference: str = ""
    detail: str = ""


def _pay(uow: UnitOfWork, subscription: Subscription, charge: Charge, clock: Clock, actor: str) -> None:
    """The payment the provider took, allocated to the invoice as far as it still owes (the rest is credit)."""
    pays = owed(uow, charge.invoice_id) > 0
    record_payment(RecordPayment(customer_code=Codes(uow).customer(subscription.customer_id), amount=charge.amount,
                                 currency=charge.currency, method=PaymentMethod.CARD,
                                 reference=charge.reference or charge.idempotency_key,
                                 invoice_id=charge.invoice_id if pays else None, actor=actor), uow, clock)


def _close_retry(uow: UnitOfWork, subscription: Subscription, charge: Charge, at: datetime, actor: str) -> None:
    """Once every charge claimed with this one is answered, a failure among them makes the retry a failed one."""
    if charge.retry == 0:
        return
    together = [c for c in uow.subscriptions.charges.of_subscription(subscription.id)
                if (c.retry, c.claimed_at) == (charge.retry, charge.claimed_at)]
    if any(c.outcome is ChargeOutcome.PENDING for c in together):
        return
    if any(c.outcome is ChargeOutcome.FAILED for c in together) and subscription.next_retry_on is not None \
            and subscription.next_attempt == charge.retry:
        subscription.retry_failed(charge.retry, at, actor)


def record_charge_outcome(cmd: RecordChargeOutcome, uow: UnitOfWork, clock: Clock) -> None:
    at = clock.now()
    subscription = subscription_by_ref(uow, cmd.subscription_id)
    invoice_id = next((record.invoice_id for record in uow.subscriptions.billing.of_subscription(subscription.id)
                       if cmd.invoice in (record.invoice_id, record.invoice_number)), None)
    if invoice_id is None:
        raise NotFound("invoice", cmd.invoice, field="invoice")
    charge = uow.subscriptions.charges.attempt(invoice_id, cmd.attempt)
    if charge is None or charge.subscription_id != subscription.id:
        raise NotFound("charge", f"{cmd.invoice} attempt {cmd.attempt}", field="attempt")
    if not charge.record(cmd.outcome, at, cmd.reference, cmd.detail):
        return
    if charge.outcome is ChargeOutcome.SUCCEEDED:
        _pay(uow, subscription, charge, clock, cmd.actor)
        subscription.record_payment(charge.invoice_id, at, cmd.actor)
    elif charge.outcome is ChargeOutcome.UNKNOWN:
        subscription.payment_outcome_unknown(at, cmd.actor, f"no answer to attempt {charge.attempt} at invoice "
                                                            f"{charge.invoice_id}: {cmd.detail or 'unknown'}")
    elif charge.retry == 0:
        subscription.charge_failed_at_billing(at, cmd.actor)
    _close_retry(uow, subscription, charge, at, cmd.actor)


def settle_subscription_invoices(uow: UnitOfWork, event: DomainEvent) -> None:
    """A payment that pays an overdue subscription invoice in full ends its dunning (active again once none is
    left), whichever front door recorded it."""
    assert isinstance(event, PaymentReceived)
    payment = uow.invoicing.payments.get(event.aggregate_id)
    for allocation in payment.allocations:
        record = uow.subscriptions.billing.of_invoice(allocation.invoice_id)
        if record is None:
            continue
        subscription = uow.subscriptions.subscriptions.get(record.subscription_id)
        if allocation.invoice_id in subscription.overdue_invoices and owed(uow, allocation.invoice_id) == 0:
            subscription.record_payment(allocation.invoice_id, event.occurred_at, payment.recorded_by)


@frozen(kw_only=True)
class ChargeToMake:
    """A claimed charge waiting for the provider's answer: what to ask it, with which key."""

    subscription: str  # its number
    invoice_id: str
    attempt: int
    idempotency_key: str
    amount: Money
    payer: str
    claimed_at: datetime


def charges_to_make(uow: UnitOfWork, subscription: DocumentRef | None = None,
                    unknown: bool = False) -> list[ChargeToMake]:
    """The charges claimed and not answered yet (of one subscription, if given), in the order they were claimed;
    with `unknown`, the subscription's charges whose answer was lost instead (to ask the provider again with their
    keys, as an operator resolving a payment exception does)."""
    only = None if subscription is None else subscription_by_ref(uow, subscription).id
    if unknown:
        if only is None:
            raise InvalidValue("subscription", "charges whose answer was lost are asked of one subscription")
        charges = [c for c in uow.subscriptions.charges.of_subscription(only) if c.outcome is ChargeOutcome.UNKNOWN]
    else:
        charges = list(uow.subscriptions.charges.pending())
    numbers: dict[str, str] = {}
    found = []
    for charge in charges:
        if only is not None and charge.subscription_id != only:
            continue
        if charge.subscription_id not in numbers:
            numbers[charge.subscription_id] = uow.subscriptions.subscriptions.get(charge.subscription_id).number
        found.append(ChargeToMake(subscription=numbers[charge.subscription_id], invoice_id=charge.invoice_id,
                                  attempt=charge.attempt, idempotency_key=charge.idempotency_key,
                                  amount=charge.money, payer=charge.payer, claimed_at=charge.claimed_at))
    return found


@frozen(kw_only=True)
class ChargeView:
    """An attempt at charging a subscription's invoice, as recorded."""

    invoice_id: str
    attempt: int
    retry: int  # the dunning retry it made (0: the charge at billing)
    idempotency_key: str
    amount: Money
    outcome: ChargeOutcome
    reference: str
    detail: str
    claimed_at: datetime
    recorded_at: datetime | None


def subscription_charges(uow: UnitOfWork, subscription: DocumentRef) -> list[ChargeView]:
    """The attempts at charging the subscription's invoices, in the order they were claimed."""
    return [ChargeView(invoice_id=c.invoice_id, attempt=c.attempt, retry=c.retry, idempotency_key=c.idempotency_key,
                       amount=c.money, outcome=c.outcome, reference=c.reference, detail=c.detail,
                       claimed_at=c.claimed_at, recorded_at=c.recorded_at)
            for c in uow.subscriptions.charges.of_subscription(subscription_by_ref(uow, subscription).id)]


def make_charge(provider: PaymentProvider, charge: ChargeToMake) -> ProviderResult:
    """Authorise the amount on the payer's means of payment, then capture it, each with a key of the attempt."""
    authorised = provider.authorise(idempotency_key=charge.idempotency_key, amount=charge.amount, payer=charge.payer)
    if not authorised.succeeded:
        return authorised
    captured = provider.capture(idempotency_key=f"{charge.idempotency_key}-capture",
                                authorisation=authorised.reference, amount=charge.amount)
    return ProviderResult(outcome=captured.outcome, reference=captured.reference or authorised.reference,
                          detail=captured.detail)


class System(Protocol):
    """What the subscription jobs run through: the system's commands and reads (`OrderManagement`)."""

    def handle(self, command: Command[Any], request_key: str | None = None) -> Any: ...
    def read(self, query: Callable[..., Any], *args: Any, **kwargs: Any) -> Any: ...


@frozen(kw_only=True)
class ChargeRun:
    """What making charges did: per idempotency key, the answer recorded, or why none was (left pending)."""

    answered: dict[str, ChargeOutcome] = field(factory=dict)
    failed: dict[str, str] = field(factory=dict)


def make_charges(system: System, provider: PaymentProvider, charges: Sequence[ChargeToMake],
                 actor: str = "scheduler", run: ChargeRun | None = None) -> ChargeRun:
    """Ask the provider for each charge and record its answer, each in a transaction of its own; a provider that
    raises, or a record that fails, leaves the charge pending (asked again with the same key next time)."""
    run = run or ChargeRun()
    for charge in charges:
        try:
            result = make_charge(provider, charge)
            outcome = ChargeOutcome(result.outcome.value)
            system.handle(RecordChargeOutcome(subscription_id=charge.subscription, invoice=charge.invoice_id,
                                              attempt=charge.attempt, outcome=outcome,
                                              reference=result.reference, detail=result.detail, actor=actor))
        except Exception as error:  # one charge's failure must not stop the others; it stays pending
            logger.exception("charge %s of %s failed", charge.idempotency_key, charge.subscription)
            run.failed[charge.idempotency_key] = repr(error)
            continue
        run.answered[charge.idempotency_key] = outcome
    return run


class ChargeSubscriber:
    """The relay's subscriber that makes the charges claimed (`SubscriptionChargeRequested`) soon after their
    commit. A charge it could not make raises, so the relay hands the events over again after a backoff."""

    name = "subscription-charges"

    def __init__(self, system: System, provider: PaymentProvider) -> None:
        self._system = system
        self._provider = provider

    def deliver(self, events: Sequence[PublishedEvent]) -> None:
        subscriptions = dict.fromkeys(event.aggregate_id for event in events if event.type == REQUESTED)
        run = ChargeRun()
        for subscription in subscriptions:
            make_charges(self._system, self._provider, self._system.read(charges_to_make, subscription),
                         run=run)
        if run.failed:
            raise RuntimeError(f"charges left pending: {', '.join(sorted(run.failed))}")


HANDLERS: Handlers = {RecordChargeOutcome: record_charge_outcome}
