"""The calendar of renewals: every period the renewal job will bill from today to a day, grouped by the day it
starts, each with what its renewal bills before tax.

A period is in the calendar when its subscription renews it (the job's own selection, S5: the pointer's period and
those after it, while the subscription still renews, is not in payment exception and has not ended by then). Its
amount is what the renewal would bill if it ran now: the lines it will bill (a downgrade scheduled for the period
end included) at the plan's current prices (S15), less the days a pause takes out of it (S12). A period that started
before the first day and was not renewed yet is overdue: the job renews it at its next run.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from attrs import frozen

from oms.application.masterdata.codes import Codes
from oms.application.shared.views import money
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.money import Money
from oms.domain.subscriptions.periods import Period
from oms.domain.subscriptions.plans import PlanVersion
from oms.domain.subscriptions.proration import Segment, bill_lines, without
from oms.domain.subscriptions.subscriptions import Subscription
from oms.ports.subscriptions.repositories import SubscriptionsUnitOfWork

MAX_DAYS = 366


@frozen(kw_only=True)
class DueRenewal:
    """One period to renew: whose, at which plan, the period [start, end) and what its renewal bills before tax
    (`paused`: some of its days are paused and not billed)."""

    number: str
    customer_code: str
    plan_code: str
    plan_version: int
    period_index: int
    period_start: date
    period_end: date
    amount: Money
    paused: bool


@frozen(kw_only=True)
class RenewalDay:
    day: date
    renewals: list[DueRenewal]
    totals: list[Money]  # one a currency


@frozen(kw_only=True)
class RenewalCalendar:
    """The periods due from `first_day` to `last_day` (both included), by day, and those overdue before it."""

    first_day: date
    last_day: date
    overdue: list[DueRenewal]
    days: list[RenewalDay]
    totals: list[Money]  # of the overdue and the days, one a currency


def _totals(renewals: Iterable[DueRenewal]) -> list[Money]:
    sums: dict[str, Decimal] = {}
    for renewal in renewals:
        code = renewal.amount.currency.code
        sums[code] = sums.get(code, Decimal(0)) + renewal.amount.amount
    return [money(amount, code) for code, amount in sorted(sums.items())]


def _billed(subscription: Subscription, period: Period, prices: PlanVersion) -> tuple[Decimal, bool]:
    """What renewing `period` bills now (as `Subscription.renew` does), and whether a pause takes days out of it."""
    lines = prices.reprice(subscription.pending.lines if subscription.pending else subscription.lines)
    days = without(period.start, period.end, ((pause.start, pause.end) for pause in subscription.pauses))
    billed = bill_lines((Segment(start=start, end=end, lines=lines) for start, end in days), period,
                        subscription.money)
    return sum((line.amount for line in billed), Decimal(0)), days != [(period.start, period.end)]


def renewal_calendar(uow: SubscriptionsUnitOfWork, first_day: date, days: int = 31) -> RenewalCalendar:
    """The renewals due in the `days` days from `first_day` (1 to 366), and those overdue before it."""
    if isinstance(days, bool) or not 1 <= days <= MAX_DAYS:
        raise InvalidValue("days", f"must be from 1 to {MAX_DAYS}")
    last_day = first_day + timedelta(days=days - 1)
    codes, prices = Codes(uow), dict[str, PlanVersion]()
    found: list[DueRenewal] = []
    for subscription in uow.subscriptions.subscriptions.due(last_day):
        plan_id = subscription.plan_to_renew
        if plan_id not in prices:
            prices[plan_id] = uow.subscriptions.plans.current_of(plan_id)
        plan = prices[plan_id]
        for period in subscription.due(last_day):
            amount, paused = _billed(subscription, period, plan)
            found.append(DueRenewal(
                number=subscription.number, customer_code=codes.customer(subscription.customer_id),
                plan_code=plan.code, plan_version=plan.version, period_index=period.index,
                period_start=period.start, period_end=period.end, amount=money(amount, subscription.currency),
                paused=paused))
    found.sort(key=lambda r: (r.period_start, r.number))
    overdue = [renewal for renewal in found if renewal.period_start < first_day]
    by_day: dict[date, list[DueRenewal]] = {}
    for renewal in found[len(overdue):]:
        by_day.setdefault(renewal.period_start, []).append(renewal)
    return RenewalCalendar(first_day=first_day, last_day=last_day, overdue=overdue,
                           days=[RenewalDay(day=day, renewals=renewals, totals=_totals(renewals))
                                 for day, renewals in by_day.items()],
                           totals=_totals(found))
