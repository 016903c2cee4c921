"""Dunning of subscriptions (peers.md S14, S8): the daily job that chases subscription invoices unpaid after their
due date, a process across subscriptions and invoicing.

`DunSubscription`, one transaction per subscription, in this order:
1. every overdue invoice that owes nothing now (paid through any front door, or credited) ends its dunning: once
   none is left the subscription is active again and its retries stop, so nothing paid is ever charged again;
2. every invoice the subscription billed in the last `LOOKBACK_DAYS` that is still owed after its due date is
   marked overdue: the subscription becomes past_due (a reminder event says so);
3. when a retry is due (the policy's days after the first overdue invoice's due date: +1, +3, +5, +7 by default)
   and no charge of the subscription is still waiting for the provider, the retry is claimed: one charge of each
   overdue invoice, attempt numbered, with its idempotency key (subscription_charges.py), or, for a subscription
   without a payment method, the retry day is only a reminder and counts as failed. After the last failed retry
   the subscription is unpaid or cancelled, as its policy says. In payment exception nothing is retried.
`run_subscription_dunning(system, today, provider)` is what the scheduler calls each day: it first makes every
charge still pending (claimed by renewals, left by a process that died mid-call), then dunns each subscription with
something to chase, and makes the charges of the retries it claimed. Without a provider (None) it charges nothing:
claimed charges wait, and with them the retries of the subscriptions that have a payment method.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from attrs import field, frozen

from oms.application.processes.subscription_charges import (
    ChargeRun,
    System,
    charges_to_make,
    claim_charge,
    make_charges,
    owed,
)
from oms.application.shared.commands import Command, Handlers
from oms.application.subscriptions.subscriptions import subscription_by_ref
from oms.domain.shared.errors import DomainError
from oms.domain.subscriptions.charges import ChargeOutcome
from oms.domain.subscriptions.records import ENDED
from oms.domain.subscriptions.subscriptions import Subscription
from oms.ports.invoicing.payment_provider import PaymentProvider
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef
from oms.ports.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)
LOOKBACK_DAYS = 400
"""How long after it was billed an unpaid invoice can still start a dunning (longer than any payment terms)."""


@frozen(kw_only=True)
class DunSubscription(Command[tuple[str, ...]]):
    """Chase the subscription's unpaid invoices today: see those paid since, mark those past their due date
    overdue, and claim the retry that is due (a charge of each overdue invoice, or a reminder without a payment
    method). Returns the ids of the charges claimed, which are made after the commit."""

    subscription_id: DocumentRef


def _overdue(uow: UnitOfWork, invoice_id: str, today: date) -> date | None:
    """The invoice's due date, if it is past and the invoice still owes something."""
    due = uow.invoicing.invoices.get(invoice_id).due_date
    return due if due is not None and due < today and owed(uow, invoice_id) > 0 else None


def _claim_retry(uow: UnitOfWork, subscription: Subscription, today: date, cmd: DunSubscription,
                 clock: Clock) -> list[str]:
    due = subscription.next_retry_on
    if due is None or due > today:
        return []
    if any(c.outcome is ChargeOutcome.PENDING for c in uow.subscriptions.charges.of_subscription(subscription.id)):
        return []  # the charges of a retry, or of a billing, are still with the provider
    at, retry = clock.now(), subscription.next_attempt
    if subscription.payment_method is None:
        subscription.retry_failed(retry, at, cmd.actor)
        return []
    return [claim_charge(uow, subscription, invoice_id, owed(uow, invoice_id), retry, at).id
            for invoice_id in subscription.overdue_invoices]


def dun_subscription(cmd: DunSubscription, uow: UnitOfWork, clock: Clock) -> tuple[str, ...]:
    at = clock.now()
    today = at.date()
    subscription = subscription_by_ref(uow, cmd.subscription_id)
    for invoice_id in list(subscription.overdue_invoices):
        if owed(uow, invoice_id) == 0:
            subscription.record_payment(invoice_id, at, cmd.actor)
    if subscription.status in ENDED:
        return ()
    since = today - timedelta(days=LOOKBACK_DAYS)
    for record in uow.subscriptions.billing.of_subscription(subscription.id):
        if record.invoice_id is not None and record.at.date() >= since \
                and (due := _overdue(uow, record.invoice_id, today)) is not None:
            subscription.mark_overdue(record.invoice_id, due, at, cmd.actor)
    return tuple(_claim_retry(uow, subscription, today, cmd, clock))


def dunning_candidates(uow: UnitOfWork, today: date) -> list[str]:
    """The numbers of the subscriptions with something to chase today: past_due or unpaid ones, and those with an
    invoice billed in the last `LOOKBACK_DAYS` still owed after its due date."""
    ids = {subscription.id for subscription in uow.subscriptions.subscriptions.in_dunning()}
    for record in uow.subscriptions.billing.invoiced_since(today - timedelta(days=LOOKBACK_DAYS)):
        if record.subscription_id not in ids and record.invoice_id is not None \
                and _overdue(uow, record.invoice_id, today) is not None:
            ids.add(record.subscription_id)
    found = (uow.subscriptions.subscriptions.get(key) for key in ids)
    return sorted(subscription.number for subscription in found if subscription.status not in ENDED)


@frozen(kw_only=True)
class DunningRun:
    """What one run of the dunning job did: the charges answered (by idempotency key) or left pending, the
    subscriptions dunned, and those whose dunning failed, with why."""

    charges: ChargeRun = field(factory=ChargeRun)
    dunned: list[str] = field(factory=list)
    failed: dict[str, str] = field(factory=dict)


def run_subscription_dunning(system: System, today: date, provider: PaymentProvider | None = None,
                             actor: str = "scheduler") -> DunningRun:
    """The scheduler's daily job: make the charges still pending, then dun each subscription with something to
    chase, each in a transaction of its own, and make the charges of the retries claimed; one subscription that
    fails is logged and reported, and the others are dunned all the same."""
    run = DunningRun()
    if provider is not None:
        make_charges(system, provider, system.read(charges_to_make), actor, run.charges)
    for number in system.read(dunning_candidates, today):
        try:
            claimed = system.handle(DunSubscription(subscription_id=number, actor=actor))
        except Exception as error:  # one subscription's failure, whatever it is, must not stop the others
            logger.exception("dunning %s failed", number)
            run.failed[number] = str(error) if isinstance(error, DomainError) else repr(error)
            continue
        run.dunned.append(number)
        if claimed and provider is not None:
            make_charges(system, provider, system.read(charges_to_make, number), actor, run.charges)
    return run


HANDLERS: Handlers = {DunSubscription: dun_subscription}
