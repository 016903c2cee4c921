"""How the listings of purchase orders and requests for quotation are read: one query a page, the supplier's and
branch's codes joined in; an order's receipt status and an RFQ's counts come from correlated subqueries that run for
the rows of the page only (no column is kept for them, so receipts and answers write nothing more)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Row, Select, case, func, select

from oms.adapters.sql.masterdata.tables import branches, suppliers
from oms.adapters.sql.procurement.rfq_tables import rfq_lines, rfq_suppliers, rfqs
from oms.adapters.sql.procurement.tables import (
    goods_receipt_lines,
    purchase_order_lines,
    purchase_orders,
    supplier_returns,
)
from oms.adapters.sql.shared.listings import TOLERANCE, SqlListing, containing, number
from oms.domain.procurement.purchase_order import PurchaseOrderStatus, ReceiptStatus
from oms.domain.procurement.rfqs import InvitationStatus
from oms.domain.shared.items import ProductKind
from oms.ports.procurement.listings import PURCHASE_ORDERS, RFQS, PurchaseOrderSummary, RfqSummary

_o, _l, _r = purchase_orders.c, purchase_order_lines.c, rfqs.c


def _receipt_status() -> ColumnElement[str]:
    """`PurchaseOrder.receipt_status` over the order's receivable lines: each line's received quantity (received
    less returned) against its ordered quantity."""
    came = (select(func.coalesce(func.sum(number(goods_receipt_lines.c.quantity)), 0))
            .where(goods_receipt_lines.c.line_id == _l.id).scalar_subquery())
    went = (select(func.coalesce(func.sum(number(supplier_returns.c.quantity)), 0))
            .where(supplier_returns.c.purchase_order_id == _l.purchase_order_id,
                   supplier_returns.c.line_id == _l.id).scalar_subquery())
    received = came - went
    full = func.sum(case((received >= number(_l.quantity) - TOLERANCE, 1), else_=0))
    some = func.sum(case((received > TOLERANCE, 1), else_=0))
    lines = func.count(_l.id)
    status = case((lines == 0, ReceiptStatus.NOTHING.value), (full == lines, ReceiptStatus.RECEIVED.value),
                  (_o.status == PurchaseOrderStatus.CLOSED, ReceiptStatus.CLOSED_SHORT.value),
                  (some == 0, ReceiptStatus.NOTHING.value), else_=ReceiptStatus.PARTIAL.value)
    return (select(status).where(_l.purchase_order_id == _o.id,
                                 _l.kind.in_([kind for kind in ProductKind if kind.ships]))
            .scalar_subquery())


def _orders() -> Select[Any]:
    return (select(_o.id, _o.number, _o.status, _receipt_status().label("receipt_status"), _o.supplier_id,
                   suppliers.c.code.label("supplier_code"), suppliers.c.name.label("supplier_name"), _o.branch_id,
                   branches.c.code.label("branch_code"), _o.currency, _o.grand_total, _o.created_at)
            .join(suppliers, suppliers.c.id == _o.supplier_id).join(branches, branches.c.id == _o.branch_id))


def _order(row: Row[Any]) -> PurchaseOrderSummary:
    return PurchaseOrderSummary(
        id=row.id, number=row.number, status=str(row.status), receipt_status=str(row.receipt_status),
        supplier_id=row.supplier_id, supplier_code=row.supplier_code, supplier_name=row.supplier_name,
        branch_id=row.branch_id, branch_code=row.branch_code, currency=row.currency, grand_total=row.grand_total,
        created_at=row.created_at)


def _count(table: Any, *conditions: ColumnElement[bool]) -> ColumnElement[int]:
    return select(func.count()).where(table.c.rfq_id == _r.id, *conditions).scalar_subquery()


def _rfqs() -> Select[Any]:
    return (select(_r.id, _r.number, _r.status, _r.branch_id, branches.c.code.label("branch_code"),
                   _count(rfq_lines).label("lines"), _count(rfq_suppliers).label("suppliers"),
                   _count(rfq_suppliers, rfq_suppliers.c.status == InvitationStatus.ANSWERED).label("answered"),
                   _r.created_at)
            .join(branches, branches.c.id == _r.branch_id))


def _rfq(row: Row[Any]) -> RfqSummary:
    return RfqSummary(id=row.id, number=row.number, status=str(row.status), branch_id=row.branch_id,
                      branch_code=row.branch_code, lines=row.lines, suppliers=row.suppliers, answered=row.answered,
                      created_at=row.created_at)


LISTINGS = (
    SqlListing(
        listing=PURCHASE_ORDERS, query=_orders, order=(_o.created_at, _o.id), row=_order,
        position=lambda summary: (summary.created_at, summary.id),
        filters={
            "status": lambda statuses: _o.status.in_(list(statuses)),
            "supplier_id": lambda supplier_id: _o.supplier_id == supplier_id,
            "branch_id": lambda branch_id: _o.branch_id == branch_id,
            "from": lambda start: _o.created_at >= start,
            "until": lambda end: _o.created_at < end,
            "search": lambda text: containing(str(text), _o.number, suppliers.c.code, suppliers.c.name),
        }),
    SqlListing(
        listing=RFQS, query=_rfqs, order=(_r.created_at, _r.id), row=_rfq,
        position=lambda summary: (summary.created_at, summary.id),
        filters={
            "status": lambda statuses: _r.status.in_(list(statuses)),
            "branch_id": lambda branch_id: _r.branch_id == branch_id,
            "from": lambda start: _r.created_at >= start,
            "until": lambda end: _r.created_at < end,
            "search": lambda text: containing(str(text), _r.number),
        }),
)
