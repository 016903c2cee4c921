"""Plans and subscriptions of the subscription tests: a 30.00-a-month SaaS plan (one SEAT line at 30.00), a 60.00
plan of the same product, and per-seat plans at 10.00; days given as dates, moments at 09:00 UTC of a day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from oms.domain.shared.errors import BusinessRuleViolation
from oms.domain.subscriptions.periods import Interval, IntervalUnit
from oms.domain.subscriptions.plans import PlanLine, PlanVersion
from oms.domain.subscriptions.records import DowngradeTiming, DunningPolicy
from oms.domain.subscriptions.subscriptions import Subscription

D = Decimal
ACTOR = "clerk"
MONTHLY = Interval(IntervalUnit.MONTH)


def on(day: date) -> datetime:
    """A moment of `day` (09:00 UTC)."""
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)


def line(price: str, quantity: str | int = 1, sku: str = "SEAT") -> PlanLine:
    return PlanLine(product_id=f"p-{sku.lower()}", sku=sku, quantity=D(quantity), unit_price=D(price))


def plan(*lines: PlanLine, code: str = "BASIC", version: int = 1, interval: Interval = MONTHLY,
         trial_days: int = 0, term_periods: int | None = None, currency: str = "EUR") -> PlanVersion:
    return PlanVersion(id=f"{code.lower()}-v{version}", plan_id=code.lower(), code=code, version=version,
                       currency=currency, interval=interval, lines=lines or (line("30.00"),), trial_days=trial_days,
                       term_periods=term_periods)


def subscribe(version: PlanVersion | None = None, starts_on: date = date(2025, 4, 1), *,
              quantities: dict[str, Decimal] | None = None,
              downgrades: DowngradeTiming = DowngradeTiming.AT_PERIOD_END,
              dunning: DunningPolicy | None = None, renew: bool = True) -> Subscription:
    """A subscription from `starts_on`, its first period renewed (billed) unless `renew` is false or it trials."""
    subscription = Subscription.start(version or plan(), id="sub-1", number="SUB-000001", customer_id="c-1",
                                      starts_on=starts_on, at=on(starts_on), quantities=quantities,
                                      downgrades=downgrades, dunning=dunning)
    if renew and version is not None and version.trial_days:
        return subscription
    if renew:
        subscription.renew(starts_on, on(starts_on))
    return subscription


def refusal(action: Callable[[], object]) -> str:
    """The rule a refused command names."""
    with pytest.raises(BusinessRuleViolation) as refused:
        action()
    return refused.value.rule
