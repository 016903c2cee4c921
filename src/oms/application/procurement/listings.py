"""Pages of purchase orders and of requests for quotation, read through the listings port: one query a page, not
every document loaded; a supplier or branch code that does not exist matches nothing."""

from __future__ import annotations

from datetime import datetime

from oms.application.procurement.rfq_views import RfqList, RfqSummaryView
from oms.application.procurement.views import PurchaseOrderList, PurchaseOrderSummaryView
from oms.application.shared.views import money
from oms.domain.procurement.purchase_order import PurchaseOrderStatus, ReceiptStatus
from oms.domain.procurement.rfqs import RfqStatus
from oms.ports.procurement.listings import PURCHASE_ORDERS, RFQS, PurchaseOrderSummary, RfqSummary
from oms.ports.procurement.repositories import ProcurementUnitOfWork
from oms.ports.shared.listings import DEFAULT_LIMIT, NO_MATCH, ListingQuery, Listings


def _id_of(code: str | None, found_id: str | None) -> str | None:
    """The id a filter by `code` looks for: none when no code is given, one no document has for an unknown code."""
    if code is None:
        return None
    return NO_MATCH if found_id is None else found_id


def _order_view(s: PurchaseOrderSummary) -> PurchaseOrderSummaryView:
    return PurchaseOrderSummaryView(
        id=s.id, number=s.number, status=PurchaseOrderStatus(s.status), receipt_status=ReceiptStatus(s.receipt_status),
        supplier_code=s.supplier_code, supplier_name=s.supplier_name, branch_code=s.branch_code,
        grand_total=money(s.grand_total, s.currency), created_at=s.created_at)


def purchase_order_page(uow: ProcurementUnitOfWork, listings: Listings, *, statuses: tuple[str, ...] = (),
                        supplier_code: str | None = None, branch_code: str | None = None,
                        created_from: datetime | None = None, created_until: datetime | None = None,
                        search: str | None = None, newest_first: bool = True, limit: int = DEFAULT_LIMIT,
                        cursor: str | None = None) -> PurchaseOrderList:
    """A page of purchase orders, newest first unless `newest_first` is False; `search` finds a part of the number
    or of the supplier's code or name."""
    supplier = uow.masterdata.suppliers.by_code(supplier_code) if supplier_code is not None else None
    branch = uow.masterdata.branches.by_code(branch_code) if branch_code is not None else None
    filters: dict[str, object] = {
        "status": statuses, "supplier_id": _id_of(supplier_code, supplier.id if supplier else None),
        "branch_id": _id_of(branch_code, branch.id if branch else None), "from": created_from,
        "until": created_until, "search": search or None}
    page = listings.page(PURCHASE_ORDERS, ListingQuery(filters=filters, newest_first=newest_first, limit=limit,
                                                       cursor=cursor))
    return PurchaseOrderList(items=[_order_view(s) for s in page.items], next_cursor=page.next_cursor)


def _rfq_view(s: RfqSummary) -> RfqSummaryView:
    return RfqSummaryView(id=s.id, number=s.number, status=RfqStatus(s.status), branch_code=s.branch_code,
                          created_at=s.created_at, lines=s.lines, suppliers=s.suppliers, answered=s.answered)


def rfq_page(uow: ProcurementUnitOfWork, listings: Listings, *, statuses: tuple[str, ...] = (),
             branch_code: str | None = None, created_from: datetime | None = None,
             created_until: datetime | None = None, search: str | None = None, newest_first: bool = True,
             limit: int = DEFAULT_LIMIT, cursor: str | None = None) -> RfqList:
    """A page of requests for quotation, newest first unless `newest_first` is False; `search` finds a part of the
    number."""
    branch = uow.masterdata.branches.by_code(branch_code) if branch_code is not None else None
    filters: dict[str, object] = {"status": statuses, "branch_id": _id_of(branch_code, branch.id if branch else None),
                                  "from": created_from, "until": created_until, "search": search or None}
    page = listings.page(RFQS, ListingQuery(filters=filters, newest_first=newest_first, limit=limit, cursor=cursor))
    return RfqList(items=[_rfq_view(s) for s in page.items], next_cursor=page.next_cursor)
