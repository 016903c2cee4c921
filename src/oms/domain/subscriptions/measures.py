"""Monthly recurring revenue (peers.md 6b R9), subscription-based: what the subscriptions running at a day bill
every period, before tax, normalised to a month; and a month's movements, which reconcile exactly.

The definition (docs/rules.md):
- a subscription's MRR on a day is its recurring price then (the whole-period price of its lines, before tax; oms
  has no recurring discounts) normalised to a month: a price every N months / N (yearly / 12, quarterly / 3), every
  N weeks x 52 / 12 / N, every N days x 365 / 12 / N; it is 0 before its first paid period (trialing), on a paused
  day, once unpaid, cancelled or expired, and from the day it ends; past_due counts until it is cancelled;
- MRR on a day is the sum over the subscriptions of one currency (currencies are never added up); ARR = 12 x MRR;
- a month's movements compare each subscription's MRR at the end of the day before the month (MRR_start) with the
  end of its last day (MRR_end): from 0 to more is new (it never had MRR before) or reactivation (it had: a resume,
  a payment after dunning); from more to 0 is churn (a cancellation, a pause, unpaid, an end); more is expansion,
  less is contraction. So MRR_end = MRR_start + new + expansion + reactivation - contraction - churn, exactly;
- amounts are exact fractions until shown; shown, each is rounded half up to the currency's minor unit as a
  difference of rounded running sums (the rule the proration uses), so the rounded movements still add up to the
  rounded MRR_end; ARR is 12 x the exact MRR, rounded (203.33 a month is 2,440.00 a year when it is 203.333...).
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from attrs import frozen

from oms.domain.shared.money import Currency
from oms.domain.subscriptions.periods import Interval, IntervalUnit, add_months
from oms.domain.subscriptions.records import SubscriptionStatus

_S = SubscriptionStatus
NOT_BILLING = frozenset({_S.UNPAID, _S.CANCELLED, _S.EXPIRED})
"""Statuses in which a subscription has no MRR (trialing and paused are told by its dates: the anchor, the pauses)."""
ZERO = Fraction(0)


@functools.lru_cache(maxsize=4096)  # a few prices and intervals, asked for every subscription and day
def monthly(price: Decimal, interval: Interval) -> Fraction:
    """A price per period as a price per month, exactly."""
    amount = Fraction(price)
    if interval.months:
        return amount / interval.months
    per_year = 52 if interval.unit is IntervalUnit.WEEK else 365
    return amount * per_year / (12 * interval.every)


@frozen(kw_only=True)
class RecurringHistory:
    """What the MRR of one subscription is computed from: the first day of its first paid period (`starts_on`,
    after any trial), the day it ends (None: not planned), its recurring prices from the day each took effect
    (`prices`, in order), its statuses from the day each was entered (`statuses`, in order; `first_status` before
    them), its pauses [start, end), and the price of its lines now (`current`, for a day before any price is known:
    a first period not renewed yet)."""

    subscription_id: str
    currency: str
    interval: Interval
    starts_on: date
    ends_on: date | None
    current: Decimal
    first_status: SubscriptionStatus
    prices: tuple[tuple[date, Decimal], ...] = ()
    statuses: tuple[tuple[date, SubscriptionStatus], ...] = ()
    pauses: tuple[tuple[date, date], ...] = ()

    def status_on(self, day: date) -> SubscriptionStatus:
        return next((status for since, status in reversed(self.statuses) if since <= day), self.first_status)

    def price_on(self, day: date) -> Decimal:
        return next((price for since, price in reversed(self.prices) if since <= day), self.current)

    def mrr_on(self, day: date) -> Fraction:
        """Its MRR at the end of `day`."""
        if not self._billing(day, self.status_on(day)):
            return ZERO
        return monthly(self.price_on(day), self.interval)

    def mrr_on_days(self, days: Sequence[date]) -> list[Fraction]:
        """Its MRR at the end of each of `days` (ascending): `mrr_on` of each, its prices and statuses (in order, as
        they are kept) walked once for all of them."""
        found, prices, statuses = [], self.prices, self.statuses
        price, status, at_price, at_status = self.current, self.first_status, 0, 0
        for day in days:
            while at_price < len(prices) and prices[at_price][0] <= day:
                price, at_price = prices[at_price][1], at_price + 1
            while at_status < len(statuses) and statuses[at_status][0] <= day:
                status, at_status = statuses[at_status][1], at_status + 1
            found.append(monthly(price, self.interval) if self._billing(day, status) else ZERO)
        return found

    def _billing(self, day: date, status: SubscriptionStatus) -> bool:
        """Whether it bills on `day`, in `status` then: started, not ended, in a billing status and not paused."""
        if day < self.starts_on or (self.ends_on is not None and day >= self.ends_on) or status in NOT_BILLING:
            return False
        return not any(start <= day < end for start, end in self.pauses)

    def had_mrr_before(self, day: date) -> bool:
        """Whether it had MRR on some day before `day` (it is constant between the days something changed)."""
        changes = {self.starts_on, *(since for since, _ in self.prices), *(since for since, _ in self.statuses),
                   *(end for _, end in self.pauses)}
        return any(self.mrr_on(change) > 0 for change in changes if change < day)


def mrr(histories: Iterable[RecurringHistory], day: date) -> dict[str, Fraction]:
    """MRR at the end of `day`, per currency, exactly."""
    total: dict[str, Fraction] = defaultdict(Fraction)
    for history in histories:
        total[history.currency] += history.mrr_on(day)
    return dict(total)


def rounded(amount: Fraction, currency: str) -> Decimal:
    """Half up to the currency's minor unit (amounts here are never negative)."""
    places = Currency.of(currency).minor_units
    units = math.floor(amount * 10 ** places + Fraction(1, 2))
    return Decimal(units).scaleb(-places)


