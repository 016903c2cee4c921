"""The rules of the purchasing and ageing reports: when ordered goods are expected, how late they came, and the
ageing buckets, as the in-memory store computes them and as the SQL stores compare due dates with the buckets'
floors (the two must always agree)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from oms.domain.reports.ledgers import AGEING_BUCKETS, ageing_bucket, bucket_floors, days_late, expected_on

DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


def test_goods_are_expected_the_lead_time_after_the_day_ordered_and_late_by_the_days_after_it() -> None:
    expected = expected_on(date(2026, 3, 2), 5)

    assert expected == date(2026, 3, 7)
    assert [days_late(day, expected) for day in (date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 10))] == [-1, 0, 3]


def test_ageing_buckets_by_days_past_due_with_the_boundaries_in_the_younger_bucket() -> None:
    as_of = date(2026, 5, 4)
    due = {days: as_of - timedelta(days=days) for days in (-5, 0, 1, 30, 31, 60, 61, 90, 91)}

    assert [ageing_bucket(day, as_of) for day in due.values()] == [
        "current", "current", "days_1_30", "days_1_30", "days_31_60", "days_31_60", "days_61_90", "days_61_90",
        "days_over_90"]
    assert ageing_bucket(None, as_of) == "current"


@given(due=DAYS, as_of=DAYS)
def test_the_floors_sql_compares_due_dates_with_put_every_due_date_in_the_same_bucket(due: date, as_of: date) -> None:
    floors = bucket_floors(as_of)

    by_floors = next((AGEING_BUCKETS[n] for n, floor in enumerate(floors) if due >= floor), AGEING_BUCKETS[4])

    assert by_floors == ageing_bucket(due, as_of)
