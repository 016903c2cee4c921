"""The overview: what waits for someone in the back office today (the console's home page and its API twin)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from attrs import frozen

from oms.application.sales.queries import document_page
from oms.application.sales.views import DocumentPage, DocumentSummaryView
from oms.application.stock.queries import low_stock
from oms.application.stock.views import StockLevelList
from oms.domain.sales.sales_order import SalesOrderStatus
from oms.domain.shared.errors import InvalidValue
from oms.ports.sales.listings import QUOTATIONS, SALES_ORDERS
from oms.ports.sales.repositories import SalesUnitOfWork
from oms.ports.shared.listings import Listings


@frozen(kw_only=True)
class Worklist:
    """The first `limit` documents waiting for the same step, oldest first (what waits longest comes first);
    `more` says whether more are waiting."""

    items: list[DocumentSummaryView]
    more: bool


@frozen(kw_only=True)
class Overview:
    to_confirm: Worklist  # draft sales orders
    to_ship: Worklist  # confirmed or partially issued orders
    backorders: Worklist  # open orders with quantities waiting for stock
    expiring_quotations: Worklist  # open quotations valid until today + expiring_within_days or earlier
    low_stock: StockLevelList  # levels whose available quantity is at or below the threshold


def _worklist(page: DocumentPage) -> Worklist:
    return Worklist(items=page.items, more=page.next_cursor is not None)


def overview(uow: SalesUnitOfWork, listings: Listings, *, today: date, expiring_within_days: int = 7,
             low_stock_threshold: Decimal = Decimal(5), limit: int = 10) -> Overview:
    """Orders to confirm, to ship and waiting for stock, quotations about to expire (to follow up before they
    do) and stock running low (to reorder), each the first `limit` (1 to 500)."""
    if not 0 <= expiring_within_days <= 366:
        raise InvalidValue("expiring_within_days", "must be from 0 to 366")

    def orders(*statuses: SalesOrderStatus, backordered: bool | None = None) -> Worklist:
        return _worklist(document_page(uow, listings, SALES_ORDERS, statuses=statuses, backordered=backordered,
                                       newest_first=False, limit=limit))

    quotations = document_page(uow, listings, QUOTATIONS, valid_until_before=today + timedelta(expiring_within_days),
                               newest_first=False, limit=limit)
    return Overview(
        to_confirm=orders(SalesOrderStatus.DRAFT),
        to_ship=orders(SalesOrderStatus.CONFIRMED, SalesOrderStatus.PARTIALLY_ISSUED),
        backorders=orders(backordered=True),
        expiring_quotations=_worklist(quotations),
        low_stock=low_stock(uow, listings, threshold=low_stock_threshold, limit=limit))
