"""How the listings of quotations and sales orders are read: one query a page, with the customer's and branch's
codes joined in (a page of 50 orders is one statement, not 51). Statuses are written into the statement, not bound,
so that the planner matches the partial indexes of open documents (sales/tables.py): the overview's worklists read
their first rows through what is open, not through every document since the first."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, Table, and_, case, exists, func, literal, not_, or_, select

from oms.adapters.sql.masterdata.tables import branches, customers
from oms.adapters.sql.sales.tables import order_lines, quotations, reservations, sales_orders
from oms.adapters.sql.shared.listings import TOLERANCE, Filter, SqlListing, containing, number
from oms.domain.sales.quotation import OPEN as OPEN_QUOTATION
from oms.domain.sales.sales_order import ISSUABLE, SalesOrderStatus
from oms.domain.shared.items import ProductKind
from oms.ports.sales.listings import QUOTATIONS, SALES_ORDERS, DocumentSummary
from oms.ports.shared.listings import Listing


def _query(table: Table) -> Select[Any]:
    c = table.c
    return (select(c.id, c.number, c.status, c.customer_id, customers.c.code.label("customer_code"), c.branch_id,
                   branches.c.code.label("branch_code"), c.currency, c.grand_total, c.created_at)
            .join(customers, customers.c.id == c.customer_id).join(branches, branches.c.id == c.branch_id))


def _summary(row: Row[Any]) -> DocumentSummary:
    return DocumentSummary(id=row.id, number=row.number, status=str(row.status), customer_id=row.customer_id,
                           customer_code=row.customer_code, branch_id=row.branch_id, branch_code=row.branch_code,
                           currency=row.currency, grand_total=row.grand_total, created_at=row.created_at)


def _one_of(column: ColumnElement[Any], statuses: Iterable[str]) -> ColumnElement[bool]:
    """column IN (the statuses), written into the statement at execution (a bound parameter hides the value from a
    generic plan, and SQLite matches a partial index's condition only to literal values)."""
    return column.in_([literal(status, column.type, literal_execute=True) for status in sorted(statuses)])


def _backordered() -> ColumnElement[bool]:
    """`backordered` as ports/sales/listings.py says, read from the lines and reservations (no column kept for it,
    so confirming and issuing write nothing more): an open order with a stocked line whose remaining quantity is
    more than what its open reservations hold."""
    o, line, r = sales_orders.c, order_lines.c, reservations.c
    reserved = (select(func.coalesce(func.sum(number(r.quantity) - number(r.issued) - number(r.released)), 0))
                .where(r.sales_order_id == line.sales_order_id, r.line_id == line.id).scalar_subquery())
    remaining = number(line.quantity) - number(line.quantity_issued)
    short = exists().where(line.sales_order_id == o.id, line.kind == ProductKind.STOCKED,
                           case((remaining > 0, remaining), else_=0) - reserved > number(TOLERANCE))
    open_order = or_(_one_of(o.status, ISSUABLE),
                     and_(_one_of(o.status, [SalesOrderStatus.ON_HOLD]), _one_of(o.held_from, ISSUABLE)))
    return and_(open_order, short)


def _expiring(last_day: date) -> ColumnElement[bool]:
    c = quotations.c
    return and_(_one_of(c.status, OPEN_QUOTATION), c.valid_until <= last_day)


def _documents(listing: Listing[DocumentSummary], table: Table, own: dict[str, Filter]) -> SqlListing:
    c = table.c
    searched = [c.number, customers.c.code, customers.c.name, *([c.customer_reference] if table is sales_orders
                                                                 else [])]
    return SqlListing(
        listing=listing, query=lambda: _query(table), order=(c.created_at, c.id), row=_summary,
        position=lambda summary: (summary.created_at, summary.id),
        filters={
            "status": lambda statuses: _one_of(c.status, statuses),
            "customer_id": lambda customer_id: c.customer_id == customer_id,
            "branch_id": lambda branch_id: c.branch_id == branch_id,
            "from": lambda start: c.created_at >= start,
            "until": lambda end: c.created_at < end,
            "search": lambda text: containing(str(text), *searched),
            **own,
        })


LISTINGS = (
    _documents(SALES_ORDERS, sales_orders,
               {"backordered": lambda wanted: _backordered() if wanted else not_(_backordered())}),
    _documents(QUOTATIONS, quotations, {"valid_until_before": _expiring}),
)
