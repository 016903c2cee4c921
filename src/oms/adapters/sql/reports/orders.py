"""Order figures from the sales and invoicing tables: each child table (goods issue lines, return receipts, invoice
lines, credit note lines) summed per order line on its own before it is joined to the lines (no fan-out). The open
lines of the backlog are read in backlog.py, with the helpers here; the quotations by day from their summary when
it can answer (quotation_days.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, String, and_, bindparam, cast, exists, func, or_, select
from sqlalchemy.sql import ColumnElement

from oms.adapters.sql.invoicing.tables import invoice_lines, invoices
from oms.adapters.sql.reports.exact import AMOUNT_PLACES, exact_sum, summed
from oms.adapters.sql.reports.lines import in_category
from oms.adapters.sql.reports.quotation_days import FILTERS as SUMMARY_FILTERS
from oms.adapters.sql.reports.quotation_days import quotation_days
from oms.adapters.sql.sales.tables import (
    customer_returns,
    goods_issue_lines,
    goods_issues,
    order_lines,
    quotation_lines,
    quotations,
    return_receipts,
    sales_orders,
)
from oms.adapters.sql.shared.listings import number
from oms.adapters.sql.shared.metadata import QUANTITY
from oms.adapters.sql.shared.transaction import Transaction
from oms.domain.invoicing.invoices import InvoiceKind, InvoiceStatus
from oms.domain.reports.bookings import BOOKED_STATUSES
from oms.domain.sales.sales_order import SalesOrderStatus
from oms.domain.shared.items import ProductKind
from oms.domain.shared.money import Currency
from oms.ports.reports.orders import OrderLineFigures, OrdersFilter, QuotationFigures

_S = SalesOrderStatus
HEADER_FILTERS = ("branch_id", "customer_id")


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def _one_of(column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    """column IN (the values), written as equalities: the statements here take no expanding IN."""
    return or_(*(column == value for value in values))


def _booked(status: Any, held_from: Any) -> ColumnElement[bool]:
    """The SQL of `oms.domain.reports.bookings.is_booked`."""
    return or_(_one_of(status, (_S(s) for s in sorted(BOOKED_STATUSES))),
               and_(status == _S.ON_HOLD, held_from != _S.DRAFT))


def present_filters(scope: OrdersFilter) -> tuple[str, ...]:
    return tuple(name for name in ("branch_id", "customer_id", "product_id", "category") if getattr(scope, name))


def of_products(product_id: Any, present: tuple[str, ...]) -> list[ColumnElement[bool]]:
    """The conditions of the product and category filters present on a line's product: that product, a product of
    that category."""
    return [*((product_id == bindparam("product_id"),) if "product_id" in present else ()),
            *((in_category(product_id),) if "category" in present else ())]


def line_columns(o: Any) -> list[Any]:
    line = order_lines.c
    return [o.id.label("order_id"), o.number, o.created_at, o.status, o.branch_id, o.customer_id, o.currency,
            line.id.label("line_id"), line.position, line.product_id, line.sku, line.kind, line.invoice_policy,
            line.quantity, line.net]


def _sum(column: Any, name: str) -> Any:
    return func.sum(number(column)).label(name)


def _quantity(value: Any) -> Decimal:
    """A sum of quantities as an exact Decimal: SQLite sums the text it keeps them as in floats (see `number`),
    exact to far less than the smallest quantity, so the sum is rounded to that and its trailing zeros dropped."""
    if value is None:
        return Decimal(0)
    found = Decimal(value).quantize(Decimal(1).scaleb(-QUANTITY))
    return found.quantize(Decimal(1)) if found == found.to_integral_value() else found.normalize()


def _amount(value: Any, currency: str) -> Decimal:
    return Decimal(0) if value is None else Currency.of(currency).round(Decimal(value))


def line_fields(row: dict[str, Any], issued: Any, returned: Any) -> dict[str, Any]:
    """The fields of an `OrderLineFigures` (and of its kinds) that a row of `line_columns` gives."""
    return {"order_id": row["order_id"], "order_number": row["number"], "order_day": row["created_at"].date(),
            "status": str(row["status"]), "branch_id": row["branch_id"], "customer_id": row["customer_id"],
            "currency": row["currency"], "line_id": row["line_id"], "position": row["position"],
            "product_id": row["product_id"], "sku": row["sku"], "ships": ProductKind(row["kind"]).ships,
            "invoice_policy": str(row["invoice_policy"]), "quantity": row["quantity"], "net": row["net"],
            "issued": _quantity(issued), "returned": _quantity(returned)}


def figures(row: dict[str, Any], issued: Any, returned: Any, billed: Decimal = Decimal(0),
            amount: Decimal = Decimal(0)) -> OrderLineFigures:
    return OrderLineFigures(**line_fields(row, issued, returned), billed_quantity=billed, billed_amount=amount)


class SqlOrderFigures:
    _transaction: Transaction

    def booked_order_lines(self, first: date, end: date, scope: OrdersFilter, orders: int
                           ) -> Sequence[OrderLineFigures]:
        present = present_filters(scope)

        def build() -> Any:
            o = sales_orders.c
            chosen = select(o.id).where(
                o.created_at >= bindparam("since", type_=o.created_at.type),
                o.created_at < bindparam("until", type_=o.created_at.type), _booked(o.status, o.held_from))
            for name in HEADER_FILTERS:
                if name in present:
                    chosen = chosen.where(o[name] == bindparam(name))
            if "product_id" in present or "category" in present:
                chosen = chosen.where(exists().where(order_lines.c.sales_order_id == o.id,
                                                     *of_products(order_lines.c.product_id, present)))
            # the first orders of the period, by the index on (created_at, id); their children summed after
            picked = chosen.order_by(o.created_at, o.id).limit(bindparam("orders")).cte("picked")
            gi, gil = goods_issues.c, goods_issue_lines.c
            issued = select(gil.line_id, _sum(gil.quantity, "quantity")).select_from(goods_issue_lines).join(
                goods_issues, gi.id == gil.goods_issue_id).join(picked, picked.c.id == gi.sales_order_id).group_by(
                gil.line_id).subquery("issued")
            cr, rr = customer_returns.c, return_receipts.c
            returned = select(cr.line_id, _sum(rr.quantity, "quantity")).select_from(return_receipts).join(
                customer_returns, cr.id == rr.return_id).join(picked, picked.c.id == cr.sales_order_id).group_by(
                cr.line_id).subquery("returned")
            il, inv = invoice_lines.c, invoices.c
            billed = select(il.source_line_id, _sum(il.quantity, "quantity"), _sum(il.net, "amount")).select_from(
                invoice_lines).join(invoices, inv.id == il.invoice_id).join(
                picked, picked.c.id == il.source_document_id).where(
                inv.status == InvoiceStatus.POSTED, inv.kind == InvoiceKind.INVOICE).group_by(
                il.source_line_id).subquery("billed")
            # a credit note's line credits an invoice line, which bills the order line
            cl, cn, sl = invoice_lines.alias("cl"), invoices.alias("cn"), invoice_lines.alias("sl")
            credited = select(sl.c.source_line_id, _sum(cl.c.quantity, "quantity"), _sum(cl.c.net, "amount")
                              ).select_from(cl).join(cn, cn.c.id == cl.c.invoice_id).join(
                sl, sl.c.id == cl.c.source_line_id).join(picked, picked.c.id == sl.c.source_document_id).where(
                cn.c.status == InvoiceStatus.POSTED, cn.c.kind == InvoiceKind.CREDIT_NOTE).group_by(
                sl.c.source_line_id).subquery("credited")
            line = order_lines.c
            statement = select(
                *line_columns(o), issued.c.quantity.label("issued"), returned.c.quantity.label("returned"),
                billed.c.quantity.label("billed"), billed.c.amount.label("billed_amount"),
                credited.c.quantity.label("credited"), credited.c.amount.label("credited_amount"),
            ).select_from(sales_orders).join(picked, picked.c.id == o.id).join(
                order_lines, line.sales_order_id == o.id).outerjoin(
                issued, issued.c.line_id == line.id).outerjoin(returned, returned.c.line_id == line.id).outerjoin(
                billed, billed.c.source_line_id == line.id).outerjoin(credited, credited.c.source_line_id == line.id)
            return statement.where(*of_products(line.product_id, present)).order_by(o.created_at, o.number,
                                                                                     line.position)

        statement = self._transaction.compiler.get(("reports", "booked_order_lines", present), build)
        rows = self._transaction.run(statement, {"since": midnight(first), "until": midnight(end),
                                                 "orders": orders, **{name: getattr(scope, name) for name in present}})
        return [figures(row, row["issued"], row["returned"], _quantity(row["billed"]) - _quantity(row["credited"]),
                         _amount(row["billed_amount"], row["currency"])
                         - _amount(row["credited_amount"], row["currency"])) for row in rows]

    def quotations_by_day(self, first: date, end: date, scope: OrdersFilter) -> Sequence[QuotationFigures]:
        """Unfiltered or by branch from the quotations' days (quotation_days.py); filtered by anything else from
        the quotations themselves."""
        if all(name in SUMMARY_FILTERS for name in present_filters(scope)):
            return quotation_days(self._transaction, first, end, scope.branch_id)
        return self.quotations_by_day_from_documents(first, end, scope)

    def quotations_by_day_from_documents(self, first: date, end: date, scope: OrdersFilter
                                         ) -> Sequence[QuotationFigures]:
        """`quotations_by_day` read from the quotations themselves, whatever the filters."""
        q, ql = quotations.c, quotation_lines.c
        present = present_filters(scope)
        postgres = self._transaction.is_postgres

        def build() -> Any:
            # the day in UTC: SQLite keeps UTC times as text that starts with it
            day = (cast(func.timezone("UTC", q.created_at), Date) if postgres
                   else func.substr(q.created_at, 1, 10, type_=String)).label("day")
            statement = select(day, q.currency, q.status, func.count().label("count"),
                               exact_sum(q.net_total, AMOUNT_PLACES, postgres=postgres).label("net")).where(
                q.created_at >= bindparam("since", type_=q.created_at.type),
                q.created_at < bindparam("until", type_=q.created_at.type))
            for name in HEADER_FILTERS:
                if name in present:
                    statement = statement.where(q[name] == bindparam(name))
            if "product_id" in present or "category" in present:
                statement = statement.where(exists().where(ql.quotation_id == q.id,
                                                           *of_products(ql.product_id, present)))
            return statement.group_by(day, q.currency, q.status)

        statement = self._transaction.compiler.get(("reports", "quotations_by_day", present), build)
        rows = self._transaction.run(statement, {"since": midnight(first), "until": midnight(end),
                                                 **{name: getattr(scope, name) for name in present}})
        found = [QuotationFigures(day=row["day"] if isinstance(row["day"], date) else date.fromisoformat(row["day"]),
                                  currency=row["currency"], status=str(row["status"]), count=int(row["count"]),
                                  net=_amount(summed(row["net"], AMOUNT_PLACES), row["currency"])) for row in rows]
        return sorted(found, key=lambda figure: (figure.day, figure.currency, figure.status))
