"""How the listings of vendor bills and of payments to suppliers are read: one query a page, the supplier's code
joined in, each bill's grand total summed from its lines (a document's totals are the exact sums of its lines'),
what its posted debit notes took off and what payments paid of it; each payment's amount allocated to bills."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Row, Select, func, select

from oms.adapters.sql.invoicing.tables import (
    supplier_payment_allocations,
    supplier_payments,
    vendor_bill_lines,
    vendor_bills,
)
from oms.adapters.sql.masterdata.tables import suppliers
from oms.adapters.sql.shared.listings import SqlListing, containing, number
from oms.domain.invoicing.vendor_bills import BillStatus
from oms.domain.shared.money import Currency
from oms.ports.invoicing.bill_listings import SUPPLIER_PAYMENTS, VENDOR_BILLS, BillSummary, SupplierPaymentSummary

_b, _p, _a = vendor_bills.c, supplier_payments.c, supplier_payment_allocations.c


def _sum(column: Any, *where: Any) -> Any:
    return select(func.coalesce(func.sum(number(column)), 0)).where(*where).scalar_subquery()


def _bills() -> Select[Any]:
    lines, notes, note_lines = vendor_bill_lines.c, vendor_bills.alias("note"), vendor_bill_lines.alias("note_line")
    debited = (select(func.coalesce(func.sum(number(note_lines.c.total)), 0))
               .select_from(note_lines.join(notes, notes.c.id == note_lines.c.bill_id))
               .where(notes.c.debited_bill_id == _b.id, notes.c.status == BillStatus.POSTED).scalar_subquery())
    return (select(_b.id, _b.kind, _b.status, _b.match_status, _b.number, _b.supplier_id,
                   suppliers.c.code.label("supplier_code"), _b.supplier_invoice_number, _b.bill_date, _b.currency,
                   _sum(lines.total, lines.bill_id == _b.id).label("grand_total"), debited.label("debited"),
                   _sum(_a.amount, _a.bill_id == _b.id).label("paid"), _b.created_at)
            .join(suppliers, suppliers.c.id == _b.supplier_id))


def _exact(value: Any, currency: str) -> Decimal:
    # SQLite sums its exact decimals (kept as text) as floats: exact far beyond the cent, rounded back to it here
    return Currency.of(currency).round(Decimal(str(value)))


def _bill(row: Row[Any]) -> BillSummary:
    return BillSummary(id=row.id, kind=str(row.kind), status=str(row.status), match_status=str(row.match_status),
                       number=row.number, supplier_id=row.supplier_id, supplier_code=row.supplier_code,
                       supplier_invoice_number=row.supplier_invoice_number, bill_date=row.bill_date,
                       currency=row.currency, grand_total=_exact(row.grand_total, row.currency),
                       debited=_exact(row.debited, row.currency), paid=_exact(row.paid, row.currency),
                       created_at=row.created_at)


def _payments() -> Select[Any]:
    return (select(_p.id, _p.number, _p.supplier_id, suppliers.c.code.label("supplier_code"), _p.amount,
                   _p.currency, _p.payment_date, _sum(_a.amount, _a.payment_id == _p.id).label("allocated"),
                   _p.recorded_at)
            .join(suppliers, suppliers.c.id == _p.supplier_id))


def _payment(row: Row[Any]) -> SupplierPaymentSummary:
    return SupplierPaymentSummary(id=row.id, number=row.number, supplier_id=row.supplier_id,
                                  supplier_code=row.supplier_code, amount=row.amount, currency=row.currency,
                                  payment_date=row.payment_date, allocated=_exact(row.allocated, row.currency),
                                  created_at=row.recorded_at)


LISTINGS = (
    SqlListing(
        listing=VENDOR_BILLS, query=_bills, order=(_b.created_at, _b.id), row=_bill,
        position=lambda summary: (summary.created_at, summary.id),
        filters={
            "kind": lambda kinds: _b.kind.in_(list(kinds)),
            "status": lambda statuses: _b.status.in_(list(statuses)),
            "match": lambda matches: _b.match_status.in_(list(matches)),
            "supplier_id": lambda supplier_id: _b.supplier_id == supplier_id,
            "from": lambda start: _b.created_at >= start,
            "until": lambda end: _b.created_at < end,
            "search": lambda text: containing(str(text), _b.number, _b.supplier_invoice_number, suppliers.c.code,
                                              suppliers.c.name),
        }),
    SqlListing(
        listing=SUPPLIER_PAYMENTS, query=_payments, order=(_p.recorded_at, _p.id), row=_payment,
        position=lambda summary: (summary.created_at, summary.id),
        filters={
            "supplier_id": lambda supplier_id: _p.supplier_id == supplier_id,
            "from": lambda start: _p.recorded_at >= start,
            "until": lambda end: _p.recorded_at < end,
        }),
)
