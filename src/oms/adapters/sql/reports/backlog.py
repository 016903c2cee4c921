"""The open order backlog from the sales tables: the open lines summed by group by the database, and the first lines
of the listing only (peers.md 6b R5). Both read what is open, never the history: the open orders
(`ix_sales_orders_open`) and the lines to ship of the orders not closed (`ix_order_lines_open`, which the lines of
cancelled and completed orders leave by their `order_closed`): the sums join the two whole, the listing finds the
first orders' lines by their ids. Grouped by customer or branch, the lines are summed by the order's party id and
only the groups look up their codes.

Each line's open value is rounded to its currency's minor unit before it is added, as
`oms.domain.reports.backlog.open_value` rounds it: PostgreSQL divides its exact NUMERIC at 30 decimals and rounds
half away from zero (half up for these positive values); SQLite rounds each line in `oms_remaining_share`
(shared/sqlite_functions.py) and sums whole numbers of the minor unit exactly (`exact.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Integer, Numeric, String, bindparam, case, cast, exists, func, literal_column, select, text
from sqlalchemy.sql import ColumnElement

from oms.adapters.sql.masterdata.tables import branches, customers
from oms.adapters.sql.reports.exact import summed, whole_units
from oms.adapters.sql.reports.orders import (
    HEADER_FILTERS,
    line_columns,
    line_fields,
    midnight,
    of_products,
    present_filters,
)
from oms.adapters.sql.reports.tables import OPEN_LINE, OPEN_ORDER
from oms.adapters.sql.sales.tables import order_lines, sales_orders
from oms.adapters.sql.shared.listings import number
from oms.adapters.sql.shared.metadata import QUANTITY
from oms.adapters.sql.shared.sqlite_functions import REMAINING_SHARE
from oms.adapters.sql.shared.transaction import Transaction
from oms.domain.shared.money import Currency, minor_units_by_code
from oms.ports.reports.orders import BacklogKey, OpenLinesGroup, OpenOrderLine, OrdersFilter

USUAL_MINOR_UNITS = 2
DIVISION_SCALE = 30  # decimals PostgreSQL divides at: far below any rounding to a minor unit


def _unusual_minor_units() -> tuple[tuple[str, int], ...]:
    """The currencies whose minor unit is not the cent (JPY, KWD, ...), for the SQL to round each line to."""
    return tuple(sorted((code, places) for code, places in minor_units_by_code().items()
                        if places != USUAL_MINOR_UNITS))


def _minor_units(currency: Any, unusual: tuple[tuple[str, int], ...]) -> ColumnElement[Any]:
    """The decimals of the currency's minor unit, written into the statement (codes are three capital letters)."""
    return case(*((currency == literal_column(f"'{code}'", String), literal_column(str(places), Integer))
                  for code, places in unusual), else_=literal_column(str(USUAL_MINOR_UNITS), Integer))


def _to_ship(names: tuple[str, ...], dialect: str) -> list[ColumnElement[bool]]:
    """An open order's lines with goods still to ship (as `ix_order_lines_open` holds them), of the product and the
    category asked."""
    return [OPEN_LINE[dialect], *of_products(order_lines.c.product_id, names)]


def _open_orders(statement: Any, names: tuple[str, ...]) -> Any:
    """The open orders (as `ix_sales_orders_open` holds them), of the branch or customer asked."""
    o = sales_orders.c
    statement = statement.where(OPEN_ORDER)
    for name in HEADER_FILTERS:
        if name in names:
            statement = statement.where(o[name] == bindparam(name))
    return statement


def _sums(line: Any, places: ColumnElement[Any], *, postgres: bool) -> tuple[Any, Any]:
    """SUM(open quantity) and SUM(open value, each line's rounded to `places` decimals first). A line nothing of
    which was issued (most open lines) is open for its whole net, which is in the minor unit already
    (`oms.domain.shared.pricing`): neither the division (quantity x net / quantity, exact at 30 decimals) nor the
    rounding (nor finding the currency's minor unit, a CASE over its code) is done for it."""
    if postgres:
        left = number(line.quantity) - number(line.quantity_issued)
        share = case((number(line.quantity_issued) == 0, number(line.net)), else_=func.round(
            cast(left * number(line.net), Numeric(DIVISION_SCALE * 2, DIVISION_SCALE)) / number(line.quantity),
            places))
        return func.sum(left), func.sum(share)
    quantity = (whole_units(line.quantity, QUANTITY, postgres=False)
                - whole_units(line.quantity_issued, QUANTITY, postgres=False))
    return func.sum(quantity), func.sum(getattr(func, REMAINING_SHARE)(line.net, line.quantity, line.quantity_issued,
                                                                      places, type_=Integer))


PARTIES = {BacklogKey.CUSTOMER: customers, BacklogKey.BRANCH: branches}
"""The groupings by the order's party: summed by its id, then its code looked up."""
SUMMED = ("currency", "lines", "late", "quantity", "value", "first_at")


