"""The daily sales summary (`report_sales_daily`): each day's lines of every basis summed per branch, currency,
customer and product, so the sales reports read one row per day and group instead of every document line and
their documents.

How it stays right:
- a relay subscriber (`SalesSummarySubscriber`) takes the outbox's events in order and, in one transaction,
  recomputes from the documents every (basis, day) the events' documents touch (an order's booking day, the days
  of its goods issues and return receipts, a posted invoice's date) and records the last event's `published_seq` in
  `report_summary_cursors`; a batch handed over again (at least once) finds its events at or below the cursor and
  applies nothing, and recomputing a day is the same whatever was applied before;
- `rebuild` recomputes the whole table from the documents and sets the cursor to the last sequenced event (the
  subscriber's first batch rebuilds when there is no cursor yet);
- `report_sales_day_totals` holds the same days summed per branch and currency only, recomputed from
  `report_sales_daily` with them (reports by period, unfiltered or by branch, read a few rows a day from it);
- `report_sales_monthly_products` and `report_sales_monthly_customers` hold its whole months summed per branch,
  currency and product, or customer, recomputed from `report_sales_daily` for each month whose days a batch
  recomputed, after them in the same transaction (reports by product or customer read the whole months of their
  range from them, and the days of the months at its ends from `report_sales_daily`);
- a report never waits for the relay: the days that events after the cursor touch (sequenced or not yet) are read
  from the documents, every other day from the summary; without a cursor everything is read from the documents.

Known limit: an invoice line's product is found by its SKU when the day is computed; a product whose SKU changes
later leaves those rows under the old key until a rebuild (the documents read live find the new one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, DateTime, bindparam, cast, delete, func, insert, literal, select, union_all

from oms.adapters.sql.reports.lines import KEYS, Basis, line_selects, midnight
from oms.adapters.sql.reports.tables import (
    report_sales_daily,
    report_sales_day_totals,
    report_sales_monthly_customers,
    report_sales_monthly_products,
    report_summary_cursors,
)
from oms.adapters.sql.reports.touched import days_of, pending_documents, touched_days
from oms.adapters.sql.shared.tables import outbox
from oms.adapters.sql.shared.transaction import Transaction
from oms.domain.reports.periods import add_months
from oms.ports.shared.relay import PublishedEvent
from oms.ports.unit_of_work import UnitOfWork

CURSOR = "sales"
EARLIEST, LATEST = date(1900, 1, 1), date(9999, 12, 31)
MONTHLY = ((report_sales_monthly_products, "product_id"), (report_sales_monthly_customers, "customer_id"))
DOCUMENTS = 50  # documents whose days one statement asks for (the last repeated to fill it)
SUMMARY_TABLES = (report_sales_daily, report_sales_day_totals, *(table for table, _ in MONTHLY))


def lines_of(basis: Basis, postgres: bool, present: tuple[str, ...]) -> Any:
    """The basis's lines as one subquery."""
    selects = line_selects(basis, postgres, present)
    return (selects[0] if len(selects) == 1 else union_all(*selects)).subquery("lines")


def month_of(day: Any, postgres: bool) -> Any:
    """The first day of a date column's month."""
    if postgres:
        return cast(func.date_trunc("month", cast(day, DateTime)), Date)
    return func.date(day, "start of month")


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


