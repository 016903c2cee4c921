"""The listing of invoices and credit notes: one row per document, filtered by kind, status, customer, creation time
(`from` inclusive, `until` exclusive), invoice date (`dated_from`, `dated_until`, both inclusive), the order billed
and a search, newest or oldest first."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from attrs import frozen

from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoiceStatus
from oms.ports.shared.listings import Listing


@frozen(kw_only=True)
class InvoiceSummary:
    """One row of the listing: enough to show and to open the document (a draft has no number and no date)."""

    id: str
    kind: str
    status: str
    number: str | None
    invoice_date: date | None
    customer_id: str
    customer_code: str
    branch_code: str
    currency: str
    grand_total: Decimal
    created_at: datetime


# `search`: a part of the number, of the customer's code or name, in any case; `order_id`: documents with a line
# billing that order, and the credit notes of such invoices.
INVOICES: Listing[InvoiceSummary] = Listing(
    name="invoices",
    filters=frozenset({"kind", "status", "customer_id", "from", "until", "dated_from", "dated_until", "search",
                       "order_id"}),
    choices={"status": frozenset(InvoiceStatus), "kind": frozenset(InvoiceKind)})


def bills_order(invoice: Invoice, order_id: str, credited: Invoice | None) -> bool:
    """What `order_id` means: the document has a line billing the order, or credits an invoice that has one."""
    return any(line.source_document_id == order_id for document in (invoice, credited) if document is not None
               for line in document.lines)


def dated_within(invoice_date: date | None, start: date | None, end: date | None) -> bool:
    """What `dated_from` and `dated_until` mean: a document dated within them, both days included (a draft,
    undated, is never within a date range)."""
    if start is None and end is None:
        return True
    return invoice_date is not None and (start is None or invoice_date >= start) and (end is None
                                                                                      or invoice_date <= end)
