"""The stock valuation property of `tests/unit/domain/test_valuation_properties.py` on SQLite and PostgreSQL: over
random histories of receipts at random costs, goods issues, adjustments of both signs and customer returns, stored
values never go negative and add up to their movements, and the valuation report equals the movements and the
inventory account's balance on every day (the journal entries the movements posted in their own transactions)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import oms
from oms.adapters.sql import SqlDatabase
from tests.unit.domain.conftest import seeded_system
from tests.unit.domain.test_valuation_properties import Step, Store, steps

from .conftest import SQL_BACKENDS, empty_postgres

FreshDatabase = Callable[[], SqlDatabase]


@pytest.fixture(params=SQL_BACKENDS)
def fresh_database(request: pytest.FixtureRequest, sqlite_template: Path,
                   tmp_path: Path) -> Iterator[FreshDatabase]:
    """A new, empty, migrated database each time it is called (one per Hypothesis example)."""
    opened: list[SqlDatabase] = []

    def fresh() -> SqlDatabase:
        if request.param == "sqlite":
            path = tmp_path / f"oms-{len(opened)}.db"
            shutil.copyfile(sqlite_template, path)
            url = f"sqlite:///{path}"
        else:
            url = request.getfixturevalue("postgres_url")
            empty_postgres(url)
        opened.append(SqlDatabase.from_url(url))
        if len(opened) > 1:
            opened[-2].dispose()
        return opened[-1]

    yield fresh
    if opened:
        opened[-1].dispose()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(story=st.lists(steps, min_size=5, max_size=20))
def test_random_histories_keep_the_valuation_equal_to_the_movements_and_the_inventory_account_on_sql(
        fresh_database: FreshDatabase, story: list[Step]) -> None:
    clock = oms.FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    store = Store(seeded_system(clock, fresh_database().unit_of_work), clock)

    for step in story:
        store.run(step)
    store.check()
    store.check_report()
