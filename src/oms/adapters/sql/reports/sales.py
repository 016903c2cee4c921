"""Sales figures summed by the database (the rules: `oms.ports.reports.sales`): from the daily summary where it is
up to date, from the documents' lines (lines.py) for the days events after the summary's cursor touch, or for every
day when there is no summary (summary.py). By product or customer (or by branch filtered by either), the whole
months of the range without such a day are read from the summary's monthly rollups, and only the days of the other
months from the daily rows, so a year reads about a thousand rows a month.

On PostgreSQL the sums are exact (NUMERIC); SQLite keeps decimals as text and sums them as floats, so its sums are
rounded back here to the columns' scales (far beyond what a float's error can reach at these magnitudes)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, bindparam, func, select, union_all

from oms.adapters.sql.reports.lines import FILTERS, Basis, filtered, midnight
from oms.adapters.sql.reports.summary import MONTHLY, SqlSalesSummary, lines_of
from oms.adapters.sql.reports.tables import report_sales_daily, report_sales_day_totals
from oms.adapters.sql.shared.listings import number
from oms.adapters.sql.shared.metadata import AMOUNT, QUANTITY
from oms.adapters.sql.shared.transaction import Transaction
from oms.domain.reports.periods import add_months
from oms.ports.reports.sales import SalesFigure, SalesFilter, SalesKey, SalesMeasure

BASIS_OF = {SalesMeasure.BOOKINGS: Basis.BOOKINGS, SalesMeasure.SHIPMENTS: Basis.SHIPMENTS,
            SalesMeasure.REVENUE: Basis.REVENUE, SalesMeasure.ISSUED_COST: Basis.SHIPMENTS}
COLUMN_OF = {SalesKey.DAY: "day", SalesKey.PRODUCT: "product_id", SalesKey.CUSTOMER: "customer_id",
             SalesKey.BRANCH: "branch_id"}
MONTHS_A_PART = 3  # whole months a statement's part reads from a monthly rollup (see `quarters`)
MOST_PENDING_DAYS = 31  # more days waiting for the relay than this: the whole range is read from the documents
Sums = dict[tuple[date | str, str], list[Decimal]]
ZERO = Decimal(0)
Span = tuple[date, date]  # from the first day to before the second


def _exact(value: Any, scale: int, postgres: bool) -> Decimal:
    """A sum read back: PostgreSQL's as it is, SQLite's float rounded to the column's scale (without trailing
    zeros, so 6 units read 6)."""
    if postgres and isinstance(value, Decimal):
        return value
    rounded = Decimal(str(value or 0)).quantize(Decimal(1).scaleb(-scale))
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded.normalize()


def _joined(spans: list[Span]) -> list[Span]:
    """The spans in order, those that meet made one."""
    joined: list[Span] = []
    for first, end in sorted(spans):
        if joined and joined[-1][1] == first:
            joined[-1] = (joined[-1][0], end)
        elif first < end:
            joined.append((first, end))
    return joined


def month_split(first: date, end: date, pending: Sequence[date]) -> tuple[list[Span], list[Span]]:
    """The range from `first` to before `end` as (the spans of whole months none of the `pending` days falls in,
    the spans of the other days): the months at the range's ends that it covers in part, and the months with a
    pending day, are read day by day."""
    whole_from = first if first.day == 1 else add_months(first.replace(day=1), 1)
    whole_until = end.replace(day=1)
    if whole_from >= whole_until:
        return [], _joined([(first, end)])
    touched = {day.replace(day=1) for day in pending}
    months: list[Span] = []
    days: list[Span] = [(first, whole_from), (whole_until, end)]
    month = whole_from
    while month < whole_until:
        following = add_months(month, 1)
        (days if month in touched else months).append((month, following))
        month = following
    return _joined(months), _joined(days)


def quarters(spans: list[Span]) -> list[Span]:
    """The spans of whole months cut into parts of at most MONTHS_A_PART months. The relay rewrites a month's
    rollup rows with every batch that touches it, so until a vacuum most of a rollup's pages hold rows no longer
    live; the planner spreads the live rows over every page and, for the share of the rows a year's months are,
    reads the whole table (over 25,000 pages for 1,000,000 orders, where the rows asked for lie on fewer than a
    thousand). For a part of a few months it reads them by the index."""
    parts: list[Span] = []
    for first, end in spans:
        while first < end:
            parts.append((first, min(add_months(first, MONTHS_A_PART), end)))
            first = parts[-1][1]
    return parts


def monthly_table(key: SalesKey, present: tuple[str, ...]) -> Table | None:
    """The monthly rollup that holds the key and the filters' columns (a category is a product's), if one does."""
    if key is SalesKey.DAY:
        return None
    needed = {COLUMN_OF[key], *("product_id" if name == "category" else name for name in present)}
    return next((table for table, party in MONTHLY if needed <= {"branch_id", party}), None)


class SqlSalesFigures(SqlSalesSummary):
    _transaction: Transaction

    def sales_figures(self, measure: SalesMeasure, key: SalesKey, first: date, end: date,
                      scope: SalesFilter) -> Sequence[SalesFigure]:
        present = tuple(name for name in FILTERS if getattr(scope, name) is not None)
        values: dict[str, Any] = {name: getattr(scope, name) for name in present}
        sums: Sums = {}
        after = self.summary_cursor()
        pending = [] if after is None else [day for day in self.pending_days(BASIS_OF[measure], after)
                                           if first <= day < end]
        if after is None or len(pending) > MOST_PENDING_DAYS:
            self._live(sums, measure, key, first, end, present, values)
        else:
            self._summed(sums, measure, key, first, end, pending, present, values)
            for day in pending:
                self._live(sums, measure, key, day, day + timedelta(days=1), present, values)
        return [SalesFigure(key=group, currency=currency, quantity=quantity, amount=amount)
                for (group, currency), (quantity, amount) in sums.items()]

    def _live(self, sums: Sums, measure: SalesMeasure, key: SalesKey, first: date, end: date,
              present: tuple[str, ...], values: dict[str, Any]) -> None:
        basis, postgres = BASIS_OF[measure], self._transaction.is_postgres

        def build() -> Any:
            lines = lines_of(basis, postgres, present)
            group = lines.c[COLUMN_OF[key]]
            amount = lines.c.cost if measure is SalesMeasure.ISSUED_COST else lines.c.amount
            return select(group.label("grouped"), lines.c.currency, func.sum(lines.c.quantity).label("quantity"),
                          func.sum(amount).label("amount")).group_by(group, lines.c.currency)

        statement = self._transaction.compiler.get(("reports", "sales", "live", measure, key, present), build)
        dated = basis is Basis.REVENUE
        bounds = {"since": first if dated else midnight(first), "until": end if dated else midnight(end)}
        self._add(sums, key, self._transaction.run(statement, {**values, **bounds}))

    def _summed(self, sums: Sums, measure: SalesMeasure, key: SalesKey, first: date, end: date,
                pending: list[date], present: tuple[str, ...], values: dict[str, Any]) -> None:
        """The summary's days of the range but the `pending` ones (which events after the cursor touch), in one
        statement: by day or branch, with no filter but the branch, from the day totals (a few rows a day);
        otherwise the whole months without a pending day from a monthly rollup where one holds the key and the
        filters, a quarter at a time (see `quarters`), and the other days from the daily rows."""
        totals = key in (SalesKey.DAY, SalesKey.BRANCH) and set(present) <= {"branch_id"}
        daily = report_sales_day_totals if totals else report_sales_daily
        monthly = None if totals else monthly_table(key, present)
        months, days = month_split(first, end, pending) if monthly is not None else ([], [(first, end)])
        spans = [(daily, since, until) for since, until in days]
        if monthly is not None:
            spans += [(monthly, since, until) for since, until in quarters(months)]
        if not spans:
            return
        bounds = {f"{bound}_{index}": day for index, (_, since, until) in enumerate(spans)
                  for bound, day in (("since", since), ("until", until))}
        statement = self._statement(tuple(table for table, _, _ in spans), measure, key, present, len(pending))
        self._add(sums, key, self._transaction.run(statement, {
            **values, **bounds, **{f"pending_{index}": day for index, day in enumerate(pending)},
            "basis": BASIS_OF[measure].value}))

    def _statement(self, tables: tuple[Table, ...], measure: SalesMeasure, key: SalesKey, present: tuple[str, ...],
                   pending: int) -> Any:
        """The figures per key and currency of a span of each of the `tables`, the i-th from `since_<i>` to before
        `until_<i>` (days, or first days of months), but for `pending` days (`pending_0`, ...) of a daily table.
        Each span is selected on its own and their rows summed together: one row per key and currency comes back,
        and the planner weighs each span by itself (see `quarters`)."""

        def build() -> Any:
            def span(index: int, table: Table) -> Any:
                s = table.c
                dated = s.day if "day" in s else s.month
                skipped = [bindparam(f"pending_{n}", type_=dated.type) for n in range(pending if "day" in s else 0)]
                amount = s.cost if measure is SalesMeasure.ISSUED_COST else s.amount
                return select(s[COLUMN_OF[key]].label("grouped"), s.currency.label("currency"),
                              number(s.quantity).label("quantity"), number(amount).label("amount")).where(
                    s.basis == bindparam("basis"), dated >= bindparam(f"since_{index}", type_=dated.type),
                    dated < bindparam(f"until_{index}", type_=dated.type),
                    *([dated.not_in(skipped)] if skipped else []), *(filtered(s, name) for name in present))

            parts = [span(index, table) for index, table in enumerate(tables)]
            spans: Any = parts[0] if len(parts) == 1 else union_all(*parts)
            rows = spans.subquery("spans")
            return select(rows.c.grouped, rows.c.currency, func.sum(rows.c.quantity).label("quantity"),
                          func.sum(rows.c.amount).label("amount")).group_by(rows.c.grouped, rows.c.currency)

        return self._transaction.compiler.get(("reports", "sales", "summary", tuple(table.name for table in tables),
                                               measure, key, present, pending), build)

    def _add(self, sums: Sums, key: SalesKey, rows: list[dict[str, Any]]) -> None:
        postgres, by_day = self._transaction.is_postgres, key is SalesKey.DAY
        for row in rows:
            group = row["grouped"]
            if by_day and not isinstance(group, date):
                group = date.fromisoformat(str(group))
            quantity, amount = row["quantity"], row["amount"]
            if not (postgres and isinstance(quantity, Decimal) and isinstance(amount, Decimal)):
                quantity, amount = _exact(quantity, QUANTITY, postgres), _exact(amount, AMOUNT + QUANTITY, postgres)
            found = sums.get((group, row["currency"]))
            if found is None:  # mostly: the summary's spans come back summed, a row per group and currency
                sums[(group, row["currency"])] = [ZERO + quantity, ZERO + amount]  # as added to zero: never -0
            else:
                found[0] += quantity
                found[1] += amount
