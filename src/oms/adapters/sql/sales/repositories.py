"""SQL repositories of quotations and sales orders, each from the declaration of its aggregate."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Table, bindparam, select

from oms.adapters.sql.sales import tables as t
from oms.adapters.sql.shared.mapping import Aggregate, AuditTrail, Children, Composite, Entity
from oms.adapters.sql.shared.repository import SqlRepository, status_in
from oms.adapters.sql.shared.session import Session
from oms.domain.sales.goods_issues import GoodsIssue, GoodsIssueLine
from oms.domain.sales.quotation import OPEN, Quotation, QuotationLine
from oms.domain.sales.returns import CustomerReturn, ReturnReceipt
from oms.domain.sales.sales_order import AWAITING_ISSUE, OrderLine, SalesOrder, SalesOrderStatus
from oms.domain.shared.discounts import Discount
from oms.domain.stock.reservations import Reservation


def _discount(prefix: str) -> Composite:
    return Composite(prefix, Discount, (f"{prefix}_kind", f"{prefix}_value"), nullable=True)


def _lines(cls: type[QuotationLine] | type[OrderLine], table: Table, parent: str,
           kept_by_database: frozenset[str] = frozenset()) -> Children:
    return Children("lines", Entity(cls, table, composites=(_discount("discount"),),
                                    kept_by_database=kept_by_database), parent_column=parent)


QUOTATION = Aggregate(
    "quotation",
    Entity(Quotation, t.quotations, composites=(_discount("order_discount"),), not_stored=frozenset({"history"}),
           children=(_lines(QuotationLine, t.quotation_lines, "quotation_id"),)),
    natural_key="number", audit_trail=AuditTrail(t.quotation_history), lock=True)

SALES_ORDER = Aggregate(
    "sales_order",
    Entity(SalesOrder, t.sales_orders, composites=(_discount("order_discount"),), not_stored=frozenset({"history"}),
           children=(
               _lines(OrderLine, t.order_lines, "sales_order_id", frozenset({"order_closed"})),
               Children("reservations", Entity(Reservation, t.reservations), parent_column="sales_order_id"),
               Children("goods_issues", Entity(GoodsIssue, t.goods_issues, children=(
                   Children("lines", Entity(GoodsIssueLine, t.goods_issue_lines), parent_column="goods_issue_id"),
               )), parent_column="sales_order_id"),
               Children("returns", Entity(CustomerReturn, t.customer_returns, children=(
                   Children("receipts", Entity(ReturnReceipt, t.return_receipts), parent_column="return_id"),
               )), parent_column="sales_order_id"),
           )),
    natural_key="number", audit_trail=AuditTrail(t.sales_order_history), lock=True)

AGGREGATES = (QUOTATION, SALES_ORDER)
NOT_BOUGHT = frozenset({SalesOrderStatus.DRAFT, SalesOrderStatus.CANCELLED})


class SqlQuotationRepository(SqlRepository[Quotation]):
    aggregate = QUOTATION

    def by_number(self, number: str) -> Quotation | None:
        return self._by_natural_key(number)

    def open_past_validity(self, today: date) -> Sequence[str]:
        transaction = self._session.transaction
        q = t.quotations.c
        statement = transaction.compiler.get(("quotations", "open_past_validity"), lambda: select(q.id).where(
            status_in(t.quotations, OPEN), q.valid_until < bindparam("today", type_=q.valid_until.type),
        ).order_by(q.valid_until, q.id))
        return [row["id"] for row in transaction.run(statement, {"today": today})]

    def list(self) -> Sequence[Quotation]:
        return self._select("list", lambda table: select(table).order_by(table.c.created_at, table.c.id))


class SqlSalesOrderRepository(SqlRepository[SalesOrder]):
    aggregate = SALES_ORDER

    def by_number(self, number: str) -> SalesOrder | None:
        return self._by_natural_key(number)

    def list(self) -> Sequence[SalesOrder]:
        return self._select("list", lambda table: select(table).order_by(table.c.created_at, table.c.id))

    def awaiting_issue(self) -> Sequence[SalesOrder]:
        return self._select("awaiting_issue", lambda table: select(table).where(
            status_in(table, AWAITING_ISSUE)).order_by(table.c.created_at, table.c.id))

    def ordered_since(self, customer_id: str, since: datetime) -> bool:
        transaction = self._session.transaction
        o = t.sales_orders.c
        statement = transaction.compiler.get(("sales_orders", "ordered_since"), lambda: select(o.id).where(
            o.customer_id == bindparam("customer_id"), o.created_at >= bindparam("since", type_=o.created_at.type),
            ~status_in(t.sales_orders, NOT_BOUGHT)).limit(1))
        return bool(list(transaction.run(statement, {"customer_id": customer_id, "since": since})))


class SqlSalesDocuments:
    """The sales repositories of one unit of work."""

    def __init__(self, session: Session) -> None:
        self.quotations = SqlQuotationRepository(session)
        self.orders = SqlSalesOrderRepository(session)
