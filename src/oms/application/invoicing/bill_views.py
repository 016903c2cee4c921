"""What reads of vendor bills and supplier payments answer: a bill or debit note with its lines and their 3-way
match, totals, taxes and what it still owes; a payment to a supplier with its allocations."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from attrs import frozen

from oms.application.invoicing.views import InvoiceTotalsView
from oms.application.shared.views import Quantity, TaxView
from oms.domain.invoicing.payments import PaymentMethod
from oms.domain.invoicing.supplier_payments import BillPaymentStatus
from oms.domain.invoicing.vendor_bills import BillKind, BillStatus, MatchStatus
from oms.domain.shared.money import Money
from oms.domain.shared.tax import TaxCategory


@frozen(kw_only=True)
class BillLineView:
    id: str
    position: int
    purchase_order_id: str
    po_line_id: str
    debited_line_id: str | None
    sku: str
    description: str
    quantity: Quantity
    unit_price: Money
    po_unit_price: Money
    tax_category: TaxCategory
    tax_rate: Decimal
    match_status: MatchStatus
    match_reason: str
    gross_amount: Money
    line_discount: Money
    order_discount: Money
    net: Money
    tax: Money
    total: Money


@frozen(kw_only=True)
class BillView:
    """A vendor bill or debit note; a draft has no number and is matched when posted (`pending`)."""

    id: str
    kind: BillKind
    status: BillStatus
    number: str | None
    supplier_code: str
    branch_code: str
    currency: str
    supplier_invoice_number: str
    bill_date: date
    due_date: date | None
    created_at: datetime
    created_by: str
    posted_at: datetime | None
    posted_by: str
    debited_bill_id: str | None
    match_status: MatchStatus
    released_by: str
    payable: bool
    lines: list[BillLineView]
    totals: InvoiceTotalsView
    taxes: list[TaxView]
    version: int
    payment_status: BillPaymentStatus | None = None  # a posted bill's; None for drafts and debit notes
    residual: Money | None = None


@frozen(kw_only=True)
class BillSummaryView:
    """One row of the vendor bills: a draft has no number and is matched when posted (`pending`); a posted bill
    tells how far it is paid and what it still owes (`residual`), a draft or a debit note neither."""

    id: str
    kind: BillKind
    status: BillStatus
    match_status: MatchStatus
    number: str | None
    supplier_code: str
    supplier_invoice_number: str
    bill_date: date
    grand_total: Money
    payment_status: BillPaymentStatus | None
    residual: Money | None
    created_at: datetime


@frozen(kw_only=True)
class BillList:
    """One page of the listing; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[BillSummaryView]
    next_cursor: str | None = None


@frozen(kw_only=True)
class SupplierAllocationView:
    bill_id: str
    bill_number: str
    amount: Money
    allocated_at: datetime
    allocated_by: str


@frozen(kw_only=True)
class SupplierPaymentView:
    id: str
    number: str
    supplier_code: str
    amount: Money
    payment_date: date
    method: PaymentMethod
    reference: str
    recorded_at: datetime
    recorded_by: str
    allocations: list[SupplierAllocationView]
    allocated: Money
    unallocated: Money
    version: int


@frozen(kw_only=True)
class SupplierPaymentSummaryView:
    id: str
    number: str
    supplier_code: str
    amount: Money
    payment_date: date
    unallocated: Money
    recorded_at: datetime


@frozen(kw_only=True)
class SupplierPaymentList:
    """One page of the listing; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[SupplierPaymentSummaryView]
    next_cursor: str | None = None


@frozen(kw_only=True)
class PoLineBillingView:
    line_id: str
    position: int
    sku: str
    billing_policy: str
    ordered: Quantity
    received: Quantity
    billed: Quantity
    to_bill: Quantity


@frozen(kw_only=True)
class PurchaseOrderBillingView:
    """What a purchase order billed and has left to bill, per line (billed = posted bills - posted debit notes)."""

    order_id: str
    number: str
    lines: list[PoLineBillingView]
