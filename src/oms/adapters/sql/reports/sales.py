"""Sales figures from the sales documents' tables."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.sql import ColumnElement

from oms.adapters.sql.reports.exact import AMOUNT_PLACES, QUANTITY_PLACES, exact_sum, summed
from oms.adapters.sql.sales.tables import order_lines, sales_orders
from oms.adapters.sql.shared.transaction import Transaction
from oms.domain.reports.bookings import BOOKED_STATUSES, DRAFT, HELD
from oms.domain.sales.sales_order import SalesOrderStatus
from oms.ports.reports.sales import DailySales, SalesFilter


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def booked(status: Any, held_from: Any) -> ColumnElement[bool]:
    """The SQL of `oms.domain.reports.bookings.is_booked`."""
    def value(name: str, status_value: str) -> Any:
        return bindparam(name, SalesOrderStatus(status_value), type_=status.type)

    return or_(*(status == value(f"booked_{s}", s) for s in sorted(BOOKED_STATUSES)),
               and_(status == value("held", HELD), held_from != value("draft", DRAFT)))


class SqlSalesFigures:
    _transaction: Transaction

    def bookings_by_day(self, first: date, end: date, scope: SalesFilter) -> Sequence[DailySales]:
        o, line = sales_orders.c, order_lines.c
        present = tuple(name for name in ("branch_id", "customer_id", "product_id") if getattr(scope, name))

        def build() -> Any:
            postgres = self._transaction.is_postgres
            per_order = select(line.sales_order_id,
                               exact_sum(line.quantity, QUANTITY_PLACES, postgres=postgres).label("quantity"),
                               exact_sum(line.net, AMOUNT_PLACES, postgres=postgres).label("amount"))
            if "product_id" in present:
                per_order = per_order.where(line.product_id == bindparam("product_id"))
            lines = per_order.group_by(line.sales_order_id).subquery()
            statement = select(o.created_at, o.currency, lines.c.quantity, lines.c.amount).join(
                lines, lines.c.sales_order_id == o.id).where(
                o.created_at >= bindparam("since", type_=o.created_at.type),
                o.created_at < bindparam("until", type_=o.created_at.type), booked(o.status, o.held_from))
            for name in ("branch_id", "customer_id"):
                if name in present:
                    statement = statement.where(o[name] == bindparam(name))
            return statement

        statement = self._transaction.compiler.get(("reports", "bookings_by_day", present), build)
        rows = self._transaction.run(statement, {"since": _midnight(first), "until": _midnight(end),
                                                 **{name: getattr(scope, name) for name in present}})
        sums: dict[tuple[date, str], list[Any]] = defaultdict(lambda: [Decimal(0), Decimal(0), 0])
        for row in rows:
            found = sums[(row["created_at"].date(), row["currency"])]
            found[0] += summed(row["quantity"], QUANTITY_PLACES)
            found[1] += summed(row["amount"], AMOUNT_PLACES)
            found[2] += 1
        return [DailySales(day=day, currency=currency, quantity=quantity, amount=amount, documents=count)
                for (day, currency), (quantity, amount, count) in sorted(sums.items())]
