"""Reads of subscriptions and plans: a subscription by id or number, a plan by code with its versions."""

from __future__ import annotations

from oms.application.masterdata.codes import Codes
from oms.application.shared.views import history, money
from oms.application.subscriptions.subscriptions import subscription_by_ref
from oms.application.subscriptions.views import (
    BillingView,
    PauseView,
    PeriodView,
    PlanLineView,
    PlanVersionView,
    PlanView,
    SubscriptionChargeView,
    SubscriptionView,
)
from oms.domain.shared.errors import NotFound
from oms.domain.shared.money import Currency
from oms.domain.subscriptions.plans import Lines, PlanVersion, period_amount
from oms.ports.shared.documents import DocumentRef
from oms.ports.subscriptions.repositories import RENEWAL, BillingRecord, SubscriptionsUnitOfWork


def _billing(record: BillingRecord) -> BillingView:
    return BillingView(change=record.change, period_start=record.period_start, period_end=record.period_end,
                       effective_on=record.effective_on, charged=money(record.charged, record.currency),
                       credited=money(record.credited, record.currency), invoice=record.invoice_number,
                       credit_note=record.credit_note_number, at=record.at, actor=record.actor,
                       order=record.order_number)


def line_views(lines: Lines, currency: str) -> list[PlanLineView]:
    money_of = Currency.of(currency)
    return [PlanLineView(sku=line.sku, quantity=line.quantity, unit_price=money(line.unit_price, currency),
                         amount=money(line.amount(money_of), currency)) for line in lines]


def show_subscription(uow: SubscriptionsUnitOfWork, ref: DocumentRef) -> SubscriptionView:
    """The subscription: its status, anchor, next period, lines, renewals and changes billed, pauses and the
    changes of its status (who, when, why)."""
    subscription = subscription_by_ref(uow, ref)
    codes = Codes(uow)
    plan = uow.subscriptions.plans.get(subscription.plan_version_id)
    end = subscription.ends_on
    upcoming = subscription.schedule.period_containing(subscription.next_period_start)
    records = uow.subscriptions.billing.of_subscription(subscription.id)
    numbers = {record.invoice_id: record.invoice_number for record in records if record.invoice_id is not None}
    return SubscriptionView(
        id=subscription.id, number=subscription.number, status=subscription.status,
        customer_code=codes.customer(subscription.customer_id),
        branch_code=None if subscription.branch_id is None else codes.branch(subscription.branch_id),
        plan_code=plan.code, plan_version=plan.version, interval=str(subscription.interval),
        anchor=subscription.anchor,
        next_period=None if end is not None and upcoming.start >= end else
        PeriodView(index=upcoming.index, start=upcoming.start, end=upcoming.end),
        ends_on=end, payment_exception=subscription.payment_exception,
        lines=line_views(subscription.lines, subscription.currency),
        renewals=[_billing(record) for record in records if record.change == RENEWAL],
        changes=[_billing(record) for record in records if record.change != RENEWAL],
        pauses=[PauseView(start=pause.start, until=pause.end) for pause in sorted(subscription.pauses,
                                                                                key=lambda p: p.start)],
        history=history(subscription.history), payment_method=subscription.payment_method,
        charges=[SubscriptionChargeView(invoice=numbers.get(c.invoice_id, c.invoice_id), attempt=c.attempt,
                                        idempotency_key=c.idempotency_key, amount=c.money, outcome=str(c.outcome),
                                        reference=c.reference, detail=c.detail, claimed_at=c.claimed_at,
                                        recorded_at=c.recorded_at)
                 for c in uow.subscriptions.charges.of_subscription(subscription.id)])


def _version(plan: PlanVersion) -> PlanVersionView:
    return PlanVersionView(id=plan.id, version=plan.version, name=plan.name, trial_days=plan.trial_days,
                           term_periods=plan.term_periods, lines=line_views(plan.lines, plan.currency),
                           period_amount=money(period_amount(plan.lines, plan.money), plan.currency))


def show_plan(uow: SubscriptionsUnitOfWork, code: str) -> PlanView:
    """The plan: its currency and interval, its current version and every version with its lines, first first."""
    versions = uow.subscriptions.plans.versions(code)
    if not versions:
        raise NotFound("plan", code)
    current = versions[-1]
    return PlanView(code=current.code, name=current.name, currency=current.currency, interval=str(current.interval),
                    current_version=current.version,
                    period_amount=money(period_amount(current.lines, current.money), current.currency),
                    versions=[_version(plan) for plan in versions])