def _summed(key: BacklogKey, names: tuple[str, ...], unusual: tuple[tuple[str, int], ...], *, postgres: bool) -> Any:
    """The open lines summed by currency and by the key: the order's customer or branch id, the line's SKU, or
    nothing (labelled `code`)."""
    o, line = sales_orders.c, order_lines.c
    quantity, value = _sums(line, _minor_units(o.currency, unusual), postgres=postgres)
    code: Any = {BacklogKey.CUSTOMER: o.customer_id, BacklogKey.BRANCH: o.branch_id,
                 BacklogKey.PRODUCT: line.sku}.get(key, literal_column("''", String))
    late = o.created_at < bindparam("today", type_=o.created_at.type)
    statement = _open_orders(select(
        code.label("code"), o.currency, func.count().label("lines"), func.sum(case((late, 1), else_=0)).label("late"),
        quantity.label("quantity"), value.label("value"), func.min(o.created_at).label("first_at")
    ).join_from(sales_orders, order_lines, line.sales_order_id == o.id), names)
    statement = statement.where(*_to_ship(names, "postgresql" if postgres else "sqlite"))
    return statement.group_by(*((o.currency,) if key is BacklogKey.ALL else (code, o.currency)))


class SqlBacklogFigures:
    _transaction: Transaction

    def open_order_lines(self, scope: OrdersFilter, limit: int) -> Sequence[OpenOrderLine]:
        o, line = sales_orders.c, order_lines.c
        names, dialect = present_filters(scope), "postgresql" if self._transaction.is_postgres else "sqlite"

        def build() -> Any:
            # the first open orders with a line to ship, in the index's order (as many orders as lines are wanted:
            # each has one at least), then their lines to ship: the first lines are read, never all of them
            picked = _open_orders(select(o.id, o.number, o.created_at, o.status, o.branch_id, o.customer_id,
                                         o.currency), names).where(
                exists().where(line.sales_order_id == o.id, *_to_ship(names, dialect))).order_by(
                o.created_at, o.number).limit(bindparam("limit")).subquery("picked")
            return (select(*line_columns(picked.c), line.quantity_issued, line.quantity_returned,
                           customers.c.code.label("customer_code"), branches.c.code.label("branch_code"))
                    .select_from(picked.join(order_lines, line.sales_order_id == picked.c.id)
                                 .join(customers, customers.c.id == picked.c.customer_id)
                                 .join(branches, branches.c.id == picked.c.branch_id))
                    .where(*_to_ship(names, dialect))
                    .order_by(picked.c.created_at, picked.c.number, line.position).limit(bindparam("limit")))

        statement = self._transaction.compiler.get(("reports", "open_order_lines", names), build)
        rows = self._transaction.run(statement, {"limit": limit, **{name: getattr(scope, name) for name in names}})
        return [OpenOrderLine(**line_fields(row, row["quantity_issued"], row["quantity_returned"]),
                              customer_code=row["customer_code"], branch_code=row["branch_code"]) for row in rows]

    def open_order_groups(self, scope: OrdersFilter, key: BacklogKey, today: date) -> Sequence[OpenLinesGroup]:
        names, postgres, unusual = present_filters(scope), self._transaction.is_postgres, _unusual_minor_units()

        def build() -> Any:
            grouped = _summed(key, names, unusual, postgres=postgres)
            if key not in PARTIES:
                return grouped
            # the customers' or branches' codes found for the groups (~2,000 at most), not for each open line
            parties, by_id = PARTIES[key], grouped.subquery("grouped")
            return select(parties.c.code.label("code"), *(by_id.c[name] for name in SUMMED)).join_from(
                by_id, parties, parties.c.id == by_id.c.code)

        compiler = self._transaction.compiler
        statement = compiler.get(("reports", "open_order_groups", key, names, unusual), build)
        values = {"today": midnight(today), **{name: getattr(scope, name) for name in names}}
        if not postgres:
            return [_group(row) for row in self._transaction.run(statement, values)]
        # JIT compiled the statement for 8 to 18 ms of ~100 whenever the planner's estimate passed `jit_above_cost`
        # and never paid back: off for the rest of this transaction. The planner expects ~1,000 open lines of the
        # open orders (it cannot know they are the same orders), not the ~50,000 there are at 1,000,000 orders,
        # and sorted them to group them (spilling to disk: 80 ms); it hashes them when sorting is off, for this
        # statement only.
        prepare, sorting_back = (compiler.get(("reports", "backlog_settings"), lambda: text(
            "SELECT set_config('jit', 'off', true), set_config('enable_sort', 'off', true)")), compiler.get(
            ("reports", "sorting_back"), lambda: text("SELECT set_config('enable_sort', 'on', true)")))
        _, rows, _ = self._transaction.run_together([(prepare, {}), (statement, values), (sorting_back, {})])
        return [_group(row) for row in rows]


def _group(row: dict[str, Any]) -> OpenLinesGroup:
    currency = Currency.of(row["currency"])
    return OpenLinesGroup(
        code=row["code"], currency=currency.code, lines=int(row["lines"]), late_lines=int(row["late"]),
        open_quantity=summed(row["quantity"], QUANTITY),
        open_value=currency.round(summed(row["value"], currency.minor_units)),
        first_day=row["first_at"].date())
