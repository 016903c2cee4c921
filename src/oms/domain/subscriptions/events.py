"""Events of subscriptions beyond their creation and status changes (each status change, the end of a trial, a pause,
past_due, unpaid, cancelled or expired, also raises the shared `StatusChanged`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import ClassVar

from attrs import frozen

from oms.domain.shared.events import DomainEvent

NUMBER = {"number": "The subscription's number (SUB-000001).", "actor": "Who did it: a user's name or `scheduler`."}


@frozen(kw_only=True)
class SubscriptionRenewed(DomainEvent):
    """A period of a subscription was renewed: billed at the prices valid at the renewal, or, when the period is
    wholly inside a pause, passed with nothing billed. Once per (subscription, period start)."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **NUMBER, "period_index": "The period's number, from 0 (the period starting on the anchor).",
        "period_start": "The first day of the period.", "period_end": "The day after its last day.",
        "amount": "What is billed for it, before tax (0 when nothing is).", "currency": "ISO 4217 code.",
        "billed": "Whether anything is billed for it (false for a period wholly inside a pause)."}

    number: str
    period_index: int
    period_start: date
    period_end: date
    amount: Decimal
    currency: str
    billed: bool
    actor: str


@frozen(kw_only=True)
class SubscriptionProrated(DomainEvent):
    """A change during a billed period (quantity, plan, pause, resume, cancellation now) credited the days billed
    that will not be served as billed and charged the days that will be."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **NUMBER, "change": "What changed: quantity, plan, pause, resume or cancellation.",
        "effective_on": "The first day the change concerns.", "period_start": "The start of the billed period.",
        "credited": "The credits' total, before tax.", "charged": "The charges' total, before tax.",
        "currency": "ISO 4217 code."}

    number: str
    change: str
    effective_on: date
    period_start: date
    credited: Decimal
    charged: Decimal
    currency: str
    actor: str


@frozen(kw_only=True)
class SubscriptionChangeScheduled(DomainEvent):
    """A change was scheduled for a later day: a downgrade or a cancellation at the period end, or a pause."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **NUMBER, "change": "What will change: downgrade, cancellation or pause.",
        "effective_on": "The day it takes effect.", "until": "The day it stops (a pause's end; else the same day)."}

    number: str
    change: str
    effective_on: date
    until: date
    actor: str


@frozen(kw_only=True)
class SubscriptionChargeFailed(DomainEvent):
    """A charge of a subscription's invoice failed when it was billed (`attempt` 0: the invoice stays open), or a
    retry of its overdue invoices failed; `retries_left` more are scheduled (none: the dunning is over and the
    subscription became unpaid or cancelled)."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **NUMBER, "attempt": "0 for the charge at billing, else the number of the failed retry, from 1.",
        "retries_left": "How many retries remain (at billing: how many the dunning will make)."}

    number: str
    attempt: int
    retries_left: int
    actor: str


@frozen(kw_only=True)
class SubscriptionPaymentExceptionChanged(DomainEvent):
    """A charge's outcome is unknown (a timeout), so the subscription is in payment exception and is neither renewed
    nor charged (`in_exception` true); or an operator resolved it (false)."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **NUMBER, "in_exception": "Whether it is in payment exception now.", "reason": "Why, as given."}

    number: str
    in_exception: bool
    reason: str
    actor: str


@frozen(kw_only=True)
class SubscriptionChargeRequested(DomainEvent):
    """A charge of a subscription's invoice was claimed: the payment provider is called after the commit, with the
    idempotency key of (invoice, attempt), by the relay's charge subscriber or the dunning job, whichever comes
    first (the key makes the second call a replay)."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        "number": NUMBER["number"], "invoice_id": "The id of the invoice charged.",
        "attempt": "The attempt at that invoice, from 0 (its charge at billing).",
        "retry": "The dunning retry it makes, from 1 (0: the charge at billing).",
        "amount": "What is charged (what the invoice owes).", "currency": "ISO 4217 code."}

    number: str
    invoice_id: str
    attempt: int
    retry: int
    amount: Decimal
    currency: str


@frozen(kw_only=True)
class SubscriptionPaymentReminderDue(DomainEvent):
    """The customer should be reminded to pay (oms sends no mail itself: a webhook receiver or broker consumer
    does): an invoice became overdue (`invoice_overdue`), a retry failed (`retry_failed`), or the last one did and
    the subscription became unpaid or cancelled (`dunning_over`)."""

    field_descriptions: ClassVar[Mapping[str, str]] = {
        **NUMBER, "reason": "invoice_overdue, retry_failed or dunning_over.",
        "overdue_invoices": "The ids of the subscription's overdue invoices.",
        "next_retry_on": "The day of the next retry (none when no retry is left).",
        "charged": "Whether retries charge a payment method (false: the customer must pay by other means)."}

    number: str
    reason: str
    overdue_invoices: tuple[str, ...]
    next_retry_on: date | None
    charged: bool
    actor: str
