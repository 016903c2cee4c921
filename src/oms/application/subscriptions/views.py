"""What reads of subscriptions answer: a subscription with its lines, periods, renewals, pauses and audit trail."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from attrs import frozen

from oms.application.shared.views import StatusChangeView
from oms.domain.shared.money import Money
from oms.domain.subscriptions.records import SubscriptionStatus


@frozen(kw_only=True)
class SubscriptionLineView:
    sku: str
    quantity: Decimal
    unit_price: Money
    amount: Money  # a whole period of the line


@frozen(kw_only=True)
class PeriodView:
    index: int
    start: date
    end: date  # the day after its last day


@frozen(kw_only=True)
class PauseView:
    start: date
    until: date


@frozen(kw_only=True)
class BillingView:
    """A renewal or a prorated change, with the documents it posted."""

    change: str
    period_start: date
    period_end: date
    effective_on: date
    charged: Money
    credited: Money
    invoice: str | None
    credit_note: str | None
    at: datetime
    actor: str


@frozen(kw_only=True)
class SubscriptionView:
    id: str
    number: str
    status: SubscriptionStatus
    customer_code: str
    branch_code: str | None
    plan_code: str
    plan_version: int
    interval: str
    anchor: date
    next_period: PeriodView | None  # None once it ends before it
    ends_on: date | None
    payment_exception: bool
    lines: list[SubscriptionLineView]
    renewals: list[BillingView]
    changes: list[BillingView]
    pauses: list[PauseView]
    history: list[StatusChangeView]
