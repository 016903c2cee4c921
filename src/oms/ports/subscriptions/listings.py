"""The listings of subscriptions: subscriptions (one row a subscription, newest or oldest first), filtered by status,
customer and plan; plans (one row a plan, its current version, by code), found by a search."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from attrs import frozen

from oms.domain.subscriptions.records import SubscriptionStatus
from oms.ports.shared.listings import Listing


@frozen(kw_only=True)
class SubscriptionSummary:
    """One row of the subscriptions: whose, of which plan version, the next period to bill and what a whole period
    of its lines costs before tax (the sum of the lines' rounded amounts)."""

    id: str
    number: str
    status: str
    customer_id: str
    customer_code: str
    plan_id: str
    plan_code: str
    plan_version: int
    currency: str
    period_amount: Decimal
    next_period_start: date
    created_at: datetime


@frozen(kw_only=True)
class PlanSummary:
    """One row of the plans: its current (latest) version, and what a whole period of its lines costs before tax."""

    id: str  # the current version's
    code: str
    name: str
    version: int
    interval: str
    currency: str
    period_amount: Decimal


# `customer_id`; `plan_id`: the plan (any of its versions).
SUBSCRIPTIONS: Listing[SubscriptionSummary] = Listing(
    name="subscriptions", filters=frozenset({"status", "customer_id", "plan_id"}),
    choices={"status": frozenset(SubscriptionStatus)})

# `search`: a part of the code or of the current version's name, in any case.
PLANS: Listing[PlanSummary] = Listing(name="plans", filters=frozenset({"search"}), by_time=False)
