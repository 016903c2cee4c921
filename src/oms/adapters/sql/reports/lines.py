"""The document lines each sales basis counts, one row per line with its day, branch, currency, customer, product,
signed quantity, net amount and cost: what the figures and the daily summary both sum (the rules:
`oms.ports.reports.sales.SalesMeasure`).

Each select reads one child table (order lines, goods issue lines, return receipts, invoice lines) joined only to
its parents (and an invoice line to the product of its SKU, which is unique), so nothing fans out. The dated
column is ranged by `since` and `until` (timestamps at midnight UTC, or days for invoices) so its index serves it."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Date, Select, and_, bindparam, case, cast, func, literal, or_, select
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
from oms.domain.invoicing.invoices import InvoiceKind, InvoiceStatus
from oms.domain.reports.bookings import BOOKED_STATUSES, DRAFT, HELD
from oms.domain.sales.sales_order import SalesOrderStatus

KEYS = ("day", "branch_id", "currency", "customer_id", "product_id")
FILTERS = ("branch_id", "customer_id", "product_id", "category")


class Basis(enum.StrEnum):
    BOOKINGS = "bookings"
    SHIPMENTS = "shipments"  # amount at the order line's net price; cost as the goods issues recorded it
    REVENUE = "revenue"


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def booked(status: Any, held_from: Any) -> ColumnElement[bool]:
    """The SQL of `oms.domain.reports.bookings.is_booked`."""
    return or_(*(status == SalesOrderStatus(s) for s in sorted(BOOKED_STATUSES)),
               and_(status == SalesOrderStatus(HELD), held_from != SalesOrderStatus(DRAFT)))


def day_of(timestamp: Any, postgres: bool) -> Any:
    """The UTC day of a timestamp (SQLite keeps them as UTC text)."""
    return cast(func.timezone("UTC", timestamp), Date) if postgres else func.date(timestamp)


def _row(day: Any, keys: dict[str, Any], quantity: Any, amount: Any, cost: Any) -> Select[Any]:
    return select(day.label("day"), *(keys[name].label(name) for name in KEYS[1:]), quantity.label("quantity"),
                  amount.label("amount"), cost.label("cost"))


def _ranged(column: Any) -> list[ColumnElement[bool]]:
    return [column >= bindparam("since", type_=column.type), column < bindparam("until", type_=column.type)]


def _filtered(keys: dict[str, Any], present: tuple[str, ...]) -> list[ColumnElement[bool]]:
    return [filtered(keys, name) for name in present]


def in_category(product_id: Any) -> ColumnElement[bool]:
    """A product of the category asked (the `category` parameter): product_id IN the ids of that category's products,
    which `ix_products_category_sku` finds."""
    found: ColumnElement[bool] = product_id.in_(
        select(products.c.id).where(products.c.category == bindparam("category")))
    return found


def filtered(keys: Any, name: str) -> ColumnElement[bool]:
    """The condition of one filter on a select's key columns: a key equal to the parameter, or (category) a product
    of that category."""
    if name == "category":
        return in_category(keys["product_id"])
    equal: ColumnElement[bool] = keys[name] == bindparam(name)
    return equal


def line_selects(basis: Basis, postgres: bool, present: tuple[str, ...]) -> list[Select[Any]]:
    """The selects whose rows, together, are the basis's lines in the range, filtered by the `present` filters."""
    if basis is Basis.BOOKINGS:
        return [_bookings(postgres, present)]
    if basis is Basis.REVENUE:
        return [_revenue(present)]
    return [_issues(postgres, present), _returns(postgres, present)]


def _bookings(postgres: bool, present: tuple[str, ...]) -> Select[Any]:
    o, line = sales_orders.c, order_lines.c
    keys = {"branch_id": o.branch_id, "currency": o.currency, "customer_id": o.customer_id,
            "product_id": line.product_id}
    return (_row(day_of(o.created_at, postgres), keys, number(line.quantity), number(line.net), literal(0))
            .select_from(order_lines.join(sales_orders, sales_orders.c.id == line.sales_order_id))
            .where(*_ranged(o.created_at), booked(o.status, o.held_from), *_filtered(keys, present)))


def _issues(postgres: bool, present: tuple[str, ...]) -> Select[Any]:
    o, issue, issued, line = sales_orders.c, goods_issues.c, goods_issue_lines.c, order_lines.c
    keys = {"branch_id": o.branch_id, "currency": o.currency, "customer_id": o.customer_id,
            "product_id": issued.product_id}
    quantity = number(issued.quantity)
    joined = goods_issue_lines.join(goods_issues, goods_issues.c.id == issued.goods_issue_id) \
        .join(sales_orders, sales_orders.c.id == issue.sales_order_id) \
        .join(order_lines, order_lines.c.id == issued.line_id)
    return (_row(day_of(issue.issued_at, postgres), keys, quantity,
                 quantity * number(line.net) / number(line.quantity), number(issued.value))
            .select_from(joined).where(*_ranged(issue.issued_at), *_filtered(keys, present)))


def _returns(postgres: bool, present: tuple[str, ...]) -> Select[Any]:
    o, back, receipt, line = sales_orders.c, customer_returns.c, return_receipts.c, order_lines.c
    keys = {"branch_id": o.branch_id, "currency": o.currency, "customer_id": o.customer_id,
            "product_id": back.product_id}
    quantity = -number(receipt.quantity)
    joined = return_receipts.join(customer_returns, customer_returns.c.id == receipt.return_id) \
        .join(sales_orders, sales_orders.c.id == back.sales_order_id) \
        .join(order_lines, order_lines.c.id == back.line_id)
    return (_row(day_of(receipt.received_at, postgres), keys, quantity,
                 quantity * number(line.net) / number(line.quantity), -number(receipt.value))
            .select_from(joined).where(*_ranged(receipt.received_at), *_filtered(keys, present)))


def _revenue(present: tuple[str, ...]) -> Select[Any]:
    invoice, line, product = invoices.c, invoice_lines.c, products.c
    keys = {"branch_id": invoice.branch_id, "currency": invoice.currency, "customer_id": invoice.customer_id,
            "product_id": func.coalesce(product.id, line.sku)}  # a SKU that names no product stands for itself
    sign = case((invoice.kind == InvoiceKind.CREDIT_NOTE, literal(-1)), else_=literal(1))
    joined = invoice_lines.join(invoices, invoices.c.id == line.invoice_id) \
        .outerjoin(products, products.c.sku == line.sku)
    return (_row(invoice.invoice_date, keys, sign * number(line.quantity), sign * number(line.net), literal(0))
            .select_from(joined)
            .where(*_ranged(invoice.invoice_date), invoice.status == InvoiceStatus.POSTED, *_filtered(keys, present)))
