"""Billing periods computed from a subscription's anchor: period k = [start_k, start_k+1), never drifting.

Rules (peers.md 3b):
- S1: start_k = the anchor moved by k x (every N units), computed from the anchor each time, never from the previous
  (clamped) start. By month or year the day is min(anchor's day, length of the month): Jan 31 monthly gives Feb 28
  (29 in leap years), Mar 31, Apr 30; Feb 29 yearly gives Feb 28, then Feb 29 again in leap years. By week the
  weekday is the anchor's; by day it is k x N days;
- S2: periods are half-open [start, next start): each day belongs to exactly one period, the end is the next start.
"""

from __future__ import annotations

import enum
from calendar import monthrange
from datetime import date, timedelta

from attrs import field, frozen

from oms.domain.shared.errors import InvalidValue

MAX_EVERY = 100  # every 100 units at most (a century of years): enough for any plan, and keeps dates in range


class IntervalUnit(enum.StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


def _check_every(_: object, __: object, every: int) -> None:
    if isinstance(every, bool) or not isinstance(every, int) or not 1 <= every <= MAX_EVERY:
        raise InvalidValue("every", f"must be a whole number from 1 to {MAX_EVERY}")


_MONTHS = {IntervalUnit.MONTH: 1, IntervalUnit.YEAR: 12}
_DAYS = {IntervalUnit.DAY: 1, IntervalUnit.WEEK: 7}


@frozen
class Interval:
    """How long a period is: every `every` days, weeks, months or years."""

    unit: IntervalUnit
    every: int = field(default=1, validator=_check_every)

    @property
    def months(self) -> int:
        """The months one period spans (0 for days and weeks)."""
        return _MONTHS.get(self.unit, 0) * self.every

    @property
    def days(self) -> int:
        """The days one period spans, for days and weeks (0 for months and years)."""
        return _DAYS.get(self.unit, 0) * self.every

    def __str__(self) -> str:
        return f"every {self.every} {self.unit}" if self.every > 1 else f"every {self.unit}"


def add_months(anchor: date, months: int) -> date:
    """The anchor `months` later, its day clamped to the month's length (Jan 31 + 1 month = Feb 28 or 29)."""
    year, month = divmod(anchor.month - 1 + months, 12)
    year += anchor.year
    return date(year, month + 1, min(anchor.day, monthrange(year, month + 1)[1]))


@frozen(kw_only=True)
class Period:
    """Period `index` of a schedule: the days [start, end)."""

    index: int
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day < self.end

    def __str__(self) -> str:
        return f"[{self.start}, {self.end})"


@frozen
class Schedule:
    """The periods of a subscription: its anchor (the start of period 0) and its interval."""

    anchor: date
    interval: Interval

    def start(self, index: int) -> date:
        """The start of period `index`, from the anchor (S1)."""
        if index < 0:
            raise InvalidValue("index", "periods are numbered from 0, the anchor's")
        if self.interval.months:
            return add_months(self.anchor, index * self.interval.months)
        return self.anchor + timedelta(days=index * self.interval.days)

    def period(self, index: int) -> Period:
        return Period(index=index, start=self.start(index), end=self.start(index + 1))

    def after(self, period: Period) -> Period:
        """The period after `period` (its start is `period`'s end)."""
        return Period(index=period.index + 1, start=period.end, end=self.start(period.index + 2))

    def period_containing(self, day: date) -> Period:
        """The period `day` falls in: start <= day < end (S2)."""
        if day < self.anchor:
            raise InvalidValue("day", f"{day} is before the first period, which starts on {self.anchor}")
        if self.interval.months:
            elapsed = (day.year - self.anchor.year) * 12 + day.month - self.anchor.month
            index = elapsed // self.interval.months
        else:
            index = (day - self.anchor).days // self.interval.days
        # the estimate by months can be one too far when the day is before the anchor's day in its month
        start = self.start(index)
        while index > 0 and start > day:
            index -= 1
            start = self.start(index)
        end = self.start(index + 1)
        while end <= day:
            index += 1
            start, end = end, self.start(index + 1)
        return Period(index=index, start=start, end=end)

    def period_starting(self, start: date) -> Period:
        """The period that starts on `start`; InvalidValue when no period starts that day."""
        period = self.period_containing(start)
        if period.start != start:
            raise InvalidValue("period_start", f"no period starts on {start}; the one containing it is {period}")
        return period
