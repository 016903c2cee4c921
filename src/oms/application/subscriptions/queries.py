"""Reads of subscriptions: a subscription by id or number."""

from __future__ import annotations

from oms.application.masterdata.codes import Codes
from oms.application.shared.views import history, money
from oms.application.subscriptions.subscriptions import subscription_by_ref
from oms.application.subscriptions.views import (
    BillingView,
    PauseView,
    PeriodView,
    SubscriptionLineView,
    SubscriptionView,
)
from oms.ports.shared.documents import DocumentRef
from oms.ports.subscriptions.repositories import RENEWAL, BillingRecord, SubscriptionsUnitOfWork


def _billing(record: BillingRecord) -> BillingView:
    return BillingView(change=record.change, period_start=record.period_start, period_end=record.period_end,
                       effective_on=record.effective_on, charged=money(record.charged, record.currency),
                       credited=money(record.credited, record.currency), invoice=record.invoice_number,
                       credit_note=record.credit_note_number, at=record.at, actor=record.actor)


def show_subscription(uow: SubscriptionsUnitOfWork, ref: DocumentRef) -> SubscriptionView:
    """The subscription: its status, anchor, next period, lines, renewals and changes billed, pauses and the
    changes of its status (who, when, why)."""
    subscription = subscription_by_ref(uow, ref)
    codes = Codes(uow)
    plan = uow.subscriptions.plans.get(subscription.plan_version_id)
    end = subscription.ends_on
    upcoming = subscription.schedule.period_containing(subscription.next_period_start)
    records = uow.subscriptions.billing.of_subscription(subscription.id)
    currency = subscription.money
    return SubscriptionView(
        id=subscription.id, number=subscription.number, status=subscription.status,
        customer_code=codes.customer(subscription.customer_id),
        branch_code=None if subscription.branch_id is None else codes.branch(subscription.branch_id),
        plan_code=plan.code, plan_version=plan.version, interval=str(subscription.interval),
        anchor=subscription.anchor,
        next_period=None if end is not None and upcoming.start >= end else
        PeriodView(index=upcoming.index, start=upcoming.start, end=upcoming.end),
        ends_on=end, payment_exception=subscription.payment_exception,
        lines=[SubscriptionLineView(sku=line.sku, quantity=line.quantity,
                                    unit_price=money(line.unit_price, subscription.currency),
                                    amount=money(line.amount(currency), subscription.currency))
               for line in subscription.lines],
        renewals=[_billing(record) for record in records if record.change == RENEWAL],
        changes=[_billing(record) for record in records if record.change != RENEWAL],
        pauses=[PauseView(start=pause.start, until=pause.end) for pause in sorted(subscription.pauses,
                                                                                key=lambda p: p.start)],
        history=history(subscription.history))
