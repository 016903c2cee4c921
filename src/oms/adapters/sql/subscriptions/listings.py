"""How the listings of subscriptions and plans are read: one query a page, the customer's code and the plan version's
code and number joined in. What a period costs is the sum of the lines' rounded amounts, computed from the lines
the row keeps as JSON text, for the rows of the page only (the same function as in memory: `period_amount`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Row, Select, func, select

from oms.adapters.sql.masterdata.tables import customers
from oms.adapters.sql.shared.listings import SqlListing, containing
from oms.adapters.sql.shared.values import from_text
from oms.adapters.sql.subscriptions.tables import plan_versions, subscriptions
from oms.domain.shared.money import Currency
from oms.domain.subscriptions.periods import Interval, IntervalUnit
from oms.domain.subscriptions.plans import Lines, period_amount
from oms.ports.subscriptions.listings import PLANS, SUBSCRIPTIONS, PlanSummary, SubscriptionSummary

_s, _p = subscriptions.c, plan_versions.c


def _amount(lines: str, currency: str) -> Decimal:
    return period_amount(from_text(lines, Lines), Currency.of(currency))


def _subscriptions() -> Select[Any]:
    return (select(_s.id, _s.number, _s.status, _s.customer_id, customers.c.code.label("customer_code"), _s.plan_id,
                   _p.code.label("plan_code"), _p.version.label("plan_version"), _s.currency, _s.lines,
                   _s.next_period_start, _s.created_at)
            .join(customers, customers.c.id == _s.customer_id)
            .join(plan_versions, _p.id == _s.plan_version_id))


def _subscription(row: Row[Any]) -> SubscriptionSummary:
    return SubscriptionSummary(
        id=row.id, number=row.number, status=str(row.status), customer_id=row.customer_id,
        customer_code=row.customer_code, plan_id=row.plan_id, plan_code=row.plan_code, plan_version=row.plan_version,
        currency=row.currency, period_amount=_amount(row.lines, row.currency),
        next_period_start=row.next_period_start, created_at=row.created_at)


def _plans() -> Select[Any]:
    """One row a plan: its current (latest) version."""
    others = plan_versions.alias("other")
    latest = select(func.max(others.c.version)).where(others.c.code == _p.code).scalar_subquery()
    return select(_p.id, _p.code, _p.name, _p.version, _p.interval_unit, _p.interval_every, _p.currency,
                  _p.lines).where(_p.version == latest)


def _plan(row: Row[Any]) -> PlanSummary:
    return PlanSummary(id=row.id, code=row.code, name=row.name, version=row.version,
                       interval=str(Interval(IntervalUnit(row.interval_unit), row.interval_every)),
                       currency=row.currency, period_amount=_amount(row.lines, row.currency))


LISTINGS = (
    SqlListing(
        listing=SUBSCRIPTIONS, query=_subscriptions, order=(_s.created_at, _s.id), row=_subscription,
        position=lambda summary: (summary.created_at, summary.id),
        filters={
            "status": lambda statuses: _s.status.in_(list(statuses)),
            "customer_id": lambda customer_id: _s.customer_id == customer_id,
            "plan_id": lambda plan_id: _s.plan_id == plan_id,
        }),
    SqlListing(
        listing=PLANS, query=_plans, order=(_p.code,), row=_plan, position=lambda summary: (summary.code,),
        filters={"search": lambda text: containing(str(text), _p.code, _p.name)}),
)
