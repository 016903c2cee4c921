"""Sales figures summed by the database from the documents' tables (the rules: `oms.ports.reports.sales`).

Each statement reads one child table (order lines, goods issue lines, return receipts, invoice lines) joined only
to its parents, and groups by the key and the currency, so nothing fans out. On PostgreSQL the sums are exact
(NUMERIC); SQLite keeps decimals as text and sums them as floats, so its sums are rounded back to the columns'
scales here (far beyond what a float's error can reach at these magnitudes)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, and_, bindparam, case, cast, func, literal, or_, select
from sqlalchemy.sql import ColumnElement

from oms.adapters.sql.invoicing.tables import invoice_lines, invoices
from oms.adapters.sql.masterdata.tables import products
from oms.adapters.sql.sales.tables import (
    customer_returns,
    goods_issue_lines,
    goods_issues,
    order_lines,
    return_receipts,
    sales_orders,
)
from oms.adapters.sql.shared.listings import number
from oms.adapters.sql.shared.metadata import AMOUNT, QUANTITY
from oms.adapters.sql.shared.transaction import Transaction
from oms.domain.invoicing.invoices import InvoiceKind, InvoiceStatus
from oms.domain.reports.bookings import BOOKED_STATUSES, DRAFT, HELD
from oms.domain.sales.sales_order import SalesOrderStatus
from oms.ports.reports.sales import SalesFigure, SalesFilter, SalesKey, SalesMeasure

FILTERS = ("branch_id", "customer_id", "product_id")


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def booked(status: Any, held_from: Any) -> ColumnElement[bool]:
    """The SQL of `oms.domain.reports.bookings.is_booked`."""
    return or_(*(status == SalesOrderStatus(s) for s in sorted(BOOKED_STATUSES)),
               and_(status == SalesOrderStatus(HELD), held_from != SalesOrderStatus(DRAFT)))


def _exact(value: Any, scale: int) -> Decimal:
    """A sum read back: PostgreSQL's as it is, SQLite's float rounded to the column's scale (without trailing
    zeros, so 6 units read 6)."""
    if isinstance(value, Decimal):
        return value
    rounded = Decimal(str(value or 0)).quantize(Decimal(1).scaleb(-scale))
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded.normalize()


class _Shape:
    """One statement's parts: the key's column, the currency, the signed quantity and amount, the filters' columns
    and the dated column with its range."""

    def __init__(self, *, postgres: bool, key: SalesKey, day: Any, timestamp: bool, columns: dict[str, Any]) -> None:
        self.postgres, self.key, self.day, self.timestamp, self.columns = postgres, key, day, timestamp, columns

    def day_of(self) -> Any:
        if not self.timestamp:
            return self.day
        return cast(func.timezone("UTC", self.day), Date) if self.postgres else func.date(self.day)

    def group(self) -> Any:
        return self.day_of() if self.key is SalesKey.DAY else self.columns[self.key.value]

    def within(self) -> list[ColumnElement[bool]]:
        return [self.day >= bindparam("since", type_=self.day.type), self.day < bindparam("until", type_=self.day.type)]

    def filtered(self, present: tuple[str, ...]) -> list[ColumnElement[bool]]:
        return [self.columns[name.removesuffix("_id")] == bindparam(name) for name in present]


class SqlSalesFigures:
    _transaction: Transaction

    def sales_figures(self, measure: SalesMeasure, key: SalesKey, first: date, end: date,
                      scope: SalesFilter) -> Sequence[SalesFigure]:
        present = tuple(name for name in FILTERS if getattr(scope, name) is not None)
        postgres = self._transaction.is_postgres
        builders = {SalesMeasure.BOOKINGS: (self._bookings,), SalesMeasure.REVENUE: (self._revenue,),
                    SalesMeasure.SHIPMENTS: (self._issues, self._returns),
                    SalesMeasure.ISSUED_COST: (self._issues, self._returns)}[measure]
        values: dict[str, Any] = {name: getattr(scope, name) for name in present}
        sums: dict[tuple[date | str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
        for build in builders:
            def statement(build: Any = build) -> Any:
                return build(measure, key, present, postgres)

            compiled = self._transaction.compiler.get(("reports", "sales", build.__name__, measure, key, present),
                                                      statement)
            dated = measure is SalesMeasure.REVENUE
            bounds = {"since": first if dated else _midnight(first), "until": end if dated else _midnight(end)}
            for row in self._transaction.run(compiled, {**values, **bounds}):
                group = row["grouped"]
                if key is SalesKey.DAY and not isinstance(group, date):
                    group = date.fromisoformat(str(group))
                found = sums[(group, row["currency"])]
                found[0] += _exact(row["quantity"], QUANTITY)
                found[1] += _exact(row["amount"], AMOUNT + QUANTITY)
        return [SalesFigure(key=group, currency=currency, quantity=quantity, amount=amount)
                for (group, currency), (quantity, amount) in sums.items()]

    @staticmethod
    def _select(shape: _Shape, currency: Any, quantity: Any, amount: Any) -> Any:
        group = shape.group()
        return select(group.label("grouped"), currency.label("currency"),
                      func.sum(quantity).label("quantity"), func.sum(amount).label("amount")), group, currency

    def _bookings(self, measure: SalesMeasure, key: SalesKey, present: tuple[str, ...], postgres: bool) -> Any:
        o, line = sales_orders.c, order_lines.c
        shape = _Shape(postgres=postgres, key=key, day=o.created_at, timestamp=True,
                       columns={"product": line.product_id, "customer": o.customer_id, "branch": o.branch_id})
        statement, group, currency = self._select(shape, o.currency, number(line.quantity), number(line.net))
        return (statement.select_from(order_lines.join(sales_orders, sales_orders.c.id == line.sales_order_id))
                .where(*shape.within(), booked(o.status, o.held_from), *shape.filtered(present))
                .group_by(group, currency))

    def _issues(self, measure: SalesMeasure, key: SalesKey, present: tuple[str, ...], postgres: bool) -> Any:
        o, issue, issued, line = sales_orders.c, goods_issues.c, goods_issue_lines.c, order_lines.c
        shape = _Shape(postgres=postgres, key=key, day=issue.issued_at, timestamp=True,
                       columns={"product": issued.product_id, "customer": o.customer_id, "branch": o.branch_id})
        quantity = number(issued.quantity)
        amount = number(issued.value) if measure is SalesMeasure.ISSUED_COST else \
            quantity * number(line.net) / number(line.quantity)
        statement, group, currency = self._select(shape, o.currency, quantity, amount)
        joined = goods_issue_lines.join(goods_issues, goods_issues.c.id == issued.goods_issue_id) \
            .join(sales_orders, sales_orders.c.id == issue.sales_order_id)
        if measure is SalesMeasure.SHIPMENTS:
            joined = joined.join(order_lines, order_lines.c.id == issued.line_id)
        return statement.select_from(joined).where(*shape.within(), *shape.filtered(present)).group_by(group, currency)

    def _returns(self, measure: SalesMeasure, key: SalesKey, present: tuple[str, ...], postgres: bool) -> Any:
        o, back, receipt, line = sales_orders.c, customer_returns.c, return_receipts.c, order_lines.c
        shape = _Shape(postgres=postgres, key=key, day=receipt.received_at, timestamp=True,
                       columns={"product": back.product_id, "customer": o.customer_id, "branch": o.branch_id})
        quantity = -number(receipt.quantity)
        amount = -number(receipt.value) if measure is SalesMeasure.ISSUED_COST else \
            quantity * number(line.net) / number(line.quantity)
        statement, group, currency = self._select(shape, o.currency, quantity, amount)
        joined = return_receipts.join(customer_returns, customer_returns.c.id == receipt.return_id) \
            .join(sales_orders, sales_orders.c.id == back.sales_order_id)
        if measure is SalesMeasure.SHIPMENTS:
            joined = joined.join(order_lines, order_lines.c.id == back.line_id)
        return statement.select_from(joined).where(*shape.within(), *shape.filtered(present)).group_by(group, currency)

    def _revenue(self, measure: SalesMeasure, key: SalesKey, present: tuple[str, ...], postgres: bool) -> Any:
        invoice, line, product = invoices.c, invoice_lines.c, products.c
        shape = _Shape(postgres=postgres, key=key, day=invoice.invoice_date, timestamp=False,
                       columns={"product": func.coalesce(product.id, line.sku), "customer": invoice.customer_id,
                                "branch": invoice.branch_id})
        sign = case((invoice.kind == InvoiceKind.CREDIT_NOTE, literal(-1)), else_=literal(1))
        statement, group, currency = self._select(shape, invoice.currency, sign * number(line.quantity),
                                                  sign * number(line.net))
        joined = invoice_lines.join(invoices, invoices.c.id == line.invoice_id)
        if key is SalesKey.PRODUCT or "product_id" in present:
            joined = joined.outerjoin(products, products.c.sku == line.sku)
        return (statement.select_from(joined)
                .where(*shape.within(), invoice.status == InvoiceStatus.POSTED, *shape.filtered(present))
                .group_by(group, currency))
