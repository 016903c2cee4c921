"""The daily sales summary on SQLite and PostgreSQL: kept from the outbox by its relay subscriber over random
histories delivered in random batches (some handed over twice), it always equals a rebuild from the documents, its
day totals and monthly rollups always equal its rows summed, and the reports read through it (the days events after
its cursor touch read from the documents, whole months by product or customer from the rollups) answer exactly what
they answer from the documents alone."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

import oms
from oms.adapters.sql import SqlDatabase
from oms.adapters.sql.reports.sales import MONTHS_A_PART, month_split, quarters
from oms.adapters.sql.reports.summary import SalesSummarySubscriber
from oms.adapters.sql.shared.relay import SqlEventLog
from oms.domain.reports.periods import add_months
from oms.ports.shared.relay import PublishedEvent
from tests.unit.application.test_sales_reports import START, STEP, new_history, play

from .conftest import SQL_BACKENDS, empty_postgres

T = TypeVar("T")
BATCHES = st.lists(st.tuples(st.integers(1, 40), st.booleans()), min_size=1, max_size=6)
SUMMARY = "SELECT basis, day, branch_id, currency, customer_id, product_id, quantity, amount, cost " \
          "FROM report_sales_daily"
TOTALS = "SELECT basis, day, branch_id, currency, quantity, amount, cost FROM report_sales_day_totals"
MONTHLY = {party: f"SELECT basis, month, branch_id, currency, {party}_id, quantity, amount, cost "
                  f"FROM report_sales_monthly_{party}s" for party in ("product", "customer")}
REPORTS: list[tuple[str, str | None, str, dict[str, str]]] = \
    [("sales", basis, by, {}) for basis in ("bookings", "shipments", "revenue")
     for by in ("day", "month", "product", "customer", "branch")] + \
    [("gross-margin", None, by, {}) for by in ("month", "product", "customer")]
BY_PARTY = [report for report in REPORTS if report[2] in ("product", "customer", "branch")] + [
    ("sales", "revenue", "product", {"branch": "BER"}), ("sales", "shipments", "customer", {"customer": "ACME"}),
    ("sales", "bookings", "branch", {"product": "DESK"}), ("sales", "shipments", "product", {"customer": "UNI"}),
    ("gross-margin", None, "product", {"branch": "BER"})]
WHOLE_MONTHS = (date(2026, 2, 1), date(2026, 6, 30))  # the monthly rollups alone, but for months with pending days


@pytest.fixture(params=SQL_BACKENDS)
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """Makes an empty migrated database of the backend (a new SQLite file, or the PostgreSQL one emptied)."""
    def make() -> str:
        if request.param == "sqlite":
            path = tmp_path / f"{uuid.uuid4().hex}.db"
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
            return f"sqlite:///{path}"
        url: str = request.getfixturevalue("postgres_url")
        empty_postgres(url)
        return url

    return make


def _events(log: SqlEventLog, after: int, limit: int) -> list[PublishedEvent]:
    return list(log.read(after, limit))


def _rows(url: str, query: str = SUMMARY, keys: int = 6) -> list[tuple[Any, ...]]:
    """The summary's rows, their numbers as exact decimals (SQLite keeps its float sums as text)."""
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text(query)).all()
    engine.dispose()
    return sorted((*(str(value) for value in row[:keys]), *(round(float(value), 6) for value in row[keys:]))
                  for row in rows)


def _sums_match(found: list[tuple[Any, ...]], summed: list[tuple[Any, ...]], keys: int, addends: int) -> bool:
    """Whether rows the database summed hold the same keys as rows summed here from `addends` daily rows, and the
    same sums to within half a millionth an addend: each daily value was rounded to six decimals before it was added
    here (a third of a price has more), where the database added them exact."""
    if [row[:keys] for row in found] != [row[:keys] for row in summed]:
        return False
    return all(abs(a - b) <= 0.5e-6 * (addends + 1) for one, other in zip(found, summed, strict=True)
               for a, b in zip(one[keys:], other[keys:], strict=True))