class SqlSalesSummary:
    """The summary's statements, in the reports' transaction."""

    _transaction: Transaction

    def summary_cursor(self) -> int | None:
        """The last event the summary applied (None: there is no summary yet)."""
        statement = self._transaction.compiler.get(("reports", "summary", "cursor"), lambda: select(
            report_summary_cursors.c.seq).where(report_summary_cursors.c.name == CURSOR))
        rows = self._transaction.run(statement, {})
        return None if not rows else int(rows[0]["seq"])

    def pending_days(self, basis: Basis, after: int) -> list[date]:
        """The days of the basis that events after `after` touch, in order: the events' documents first (none,
        mostly), then their days, DOCUMENTS at a time, in one round trip."""
        transaction, postgres = self._transaction, self._transaction.is_postgres
        found = transaction.run(transaction.compiler.get(("reports", "summary", "pending"), pending_documents),
                                {"after": after})
        documents = [row["aggregate_id"] for row in found]
        if not documents:
            return []
        statement = transaction.compiler.get(("reports", "summary", "days-of", basis),
                                             lambda: days_of(basis, postgres, DOCUMENTS))
        chunks = [documents[start:start + DOCUMENTS] for start in range(0, len(documents), DOCUMENTS)]
        days = transaction.run_together([(statement, {f"document_{index}": chunk[min(index, len(chunk) - 1)]
                                                      for index in range(DOCUMENTS)}) for chunk in chunks])
        return sorted({_day(row["day"]) for rows in days for row in rows})

    def apply_sales_events(self, upto: int) -> bool:
        """Bring the summary up to the event `upto` (the last of a batch): recompute the days the events since the
        cursor touch, or everything without a cursor; False when `upto` was applied already."""
        after = self.summary_cursor()
        if after is None:
            self.rebuild_sales_summary(upto)
            return True
        if upto <= after:
            return False
        postgres, transaction = self._transaction.is_postgres, self._transaction
        for basis in Basis:
            def build(basis: Basis = basis) -> Any:
                return touched_days(basis, postgres)

            rows = transaction.run(transaction.compiler.get(("reports", "summary", "touched", basis), build),
                                   {"after": after, "upto": upto})
            days = sorted(_day(row["day"]) for row in rows)
            for day in days:
                self._recompute(basis, day, day + timedelta(days=1))
            for month in sorted({day.replace(day=1) for day in days}):
                self._roll_up(basis, month, add_months(month, 1))
        self._set_cursor(upto)
        return True

    def rebuild_sales_summary(self, upto: int = 0) -> None:
        """Recompute the whole summary from the documents; the cursor goes to the last event sequenced before it
        (or `upto`, if later). That event is read first: every event sequenced by then was committed before, so
        the documents read next include what it did (later batches of older events then apply nothing)."""
        transaction = self._transaction
        last = transaction.run(transaction.compiler.get(("reports", "summary", "last"), lambda: select(
            func.coalesce(func.max(outbox.c.published_seq), 0).label("seq"))), {})
        for table in SUMMARY_TABLES:
            def clear(table: Any = table) -> Any:
                return delete(table)

            transaction.queue(transaction.compiler.get(("reports", "summary", "clear", table.name), clear), [{}])
        for basis in Basis:
            self._insert(basis, EARLIEST, LATEST)
            self._total(basis, EARLIEST, LATEST)
            self._roll_up(basis, EARLIEST, LATEST, cleared=True)
        self._set_cursor(max(upto, int(last[0]["seq"])))

    def _recompute(self, basis: Basis, first: date, end: date) -> None:
        transaction = self._transaction
        for table in (report_sales_daily, report_sales_day_totals):
            def build(table: Any = table) -> Any:
                day = table.c.day
                return delete(table).where(table.c.basis == bindparam("basis"),
                                           day >= bindparam("first", type_=day.type),
                                           day < bindparam("end", type_=day.type))

            statement = transaction.compiler.get(("reports", "summary", "forget", table.name), build)
            transaction.queue(statement, [{"basis": basis.value, "first": first, "end": end}])
        self._insert(basis, first, end)
        self._total(basis, first, end)

    def _total(self, basis: Basis, first: date, end: date) -> None:
        """The day totals of the range, summed from the summary's rows (written before, in the same transaction)."""
        transaction, s = self._transaction, report_sales_daily.c
        keys = [s.basis, s.day, s.branch_id, s.currency]

        def build() -> Any:
            summed = select(*keys, func.sum(s.quantity), func.sum(s.amount), func.sum(s.cost)).where(
                s.basis == bindparam("basis"), s.day >= bindparam("first", type_=s.day.type),
                s.day < bindparam("end", type_=s.day.type)).group_by(*keys)
            return insert(report_sales_day_totals).from_select(
                ["basis", "day", "branch_id", "currency", "quantity", "amount", "cost"], summed)

        statement = transaction.compiler.get(("reports", "summary", "totals"), build)
        transaction.queue(statement, [{"basis": basis.value, "first": first, "end": end}])

    def _roll_up(self, basis: Basis, first: date, end: date, *, cleared: bool = False) -> None:
        """The monthly rows of the months from `first` to before `end` (first days of months), summed from the
        summary's rows (written before, in the same transaction); `cleared`: the old ones are gone already."""
        transaction, postgres, s = self._transaction, self._transaction.is_postgres, report_sales_daily.c
        bounds = {"basis": basis.value, "first": first, "end": end}
        for table, party in MONTHLY:
            def forget(table: Any = table) -> Any:
                month = table.c.month
                return delete(table).where(table.c.basis == bindparam("basis"),
                                           month >= bindparam("first", type_=month.type),
                                           month < bindparam("end", type_=month.type))

            def build(table: Any = table, party: str = party) -> Any:
                keys = [s.basis, month_of(s.day, postgres), s.branch_id, s.currency, s[party]]
                summed = select(*keys, func.sum(s.quantity), func.sum(s.amount), func.sum(s.cost)).where(
                    s.basis == bindparam("basis"), s.day >= bindparam("first", type_=s.day.type),
                    s.day < bindparam("end", type_=s.day.type)).group_by(*keys)
                return insert(table).from_select(
                    ["basis", "month", "branch_id", "currency", party, "quantity", "amount", "cost"], summed)

            if not cleared:
                transaction.queue(transaction.compiler.get(("reports", "summary", "unroll", table.name), forget),
                                  [bounds])
            transaction.queue(transaction.compiler.get(("reports", "summary", "roll-up", table.name), build),
                              [bounds])

    def _insert(self, basis: Basis, first: date, end: date) -> None:
        """The summary's rows of the range, written in the order of their key: a rebuild's days then lie together
        on disk (in the order of a hash table otherwise), so reading a few days reads a few pages."""
        transaction, postgres = self._transaction, self._transaction.is_postgres

        def build() -> Any:
            lines = lines_of(basis, postgres, ())
            keys = [lines.c[name] for name in KEYS]
            summed = select(literal(basis.value).label("basis"), *keys, func.sum(lines.c.quantity),
                            func.sum(lines.c.amount), func.sum(lines.c.cost)).group_by(*keys).order_by(*keys)
            return insert(report_sales_daily).from_select(
                ["basis", *KEYS, "quantity", "amount", "cost"], summed)

        statement = transaction.compiler.get(("reports", "summary", "insert", basis), build)
        transaction.queue(statement, [_bounds(basis, first, end)])

    def _set_cursor(self, seq: int) -> None:
        transaction, c = self._transaction, report_summary_cursors.c
        transaction.queue(transaction.compiler.get(("reports", "summary", "uncursor"), lambda: delete(
            report_summary_cursors).where(c.name == CURSOR)), [{}])
        transaction.queue(transaction.compiler.get(("reports", "summary", "cursor-at"), lambda: insert(
            report_summary_cursors).values(name=CURSOR, seq=bindparam("seq"))), [{"seq": seq}])


