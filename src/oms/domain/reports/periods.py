"""Date ranges and the buckets a period report groups its figures into (day, week, month, quarter, year).

A range is given by its first and last day, both included, as an ERP user reads "January to March". Weeks start on
Monday (ISO 8601). `DateRange.previous` says which period a range is compared with."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date, timedelta

from attrs import frozen

from oms.domain.shared.errors import InvalidValue

MAX_DAYS = 3660  # about ten years: longer ranges are refused rather than bucketed by day without end


class Granularity(enum.StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


def _month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """The first of the month `months` after the month of `day` (only used on firsts of months)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def shift_months(day: date, months: int) -> date:
    """The same day `months` months later (earlier when negative), clamped to the month's last day (Mar 31 -> Feb
    28)."""
    first = add_months(day.replace(day=1), months)
    last_day = (add_months(first, 1) - timedelta(days=1)).day
    return first.replace(day=min(day.day, last_day))


def bucket_start(day: date, granularity: Granularity) -> date:
    """The first day of the bucket `day` falls in."""
    if granularity is Granularity.DAY:
        return day
    if granularity is Granularity.WEEK:
        return day - timedelta(days=day.weekday())
    if granularity is Granularity.MONTH:
        return _month_start(day)
    if granularity is Granularity.QUARTER:
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return date(day.year, 1, 1)


def next_bucket(start: date, granularity: Granularity) -> date:
    """The first day of the bucket after the one starting on `start`."""
    if granularity is Granularity.DAY:
        return start + timedelta(days=1)
    if granularity is Granularity.WEEK:
        return start + timedelta(days=7)
    months = {Granularity.MONTH: 1, Granularity.QUARTER: 3, Granularity.YEAR: 12}[granularity]
    return add_months(start, months)


def bucket_label(start: date, granularity: Granularity) -> str:
    """How a bucket is named in a table and on a chart's axis: 2026-03-02, 2026-W10, 2026-03, 2026-Q1, 2026."""
    if granularity is Granularity.DAY:
        return start.isoformat()
    if granularity is Granularity.WEEK:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if granularity is Granularity.MONTH:
        return f"{start.year}-{start.month:02d}"
    if granularity is Granularity.QUARTER:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


@frozen
class DateRange:
    """From `first` to `last`, both days included."""

    first: date
    last: date

    def __attrs_post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidValue("end", "must not be before start")
        if self.days > MAX_DAYS:
            raise InvalidValue("end", f"a report covers at most {MAX_DAYS} days")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def end(self) -> date:
        """The day after the last (for half-open comparisons: first <= day < end)."""
        return self.last + timedelta(days=1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def previous(self) -> DateRange:
        """The period this one is compared with. A range from the first of a month goes back by as many months as
        it touches, day for day (March -> February, January 1 to today -> the same days a year before, March 1-15
        -> February 1-15); any other range, by its length in days, to the day before it starts."""
        if self.first.day == 1:
            months = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1
            last = shift_months(self.last, -months)
            if self.end.day == 1:  # whole months: the previous ones whole too (March 31 -> February 28)
                last = add_months(self.end, -months) - timedelta(days=1)
            return DateRange(add_months(self.first, -months), last)
        return DateRange(self.first - timedelta(days=self.days), self.first - timedelta(days=1))

    def buckets(self, granularity: Granularity) -> Iterator[date]:
        """The first day of every bucket the range touches, in order (the first may start before the range)."""
        start = bucket_start(self.first, granularity)
        while start <= self.last:
            yield start
            start = next_bucket(start, granularity)