def _totals_of(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The summary's rows summed per basis, day, branch and currency: what its day totals must hold."""
    sums: dict[tuple[Any, ...], list[float]] = {}
    for row in rows:
        found = sums.setdefault(row[:4], [0.0, 0.0, 0.0])
        for index, value in enumerate(row[6:]):
            found[index] += value
    return sorted((*key, *(round(value, 6) for value in values)) for key, values in sums.items())


def _months_of(rows: list[tuple[Any, ...]], party: int) -> list[tuple[Any, ...]]:
    """The summary's rows summed per basis, month, branch, currency and product (`party` 5) or customer (4): what
    its monthly rollup must hold."""
    sums: dict[tuple[Any, ...], list[float]] = {}
    for row in rows:
        found = sums.setdefault((row[0], row[1][:8] + "01", *row[2:4], row[party]), [0.0, 0.0, 0.0])
        for index, value in enumerate(row[6:]):
            found[index] += value
    return sorted((*key, *(round(value, 6) for value in values)) for key, values in sums.items())


def _tables(system: oms.OrderManagement) -> list[Any]:
    spans = [((START.date(), START.date() + timedelta(days=200)), REPORTS), (WHOLE_MONTHS, BY_PARTY)]
    return [system.report(name, oms.ReportRequest(start=first, end=last, basis=basis, by=by,
                                                  branch=given.get("branch"), customer=given.get("customer"),
                                                  product=given.get("product")))
            for (first, last), reports in spans for name, basis, by, given in reports]


def _without_summary(url: str, read: Callable[[], T]) -> T:
    """What `read` reads from the documents alone: the cursor set aside (so no summary is used), then put back."""
    engine = create_engine(url)
    with engine.begin() as connection:
        kept = connection.execute(text("SELECT name, seq FROM report_summary_cursors")).all()
        connection.execute(text("DELETE FROM report_summary_cursors"))
    try:
        return read()
    finally:
        with engine.begin() as connection:
            for name, seq in kept:
                connection.execute(text("INSERT INTO report_summary_cursors (name, seq) VALUES (:n, :s)"),
                                   {"n": name, "s": seq})
        engine.dispose()


def test_the_first_batch_builds_the_summary_and_a_batch_handed_over_again_applies_nothing_twice(
        fresh: Any) -> None:
    url = fresh()
    database = SqlDatabase.from_url(url)
    system, clock = new_history(database.unit_of_work)
    log, subscriber = SqlEventLog(database.engine, clock.now), SalesSummarySubscriber(database.unit_of_work)
    play(system, clock, [(0, 0, 0, 3, 1), (1, 0, 0, 3, 1), (2, 0, 0, 1, 1)])
    subscriber.deliver(_events(log, 0, 10_000))
    built = _rows(url)
    play(system, clock, [(0, 1, 1, 2, 0), (1, 0, 0, 2, 0), (2, 0, 0, 1, 0), (4, 0, 1, 1, 1)])
    events = _events(log, 0, 10_000)

    subscriber.deliver(events)
    subscriber.deliver(events)
    twice = _rows(url)
    months = [_rows(url, query, keys=5) for query in MONTHLY.values()]
    with database.unit_of_work() as uow:
        cursor = uow.reports.summary_cursor()
        uow.reports.rebuild_sales_summary()
        uow.commit()
    database.dispose()

    assert {row[0] for row in built} == {"bookings", "shipments", "revenue"}
    assert twice != built
    assert twice == _rows(url)
    assert months == [_rows(url, query, keys=5) for query in MONTHLY.values()]
    assert cursor == events[-1].seq


def test_the_summary_kept_from_the_outbox_equals_a_rebuild_with_its_totals_and_rollups_and_reports_answer_the_same(
        fresh: Any) -> None:
    @settings(max_examples=6, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(before=st.lists(STEP, min_size=3, max_size=14), after=st.lists(STEP, min_size=0, max_size=10),
           batches=BATCHES)
    def check(before: list[Any], after: list[Any], batches: list[tuple[int, bool]]) -> None:
        url = fresh()
        database = SqlDatabase.from_url(url)
        try:
            system, clock = new_history(database.unit_of_work)
            log, subscriber = SqlEventLog(database.engine, clock.now), SalesSummarySubscriber(database.unit_of_work)
            play(system, clock, before)
            seen = 0
            for size, again in batches:
                batch = _events(log, seen, size)
                if not batch:
                    break
                subscriber.deliver(batch)
                if again:
                    subscriber.deliver(batch)  # at least once: a redelivery
                seen = batch[-1].seq
            play(system, clock, after)  # events the summary has not seen yet: their days are read live

            through_summary = _tables(system)
            assert through_summary == _without_summary(url, lambda: _tables(system))
            while batch := _events(log, seen, 50):
                subscriber.deliver(batch)
                seen = batch[-1].seq
            kept = _rows(url)
            with database.unit_of_work() as uow:
                uow.reports.rebuild_sales_summary()
                uow.commit()
            months = {party: _rows(url, query, keys=5) for party, query in MONTHLY.items()}
            assert kept == _rows(url)
            assert _sums_match(_rows(url, TOTALS, keys=4), _totals_of(kept), 4, len(kept))
            assert months == {party: _rows(url, query, keys=5) for party, query in MONTHLY.items()}
            assert _sums_match(months["product"], _months_of(kept, 5), 5, len(kept))
            assert _sums_match(months["customer"], _months_of(kept, 4), 5, len(kept))
            assert _tables(system) == through_summary
        finally:
            database.dispose()

    check()


def test_no_summary_means_every_day_is_read_from_the_documents(fresh: Any) -> None:
    url = fresh()
    database = SqlDatabase.from_url(url)
    system, clock = new_history(database.unit_of_work)
    play(system, clock, [(0, 0, 0, 3, 1), (1, 0, 0, 3, 1), (2, 0, 0, 1, 1)])

    with database.unit_of_work() as uow:
        cursor = uow.reports.summary_cursor()
    revenue = system.report("sales", oms.ReportRequest(start=date(2026, 1, 1), end=date(2026, 1, 31),
                                                       basis="revenue"))
    database.dispose()

    assert cursor is None
    assert _rows(url) == []
    assert revenue.totals is not None
    assert revenue.totals[-3] == Decimal("400.00")  # 3 + 1 DESK at 100.00, shipped and invoiced in January


def test_a_whole_month_with_a_day_the_summary_has_not_applied_yet_is_read_day_by_day(fresh: Any) -> None:
    url = fresh()
    database = SqlDatabase.from_url(url)
    system, clock = new_history(database.unit_of_work)
    log, subscriber = SqlEventLog(database.engine, clock.now), SalesSummarySubscriber(database.unit_of_work)
    clock.advance(timedelta(days=30))  # February 4th
    order = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True, lines=(
        oms.LineInput(sku="DESK", quantity="3"),)))
    kept = system.handle(oms.CreateSalesOrder(customer_code="UNI", branch_code="BER", confirm=True, lines=(
        oms.LineInput(sku="BOOK", quantity="2"),)))
    subscriber.deliver(_events(log, 0, 10_000))
    clock.advance(timedelta(days=30))
    system.handle(oms.CancelSalesOrder(order_id=order))  # February 4th's bookings change after the summary's cursor
    request = oms.ReportRequest(start=date(2026, 2, 1), end=date(2026, 3, 31), basis="bookings", by="product")

    through_summary = system.report("sales", request)
    from_documents = _without_summary(url, lambda: system.report("sales", request))
    database.dispose()

    assert kept
    assert [row[0] for row in through_summary.rows] == ["BOOK"]
    assert through_summary == from_documents


@settings(max_examples=200, deadline=None, database=None)
@given(first=st.dates(date(2025, 1, 1), date(2027, 12, 31)), length=st.integers(0, 800),
       pending=st.lists(st.integers(0, 800), max_size=5))
def test_a_range_splits_into_whole_months_without_pending_days_and_the_other_days_each_day_once(
        first: date, length: int, pending: list[int]) -> None:
    end = first + timedelta(days=length)
    waiting = [first + timedelta(days=offset) for offset in pending if offset < length]

    months, days = month_split(first, end, waiting)

    def each_day(spans: list[tuple[date, date]]) -> list[date]:
        return [since + timedelta(days=n) for since, until in spans for n in range((until - since).days)]

    assert sorted(each_day(months) + each_day(days)) == each_day([(first, end)])
    assert all(since.day == 1 and until.day == 1 for since, until in months)
    assert not set(each_day(months)) & set(waiting)
    assert all(since < until for since, until in months + days)
    assert each_day(quarters(months)) == each_day(months)
    assert all(until <= add_months(since, MONTHS_A_PART) for since, until in quarters(months))
