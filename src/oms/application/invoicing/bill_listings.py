"""Pages of vendor bills (and debit notes) and of payments to suppliers, read through the listings port: one query
a page, not every document loaded; a supplier code that does not exist matches nothing."""

from __future__ import annotations

from datetime import datetime

from oms.application.invoicing.bill_views import (
    BillList,
    BillSummaryView,
    SupplierPaymentList,
    SupplierPaymentSummaryView,
)
from oms.application.shared.views import money
from oms.domain.invoicing.supplier_payments import Payable
from oms.domain.invoicing.vendor_bills import BillKind, BillStatus, MatchStatus
from oms.ports.invoicing.bill_listings import SUPPLIER_PAYMENTS, VENDOR_BILLS, BillSummary, SupplierPaymentSummary
from oms.ports.invoicing.repositories import InvoicingUnitOfWork
from oms.ports.shared.listings import DEFAULT_LIMIT, NO_MATCH, ListingQuery, Listings


def _supplier_id(uow: InvoicingUnitOfWork, code: str | None) -> str | None:
    if code is None:
        return None
    supplier = uow.masterdata.suppliers.by_code(code)
    return NO_MATCH if supplier is None else supplier.id


def _bill_view(s: BillSummary) -> BillSummaryView:
    owing = (Payable(bill_id=s.id, total=s.grand_total, debited=s.debited, paid=s.paid)
             if s.kind == BillKind.BILL and s.status == BillStatus.POSTED else None)
    return BillSummaryView(id=s.id, kind=BillKind(s.kind), status=BillStatus(s.status),
                           match_status=MatchStatus(s.match_status), number=s.number, supplier_code=s.supplier_code,
                           supplier_invoice_number=s.supplier_invoice_number, bill_date=s.bill_date,
                           grand_total=money(s.grand_total, s.currency),
                           payment_status=None if owing is None else owing.status,
                           residual=None if owing is None else money(owing.residual, s.currency),
                           created_at=s.created_at)


def bill_page(uow: InvoicingUnitOfWork, listings: Listings, *, kinds: tuple[str, ...] = (),
              statuses: tuple[str, ...] = (), matches: tuple[str, ...] = (), supplier_code: str | None = None,
              created_from: datetime | None = None, created_until: datetime | None = None,
              search: str | None = None, newest_first: bool = False, limit: int = DEFAULT_LIMIT,
              cursor: str | None = None) -> BillList:
    """A page of bills and debit notes, oldest first unless `newest_first`; `matches`: 3-way match statuses;
    `search` finds a part of the number, of the supplier's invoice number, or of the supplier's code or name."""
    filters: dict[str, object] = {"kind": kinds, "status": statuses, "match": matches,
                                  "supplier_id": _supplier_id(uow, supplier_code), "from": created_from,
                                  "until": created_until, "search": search or None}
    page = listings.page(VENDOR_BILLS, ListingQuery(filters=filters, newest_first=newest_first, limit=limit,
                                                    cursor=cursor))
    return BillList(items=[_bill_view(s) for s in page.items], next_cursor=page.next_cursor)


def _payment_view(s: SupplierPaymentSummary) -> SupplierPaymentSummaryView:
    return SupplierPaymentSummaryView(id=s.id, number=s.number, supplier_code=s.supplier_code,
                                      amount=money(s.amount, s.currency), payment_date=s.payment_date,
                                      unallocated=money(s.amount - s.allocated, s.currency),
                                      recorded_at=s.created_at)


def supplier_payment_page(uow: InvoicingUnitOfWork, listings: Listings, *, supplier_code: str | None = None,
                          created_from: datetime | None = None, created_until: datetime | None = None,
                          newest_first: bool = False, limit: int = DEFAULT_LIMIT,
                          cursor: str | None = None) -> SupplierPaymentList:
    """A page of payments to suppliers, oldest recorded first unless `newest_first`."""
    filters: dict[str, object] = {"supplier_id": _supplier_id(uow, supplier_code), "from": created_from,
                                  "until": created_until}
    page = listings.page(SUPPLIER_PAYMENTS, ListingQuery(filters=filters, newest_first=newest_first, limit=limit,
                                                         cursor=cursor))
    return SupplierPaymentList(items=[_payment_view(s) for s in page.items], next_cursor=page.next_cursor)
