"""Sales figures summed by the database (the rules: `oms.ports.reports.sales`): from the daily summary where it is
up to date, from the documents' lines (lines.py) for the days events after the summary's cursor touch, or for every
day when there is no summary (summary.py).

On PostgreSQL the sums are exact (NUMERIC); SQLite keeps decimals as text and sums them as floats, so its sums are
rounded back here to the columns' scales (far beyond what a float's error can reach at these magnitudes)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, select

from oms.adapters.sql.reports.lines import FILTERS, Basis, filtered, midnight
from oms.adapters.sql.reports.summary import SqlSalesSummary, lines_of, pending_select
from oms.adapters.sql.reports.tables import report_sales_daily, report_sales_day_totals
from oms.adapters.sql.shared.listings import number
from oms.adapters.sql.shared.metadata import AMOUNT, QUANTITY
from oms.adapters.sql.shared.transaction import Transaction
from oms.ports.reports.sales import SalesFigure, SalesFilter, SalesKey, SalesMeasure

BASIS_OF = {SalesMeasure.BOOKINGS: Basis.BOOKINGS, SalesMeasure.SHIPMENTS: Basis.SHIPMENTS,
            SalesMeasure.REVENUE: Basis.REVENUE, SalesMeasure.ISSUED_COST: Basis.SHIPMENTS}
COLUMN_OF = {SalesKey.DAY: "day", SalesKey.PRODUCT: "product_id", SalesKey.CUSTOMER: "customer_id",
             SalesKey.BRANCH: "branch_id"}
MOST_PENDING_DAYS = 31  # more days waiting for the relay than this: the whole range is read from the documents
Sums = dict[tuple[date | str, str], list[Decimal]]


def _exact(value: Any, scale: int, postgres: bool) -> Decimal:
    """A sum read back: PostgreSQL's as it is, SQLite's float rounded to the column's scale (without trailing
    zeros, so 6 units read 6)."""
    if postgres and isinstance(value, Decimal):
        return value
    rounded = Decimal(str(value or 0)).quantize(Decimal(1).scaleb(-scale))
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded.normalize()


class SqlSalesFigures(SqlSalesSummary):
    _transaction: Transaction

    def sales_figures(self, measure: SalesMeasure, key: SalesKey, first: date, end: date,
                      scope: SalesFilter) -> Sequence[SalesFigure]:
        present = tuple(name for name in FILTERS if getattr(scope, name) is not None)
        values: dict[str, Any] = {name: getattr(scope, name) for name in present}
        sums: Sums = defaultdict(lambda: [Decimal(0), Decimal(0)])
        after = self.summary_cursor()
        pending = [] if after is None else [day for day in self.pending_days(BASIS_OF[measure], after)
                                           if first <= day < end]
        if after is None or len(pending) > MOST_PENDING_DAYS:
            self._live(sums, measure, key, first, end, present, values)
        else:
            self._summed(sums, measure, key, first, end, after, present, values)
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

    def _summed(self, sums: Sums, measure: SalesMeasure, key: SalesKey, first: date, end: date, after: int,
                present: tuple[str, ...], values: dict[str, Any]) -> None:
        """The summary's days of the range, but for those that events after the cursor (`after`) touch; by day or
        branch, with no filter but the branch, from the day totals (a few rows a day)."""
        totals = key in (SalesKey.DAY, SalesKey.BRANCH) and set(present) <= {"branch_id"}
        table = report_sales_day_totals if totals else report_sales_daily
        s, basis, postgres = table.c, BASIS_OF[measure], self._transaction.is_postgres

        def build() -> Any:
            group = s[COLUMN_OF[key]]
            amount = s.cost if measure is SalesMeasure.ISSUED_COST else s.amount
            statement = select(group.label("grouped"), s.currency, func.sum(number(s.quantity)).label("quantity"),
                               func.sum(number(amount)).label("amount")).where(
                s.basis == bindparam("basis"), s.day >= bindparam("since", type_=s.day.type),
                s.day < bindparam("until", type_=s.day.type), s.day.not_in(pending_select(basis, postgres)),
                *(filtered(s, name) for name in present))
            return statement.group_by(group, s.currency)

        statement = self._transaction.compiler.get(("reports", "sales", "summary", table.name, measure, key, present),
                                                   build)
        bounds: dict[str, Any] = {"basis": basis.value, "since": first, "until": end, "after": after}
        self._add(sums, key, self._transaction.run(statement, {**values, **bounds}))

    def _add(self, sums: Sums, key: SalesKey, rows: list[dict[str, Any]]) -> None:
        postgres = self._transaction.is_postgres
        for row in rows:
            group = row["grouped"]
            if key is SalesKey.DAY and not isinstance(group, date):
                group = date.fromisoformat(str(group))
            found = sums[(group, row["currency"])]
            found[0] += _exact(row["quantity"], QUANTITY, postgres)
            found[1] += _exact(row["amount"], AMOUNT + QUANTITY, postgres)
