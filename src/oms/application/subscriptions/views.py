"""What reads of subscriptions and plans answer: a subscription with its lines, periods, renewals, pauses and audit
trail; a plan with its versions; the pages of both listings."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from attrs import field, frozen

from oms.application.shared.views import StatusChangeView
from oms.domain.shared.money import Money
from oms.domain.subscriptions.records import SubscriptionStatus


@frozen(kw_only=True)
class PlanLineView:
    """A product billed every period (a plan's or a subscription's line)."""

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
    order: str | None = None  # a renewal's sales order


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
    lines: list[PlanLineView]
    renewals: list[BillingView]
    changes: list[BillingView]
    pauses: list[PauseView]
    history: list[StatusChangeView]
    payment_method: str | None = None
    charges: list[SubscriptionChargeView] = field(factory=list)


@frozen(kw_only=True)
class SubscriptionChargeView:
    """An attempt at charging one of the subscription's invoices to its payment method: the invoice, the attempt's
    number (0 the charge at billing, then one a retry), its idempotency key, the amount and what the provider
    answered (pending until it did)."""

    invoice: str | None
    attempt: int
    idempotency_key: str
    amount: Money
    outcome: str
    reference: str
    detail: str
    claimed_at: datetime
    recorded_at: datetime | None


@frozen(kw_only=True)
class SubscriptionSummaryView:
    """A subscription in a list: whose, of which plan, its status, the next period to bill and what a whole period
    of its lines costs before tax."""

    id: str
    number: str
    status: SubscriptionStatus
    customer_code: str
    plan_code: str
    plan_version: int
    next_period_start: date
    period_amount: Money
    created_at: datetime


@frozen(kw_only=True)
class SubscriptionList:
    """One page of the listing; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[SubscriptionSummaryView]
    next_cursor: str | None = None


@frozen(kw_only=True)
class PlanVersionView:
    """One version of a plan: its price list and terms (a version is never changed: a new one replaces it)."""

    id: str
    version: int
    name: str
    trial_days: int
    term_periods: int | None  # None: evergreen
    lines: list[PlanLineView]
    period_amount: Money


@frozen(kw_only=True)
class PlanView:
    """A plan: its code, currency and interval (every version keeps them), its current version and every
    version, first first."""

    code: str
    name: str
    currency: str
    interval: str
    current_version: int
    period_amount: Money
    versions: list[PlanVersionView]


@frozen(kw_only=True)
class PlanSummaryView:
    """A plan in a list: its current version's name, interval, currency and what a whole period costs before tax."""

    code: str
    name: str
    current_version: int
    interval: str
    currency: str
    period_amount: Money


@frozen(kw_only=True)
class PlanList:
    """One page of the listing; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[PlanSummaryView]
    next_cursor: str | None = None
