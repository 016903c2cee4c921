"""Stock figures from the movement ledger and the levels, summed by the database.

The quantity and value on hand at a time is the sum of the movements before it; the database sums whichever side
of the ledger is shorter: the movements before the time (forward), or the levels (the sums of every movement, kept
by the same transactions that write the movements) less the movements from that time on (backward), which for a
recent day reads only its few later movements. One statement reads both sides, so they are of one snapshot. The
index on (at, kind, product_id, warehouse_id, quantity, value) serves both ranges from the index alone.

SQLite keeps decimals as text and would sum them as floats, so there each value is summed as an integer of its
smallest unit (ten-thousandths of an amount, millionths of a quantity), exact up to 2^63 of them; PostgreSQL sums
its NUMERIC columns exactly as they are."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, false, func, or_, select, union_all
from sqlalchemy.sql import ColumnElement

from oms.adapters.sql.masterdata.tables import products
from oms.adapters.sql.reports.exact import summed, whole_units
from oms.adapters.sql.shared.metadata import AMOUNT, QUANTITY
from oms.adapters.sql.shared.transaction import Transaction
from oms.adapters.sql.stock.tables import stock_levels, stock_movements
from oms.domain.stock.levels import MovementKind
from oms.ports.reports.stock import StockActivity, StockFilter, StockIssued, StockNow, StockPosition

m = stock_movements.c
ISSUES = (MovementKind.ISSUE, MovementKind.CONSUMPTION)


def _filtered(statement: Any, columns: Any, scope: StockFilter) -> Any:
    """`statement` limited to the scope's product, its category's products and its warehouses (one parameter per
    warehouse: w0, w1, ...)."""
    if scope.product_id is not None:
        statement = statement.where(columns.product_id == bindparam("product_id"))
    if scope.category is not None:
        statement = statement.where(columns.product_id.in_(
            select(products.c.id).where(products.c.category == bindparam("category"))))
    if scope.warehouse_ids is not None:
        statement = statement.where(or_(false(), *(columns.warehouse_id == bindparam(f"w{i}")
                                                   for i in range(len(scope.warehouse_ids)))))
    return statement


def _shape(scope: StockFilter) -> tuple[bool, bool, int | None]:
    return (scope.product_id is not None, scope.category is not None,
            None if scope.warehouse_ids is None else len(scope.warehouse_ids))


def _values(scope: StockFilter) -> dict[str, Any]:
    values: dict[str, Any] = {} if scope.product_id is None else {"product_id": scope.product_id}
    if scope.category is not None:
        values["category"] = scope.category
    values.update({f"w{i}": warehouse for i, warehouse in enumerate(scope.warehouse_ids or ())})
    return values


def _issued(exact: bool, scope: StockFilter) -> Any:
    """The quantities issued or consumed from `since` to before `end` (negative), summed by level."""
    return _filtered(
        select(m.product_id, m.warehouse_id, func.sum(whole_units(m.quantity, QUANTITY, postgres=exact)).label("moved"))
        .where(m.at >= bindparam("since", type_=m.at.type), m.at < bindparam("end", type_=m.at.type),
               or_(*(m.kind == kind for kind in ISSUES)))
        .group_by(m.product_id, m.warehouse_id), m, scope)


class SqlStockFigures:
    _transaction: Transaction

    def _span(self) -> tuple[datetime | None, datetime | None]:
        t = self._transaction
        statement = t.compiler.get(("reports", "movement_span"), lambda: select(
            func.min(m.at).label("first"), func.max(m.at).label("last")))
        row = t.run(statement)[0]
        return row["first"], row["last"]

    def stock_at(self, end: datetime, scope: StockFilter) -> Sequence[StockPosition]:
        first, last = self._span()
        if first is None or last is None or end <= first:
            return []
        backward = last - end < end - first
        t = self._transaction
        exact = t.is_postgres

        def build() -> Any:
            # The movements are grouped by level on their own (the planner knows how many levels there are),
            # then added to the levels when going backward.
            quantity = whole_units(m.quantity, QUANTITY, postgres=exact)
            value = whole_units(m.value, AMOUNT, postgres=exact)
            side = m.at >= bindparam("end", type_=m.at.type) if backward else m.at < bindparam("end", type_=m.at.type)
            quantities: ColumnElement[Any] = func.sum(quantity)
            values: ColumnElement[Any] = func.sum(value)
            if backward:
                quantities, values = -quantities, -values
            moved = _filtered(select(m.product_id, m.warehouse_id, quantities.label("quantity"),
                                     values.label("value"))
                              .where(side).group_by(m.product_id, m.warehouse_id), m, scope)
            if backward:
                lv = stock_levels.c
                held = _filtered(select(lv.product_id, lv.warehouse_id,
                                        whole_units(lv.on_hand, QUANTITY, postgres=exact).label("quantity"),
                                        whole_units(lv.value, AMOUNT, postgres=exact).label("value")), lv, scope)
                rows = union_all(held, moved).subquery("moved")
                summed = (select(rows.c.product_id, rows.c.warehouse_id,
                                 func.sum(rows.c.quantity).label("quantity"), func.sum(rows.c.value).label("value"))
                          .group_by(rows.c.product_id, rows.c.warehouse_id).subquery("summed"))
            else:
                summed = moved.subquery("summed")
            return (select(summed.c.product_id, products.c.sku, summed.c.warehouse_id, summed.c.quantity,
                           summed.c.value)
                    .join_from(summed, products, products.c.id == summed.c.product_id))

        statement = t.compiler.get(("reports", "stock_at", backward, exact, *_shape(scope)), build)
        found = []
        for row in t.run(statement, {"end": end, **_values(scope)}):
            quantity, value = summed(row["quantity"], QUANTITY), summed(row["value"], AMOUNT)
            if quantity or value:
                found.append(StockPosition(product_id=row["product_id"], sku=row["sku"],
                                           warehouse_id=row["warehouse_id"], quantity=quantity, value=value))
        return found

    def stock_activity(self, since: datetime, end: datetime, scope: StockFilter) -> Sequence[StockActivity]:
        """The last issue and the first movement of each level by an index seek each (on (product_id,
        warehouse_id, kind, at) and (product_id, warehouse_id, seq)); the window's issues by the range of `at`."""
        t = self._transaction
        exact = t.is_postgres
        lv = stock_levels.c

        def build() -> Any:
            def last(kind: MovementKind) -> Any:
                return (select(func.max(m.at)).where(
                    m.product_id == lv.product_id, m.warehouse_id == lv.warehouse_id, m.kind == kind,
                    m.at < bindparam("end", type_=m.at.type)).scalar_subquery())

            first = (select(m.at).where(m.product_id == lv.product_id, m.warehouse_id == lv.warehouse_id)
                     .order_by(m.seq).limit(1).scalar_subquery())
            window = _issued(exact, scope).subquery("window")
            return _filtered(
                select(lv.product_id, lv.warehouse_id, last(MovementKind.ISSUE).label("issue"),
                       last(MovementKind.CONSUMPTION).label("consumption"), first.label("first"),
                       window.c.moved)
                .outerjoin_from(stock_levels, window, and_(window.c.product_id == lv.product_id,
                                                           window.c.warehouse_id == lv.warehouse_id)), lv, scope)

        statement = t.compiler.get(("reports", "stock_activity", exact, *_shape(scope)), build)
        found = []
        for row in t.run(statement, {"since": since, "end": end, **_values(scope)}):
            issues = [at for at in (row["issue"], row["consumption"]) if at is not None]
            found.append(StockActivity(product_id=row["product_id"], warehouse_id=row["warehouse_id"],
                                       last_issue=max(issues) if issues else None, first_movement=row["first"],
                                       issued=-summed(row["moved"], QUANTITY)))
        return found

    def stock_issued(self, since: datetime, end: datetime, scope: StockFilter) -> Sequence[StockIssued]:
        """The window's issues by the range of `at`, grouped by level (no per-level look-up)."""
        t = self._transaction
        exact = t.is_postgres
        statement = t.compiler.get(("reports", "stock_issued", exact, *_shape(scope)), lambda: _issued(exact, scope))
        return [StockIssued(product_id=row["product_id"], warehouse_id=row["warehouse_id"],
                            issued=-summed(row["moved"], QUANTITY))
                for row in t.run(statement, {"since": since, "end": end, **_values(scope)})]

    def stock_now(self, scope: StockFilter) -> Sequence[StockNow]:
        t = self._transaction
        lv = stock_levels.c
        statement = t.compiler.get(("reports", "stock_now", *_shape(scope)), lambda: _filtered(
            select(lv.product_id, products.c.sku, lv.warehouse_id, lv.on_hand, lv.reserved, lv.value)
            .join_from(stock_levels, products, products.c.id == lv.product_id), lv, scope))
        return [StockNow(product_id=row["product_id"], sku=row["sku"], warehouse_id=row["warehouse_id"],
                         on_hand=row["on_hand"], reserved=row["reserved"], value=row["value"])
                for row in t.run(statement, _values(scope))]



