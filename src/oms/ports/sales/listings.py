"""The listings of quotations and sales orders: one row per document, filtered by status, customer, branch,
creation time (`from` inclusive, `until` exclusive) and a search, newest or oldest first; quotations also by expiry
(`valid_until_before`), orders by whether they wait for stock (`backordered`)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from attrs import frozen

from oms.domain.sales.quotation import OPEN as OPEN_QUOTATION
from oms.domain.sales.quotation import Quotation, QuotationStatus
from oms.domain.sales.sales_order import ISSUABLE, SalesOrder, SalesOrderStatus
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


# `search`: a part of the number, of the customer's code or name, or (orders) of the customer's reference, in any
# case; the user's % and _ are taken literally.
DOCUMENT_FILTERS = frozenset({"status", "customer_id", "branch_id", "from", "until", "search"})
SALES_ORDERS: Listing[DocumentSummary] = Listing(
    name="sales_orders", filters=DOCUMENT_FILTERS | {"backordered"}, choices={"status": frozenset(SalesOrderStatus)})
QUOTATIONS: Listing[DocumentSummary] = Listing(
    name="quotations", filters=DOCUMENT_FILTERS | {"valid_until_before"},
    choices={"status": frozenset(QuotationStatus)})


def searched(text: str, *texts: str) -> bool:
    """Whether `text` is a part of any of `texts`, in any case: what the `search` filter means."""
    wanted = text.lower()
    return any(wanted in candidate.lower() for candidate in texts)


def expiring(quotation: Quotation, last_day: date) -> bool:
    """What `valid_until_before` means: an open quotation (draft or sent) valid until `last_day` or earlier, not
    yet expired by the daily job, so someone can still follow it up."""
    return quotation.status in OPEN_QUOTATION and quotation.valid_until <= last_day


def backordered(order: SalesOrder) -> bool:
    """What `backordered` means: an order confirmed (or partially issued, or held after its confirmation) with
    some stocked quantity neither reserved nor issued, waiting for stock. A draft reserves nothing yet, so a draft
    (or one held as a draft) is not a backorder."""
    status = order.held_from if order.status is SalesOrderStatus.ON_HOLD else order.status
    return status in ISSUABLE and any(order.backordered(line) > 0 for line in order.lines)
