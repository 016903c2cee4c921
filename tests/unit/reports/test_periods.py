"""Periods of reports: buckets cover a range without gaps, labels, and the period a range is compared with."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oms.domain.reports.periods import DateRange, Granularity, bucket_label, bucket_start, next_bucket
from oms.domain.shared.errors import InvalidValue

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@given(days, st.integers(min_value=0, max_value=800), st.sampled_from(list(Granularity)))
def test_every_day_of_a_range_falls_in_one_of_its_buckets_in_order(first: date, length: int,
                                                                  granularity: Granularity) -> None:
    covered = DateRange(first, first + timedelta(days=length))

    starts = list(covered.buckets(granularity))

    assert starts == sorted(set(starts))
    assert starts[0] <= covered.first
    assert next_bucket(starts[-1], granularity) > covered.last
    for day in (covered.first, covered.last, covered.first + timedelta(days=length // 2)):
        assert bucket_start(day, granularity) in starts


@given(days, st.integers(min_value=0, max_value=800))
def test_the_previous_period_ends_before_the_range_starts_and_is_never_longer_by_more_than_three_days(
        first: date, length: int) -> None:
    covered = DateRange(first, first + timedelta(days=length))

    previous = covered.previous()

    assert previous.last < covered.first
    assert previous.days <= covered.days + 3


@pytest.mark.parametrize(("first", "last", "previous"), [
    (date(2026, 3, 1), date(2026, 3, 31), DateRange(date(2026, 2, 1), date(2026, 2, 28))),
    (date(2026, 3, 1), date(2026, 3, 15), DateRange(date(2026, 2, 1), date(2026, 2, 15))),
    (date(2026, 1, 1), date(2026, 12, 3), DateRange(date(2025, 1, 1), date(2025, 12, 3))),
    (date(2026, 4, 1), date(2026, 6, 30), DateRange(date(2026, 1, 1), date(2026, 3, 31))),
    (date(2026, 3, 10), date(2026, 3, 16), DateRange(date(2026, 3, 3), date(2026, 3, 9)))])
def test_a_range_is_compared_with_the_months_or_days_just_before_it(first: date, last: date,
                                                                    previous: DateRange) -> None:
    assert DateRange(first, last).previous() == previous


def test_buckets_are_labelled_as_people_write_them() -> None:
    day = date(2026, 3, 4)

    labels = [bucket_label(bucket_start(day, g), g) for g in Granularity]

    assert labels == ["2026-03-04", "2026-W10", "2026-03", "2026-Q1", "2026"]


def test_a_range_that_ends_before_it_starts_is_refused_naming_its_end() -> None:
    with pytest.raises(InvalidValue) as refused:
        DateRange(date(2026, 3, 2), date(2026, 3, 1))

    assert refused.value.field == "end"
