"""How the listing of invoices and credit notes is read: one query a page, the customer's and branch's codes joined
in and each document's grand total summed from its lines."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Row, Select, and_, exists, func, or_, select

from oms.adapters.sql.invoicing.tables import invoice_lines, invoices
from oms.adapters.sql.masterdata.tables import branches, customers
from oms.adapters.sql.shared.listings import SqlListing, containing, number
from oms.domain.shared.money import Currency
from oms.ports.invoicing.listings import INVOICES, InvoiceSummary

_i, _l = invoices.c, invoice_lines.c


def _query() -> Select[Any]:
    total = select(func.coalesce(func.sum(number(_l.total)), 0)).where(_l.invoice_id == _i.id).scalar_subquery()
    return (select(_i.id, _i.kind, _i.status, _i.number, _i.invoice_date, _i.customer_id,
                   customers.c.code.label("customer_code"), branches.c.code.label("branch_code"), _i.currency,
                   total.label("grand_total"), _i.created_at)
            .join(customers, customers.c.id == _i.customer_id).join(branches, branches.c.id == _i.branch_id))


def _summary(row: Row[Any]) -> InvoiceSummary:
    # SQLite sums its exact decimals (kept as text) as floats: exact far beyond the cent, rounded back to it here
    grand_total = Currency.of(row.currency).round(Decimal(str(row.grand_total)))
    return InvoiceSummary(id=row.id, kind=str(row.kind), status=str(row.status), number=row.number,
                          invoice_date=row.invoice_date, customer_id=row.customer_id, customer_code=row.customer_code,
                          branch_code=row.branch_code, currency=row.currency, grand_total=grand_total,
                          created_at=row.created_at)


def _bills_order(order_id: str) -> Any:
    line = invoice_lines.alias("billing")
    return or_(exists().where(line.c.invoice_id == _i.id, line.c.source_document_id == order_id),
               exists().where(line.c.invoice_id == _i.credited_invoice_id, line.c.source_document_id == order_id))


LISTINGS = (
    SqlListing(
        listing=INVOICES, query=_query, order=(_i.created_at, _i.id), row=_summary,
        position=lambda summary: (summary.created_at, summary.id),
        filters={
            "kind": lambda kinds: _i.kind.in_(list(kinds)),
            "status": lambda statuses: _i.status.in_(list(statuses)),
            "customer_id": lambda customer_id: _i.customer_id == customer_id,
            "from": lambda start: _i.created_at >= start,
            "until": lambda end: _i.created_at < end,
            "dated_from": lambda start: and_(_i.invoice_date.is_not(None), _i.invoice_date >= start),
            "dated_until": lambda end: and_(_i.invoice_date.is_not(None), _i.invoice_date <= end),
            "search": lambda text: containing(str(text), _i.number, customers.c.code, customers.c.name),
            "order_id": _bills_order,
        }),
)
