"""Periods computed from the anchor (S1, S2): peers.md 3d cases 1 and 2."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from oms.domain.shared.errors import InvalidValue
from oms.domain.subscriptions.periods import Interval, IntervalUnit, Period, Schedule

MONTH, YEAR, WEEK, DAY = IntervalUnit.MONTH, IntervalUnit.YEAR, IntervalUnit.WEEK, IntervalUnit.DAY


def starts(anchor: date, unit: IntervalUnit, every: int, count: int) -> list[date]:
    schedule = Schedule(anchor, Interval(unit, every))
    return [schedule.start(k) for k in range(count)]


def test_a_monthly_anchor_on_jan_31_renews_on_the_last_day_of_short_months_and_back_on_the_31st() -> None:
    dates = starts(date(2025, 1, 31), MONTH, 1, 6)

    assert dates == [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30), date(2025, 5, 31),
                     date(2025, 6, 30)]


def test_a_monthly_anchor_on_jan_31_renews_on_feb_29_in_a_leap_year() -> None:
    schedule = Schedule(date(2025, 1, 31), Interval(MONTH))

    assert schedule.start(37) == date(2028, 2, 29)
    assert schedule.start(38) == date(2028, 3, 31)


def test_a_monthly_anchor_on_jan_30_renews_on_feb_28_then_mar_30() -> None:
    assert starts(date(2025, 1, 30), MONTH, 1, 3) == [date(2025, 1, 30), date(2025, 2, 28), date(2025, 3, 30)]


def test_an_anchor_on_mar_31_every_3_months_renews_on_jun_30_sep_30_dec_31_and_mar_31() -> None:
    assert starts(date(2025, 3, 31), MONTH, 3, 5) == [date(2025, 3, 31), date(2025, 6, 30), date(2025, 9, 30),
                                                       date(2025, 12, 31), date(2026, 3, 31)]


def test_a_yearly_anchor_on_feb_29_renews_on_feb_28_and_on_feb_29_again_in_the_next_leap_year() -> None:
    assert starts(date(2024, 2, 29), YEAR, 1, 5) == [date(2024, 2, 29), date(2025, 2, 28), date(2026, 2, 28),
                                                      date(2027, 2, 28), date(2028, 2, 29)]


def test_every_2_weeks_from_a_monday_renews_on_mondays_14_days_apart() -> None:
    dates = starts(date(2025, 1, 6), WEEK, 2, 5)

    assert {day.weekday() for day in dates} == {0}
    assert [(b - a).days for a, b in itertools.pairwise(dates)] == [14, 14, 14, 14]


def test_daily_periods_are_every_n_days() -> None:
    assert starts(date(2025, 12, 30), DAY, 3, 3) == [date(2025, 12, 30), date(2026, 1, 2), date(2026, 1, 5)]


def test_the_jan_31_period_is_jan_31_to_feb_28_and_the_next_feb_28_to_mar_31() -> None:
    schedule = Schedule(date(2025, 1, 31), Interval(MONTH))

    assert schedule.period(0) == Period(index=0, start=date(2025, 1, 31), end=date(2025, 2, 28))
    assert schedule.period(1) == Period(index=1, start=date(2025, 2, 28), end=date(2025, 3, 31))


def test_periods_are_half_open_so_a_period_start_belongs_to_the_period_it_starts() -> None:
    schedule = Schedule(date(2025, 1, 31), Interval(MONTH))

    assert schedule.period_containing(date(2025, 2, 27)).index == 0
    assert schedule.period_containing(date(2025, 2, 28)).index == 1
    assert date(2025, 2, 28) not in schedule.period(0)
    assert schedule.period(0).days == 28


def test_a_day_before_the_anchor_is_in_no_period() -> None:
    with pytest.raises(InvalidValue):
        Schedule(date(2025, 1, 31), Interval(MONTH)).period_containing(date(2025, 1, 30))


def test_a_day_that_starts_no_period_has_no_period_index() -> None:
    with pytest.raises(InvalidValue, match="no period starts on 2025-02-27"):
        Schedule(date(2025, 1, 31), Interval(MONTH)).period_starting(date(2025, 2, 27))


@pytest.mark.parametrize("every", [0, -1, 101, True])
def test_an_interval_is_every_1_to_100_units(every: int) -> None:
    with pytest.raises(InvalidValue):
        Interval(MONTH, every)
