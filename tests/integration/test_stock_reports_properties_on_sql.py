"""peers.md 6d case 8 on SQLite and PostgreSQL: the random histories of
`tests/unit/application/test_stock_reports_properties.py` (receipts, goods issues, customer returns, adjustments and
production) leave a stock valuation report whose total equals the inventory account's balance at every day, read by
the SQL figures (forward from the first movement or backward from the levels, whichever side is shorter)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import oms
from tests.unit.application.test_stock_reports_properties import START, Step, history_checks, plant, steps

from .test_valuation_properties_on_sql import FreshDatabase, fresh_database

__all__ = ["fresh_database"]  # the fixture: a new migrated database per example, on SQLite and PostgreSQL


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(story=st.lists(steps, min_size=5, max_size=15))
def test_the_stock_valuation_total_equals_the_inventory_account_at_any_day_of_a_random_history_on_sql(
        fresh_database: FreshDatabase, story: list[Step]) -> None:
    clock = oms.FixedClock(START)

    history_checks(plant(clock, fresh_database().unit_of_work), clock, story)