def _bounds(basis: Basis, first: date, end: date) -> dict[str, Any]:
    """The range parameters of a basis's lines: days for invoices, midnights UTC for timestamps."""
    if basis is Basis.REVENUE:
        return {"since": first, "until": end}
    return {"since": midnight(first), "until": midnight(end)}


class SalesSummarySubscriber:
    """The relay's subscriber that keeps the daily sales summary (see the module's docstring)."""

    name = "sales-summary"

    def __init__(self, unit_of_work: Callable[[], UnitOfWork]) -> None:
        self._unit_of_work = unit_of_work

    def deliver(self, events: Sequence[PublishedEvent]) -> None:
        if not events:
            return
        uow = self._unit_of_work()
        with uow:
            reports = uow.reports
            assert isinstance(reports, SqlSalesSummary), "the sales summary is kept in SQL databases only"
            reports.apply_sales_events(max(event.seq for event in events))
            uow.commit()


def rebuild_sales_summary(unit_of_work: Callable[[], UnitOfWork]) -> None:
    """Recompute the daily sales summary from the documents, in a transaction of its own (what a rebuild command
    runs; the relay's subscriber goes on from the last event sequenced)."""
    uow = unit_of_work()
    with uow:
        reports = uow.reports
        assert isinstance(reports, SqlSalesSummary), "the sales summary is kept in SQL databases only"
        reports.rebuild_sales_summary()
        uow.commit()