@frozen(kw_only=True)
class Movements:
    """A month's MRR movements in one currency, exact; `subscriptions` counts those with MRR at the end."""

    currency: str
    start: Fraction = Fraction(0)
    new: Fraction = Fraction(0)
    expansion: Fraction = Fraction(0)
    reactivation: Fraction = Fraction(0)
    contraction: Fraction = Fraction(0)
    churn: Fraction = Fraction(0)
    subscriptions: int = 0

    @property
    def end(self) -> Fraction:
        return self.start + self.new + self.expansion + self.reactivation - self.contraction - self.churn

    def shown(self) -> ShownMovements:
        """Rounded so that they still reconcile: each movement is the difference of two rounded running sums."""
        steps = [self.start]
        for change in (self.new, self.expansion, self.reactivation, -self.contraction, -self.churn):
            steps.append(steps[-1] + change)
        r = [rounded(step, self.currency) for step in steps]
        return ShownMovements(currency=self.currency, start=r[0], new=r[1] - r[0], expansion=r[2] - r[1],
                              reactivation=r[3] - r[2], contraction=r[3] - r[4], churn=r[4] - r[5], end=r[5],
                              arr=rounded(12 * self.end, self.currency), subscriptions=self.subscriptions)


@frozen(kw_only=True)
class ShownMovements:
    """A month's MRR and movements rounded to the currency's minor unit: end = start + new + expansion +
    reactivation - contraction - churn, to the cent; `arr` is 12 x the exact MRR at the end, rounded."""

    currency: str
    start: Decimal
    new: Decimal
    expansion: Decimal
    reactivation: Decimal
    contraction: Decimal
    churn: Decimal
    end: Decimal
    arr: Decimal
    subscriptions: int


def month_of(day: date) -> tuple[date, date]:
    """The first and the last day of `day`'s month."""
    first = day.replace(day=1)
    return first, add_months(first, 1) - timedelta(days=1)


def _movement(history: RecurringHistory, first: date, before: Fraction, after: Fraction) -> Mapping[str, Fraction]:
    """The move from `before` (its MRR at the end of the day before `first`) to `after` (at the end of the month)."""
    if before == after:
        return {}
    if before == 0:
        return {"reactivation" if history.had_mrr_before(first) else "new": after}
    if after == 0:
        return {"churn": before}
    return {"expansion": after - before} if after > before else {"contraction": before - after}


def movements(histories: Sequence[RecurringHistory], month: date) -> list[Movements]:
    """The MRR movements of the month of `month` (any day of it), one per currency that had or has MRR, by code."""
    return monthly_movements(histories, [month])[0]


def monthly_movements(histories: Sequence[RecurringHistory], months: Sequence[date]) -> list[list[Movements]]:
    """The MRR movements of each month of `months` (any day of each), as `movements` gives them, in that order.
    Each subscription's MRR is computed once for each day asked (a month's start is the day its previous month
    ends), and a month's MRR at its start is the previous month's MRR at its end when the months follow each other
    (exactly so: the amounts are exact), summed over the subscriptions only otherwise."""
    spans = [(first - timedelta(days=1), first, last) for first, last in map(month_of, months)]
    follows = [index > 0 and before == spans[index - 1][2] for index, (before, _, _) in enumerate(spans)]
    summed = {before for (before, _, _), follow in zip(spans, follows, strict=True) if not follow}
    days = sorted({before for before, _, _ in spans} | {last for _, _, last in spans})
    mrr_at: dict[date, dict[str, Fraction]] = {day: defaultdict(Fraction) for day in summed}
    moved: list[dict[str, dict[str, Fraction]]] = [defaultdict(lambda: defaultdict(Fraction)) for _ in spans]
    counts: list[dict[str, int]] = [defaultdict(int) for _ in spans]
    for history in histories:
        currency = history.currency
        on = dict(zip(days, history.mrr_on_days(days), strict=True))
        for day in summed:
            mrr_at[day][currency] += on[day]
        for (day_before, first, last), totals, count in zip(spans, moved, counts, strict=True):
            before, after = on[day_before], on[last]
            if after:
                count[currency] += 1
            if before is not after and before != after:  # mostly the same object (`monthly` is cached)
                for kind, amount in _movement(history, first, before, after).items():
                    totals[currency][kind] += amount
    currencies = sorted({history.currency for history in histories})
    found: list[list[Movements]] = []
    for (day_before, _, _), follow, totals, count in zip(spans, follows, moved, counts, strict=True):
        starts = {m.currency: m.end for m in found[-1]} if follow else mrr_at[day_before]
        month = [Movements(currency=currency, start=starts.get(currency, ZERO), new=t["new"],
                           expansion=t["expansion"], reactivation=t["reactivation"], contraction=t["contraction"],
                           churn=t["churn"], subscriptions=count[currency])
                 for currency in currencies for t in (totals[currency],)]
        found.append([m for m in month if m.start or any(totals[m.currency].values())])
    return found
