"""The listings of vendor bills (and debit notes) and of payments to suppliers: one row per document, filtered by
status, 3-way match, supplier, creation time (`from` inclusive, `until` exclusive) and a search, oldest or newest
first. A payment's creation time is when it was recorded."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from attrs import frozen

from oms.domain.invoicing.vendor_bills import BillKind, BillStatus, MatchStatus
from oms.ports.shared.listings import Listing


@frozen(kw_only=True)
class BillSummary:
    """One row of the vendor bills: enough to show and to open the document (a draft has no number)."""

    id: str
    kind: str
    status: str
    match_status: str
    number: str | None
    supplier_id: str
    supplier_code: str
    supplier_invoice_number: str
    bill_date: date
    currency: str
    grand_total: Decimal
    debited: Decimal  # by its posted debit notes (a bill's)
    paid: Decimal  # by payments allocated to it (a bill's)
    created_at: datetime


@frozen(kw_only=True)
class SupplierPaymentSummary:
    """One row of the payments to suppliers; `created_at` is when the payment was recorded."""

    id: str
    number: str
    supplier_id: str
    supplier_code: str
    amount: Decimal
    currency: str
    payment_date: date
    allocated: Decimal  # to bills
    created_at: datetime


# `search`: a part of the number, of the supplier's invoice number, or of the supplier's code or name, in any case.
VENDOR_BILLS: Listing[BillSummary] = Listing(
    name="vendor_bills",
    filters=frozenset({"kind", "status", "match", "supplier_id", "from", "until", "search"}),
    choices={"status": frozenset(BillStatus), "match": frozenset(MatchStatus), "kind": frozenset(BillKind)})

SUPPLIER_PAYMENTS: Listing[SupplierPaymentSummary] = Listing(
    name="supplier_payments", filters=frozenset({"supplier_id", "from", "until"}))
