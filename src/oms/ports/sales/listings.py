"""The listings of quotations and sales orders: one row per document, filtered by status, customer, branch and
creation time (`from` inclusive, `until` exclusive), newest or oldest first."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from attrs import frozen

from oms.domain.sales.quotation import QuotationStatus
from oms.domain.sales.sales_order import SalesOrderStatus
from oms.ports.shared.listings import Listing


@frozen(kw_only=True)
class DocumentSummary:
    """One row of a listing: enough to show and to open the document."""

    id: str
    number: str
    status: str
    customer_id: str
    customer_code: str
    branch_id: str
    branch_code: str
    currency: str
    grand_total: Decimal
    created_at: datetime


DOCUMENT_FILTERS = frozenset({"status", "customer_id", "branch_id", "from", "until"})
SALES_ORDERS: Listing[DocumentSummary] = Listing(
    name="sales_orders", filters=DOCUMENT_FILTERS, choices={"status": frozenset(SalesOrderStatus)})
QUOTATIONS: Listing[DocumentSummary] = Listing(
    name="quotations", filters=DOCUMENT_FILTERS, choices={"status": frozenset(QuotationStatus)})
