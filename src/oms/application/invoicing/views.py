"""What reads of invoices answer: an invoice or credit note with its lines, totals, taxes and what it owes; an order's
billing; payments, a customer's statement and the receivables' ageing."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from attrs import frozen

from oms.application.shared.views import Quantity, TaxView
from oms.domain.invoicing.billing import BillingStatus
from oms.domain.invoicing.invoices import InvoiceKind, InvoiceStatus
from oms.domain.invoicing.payments import PaymentMethod
from oms.domain.invoicing.receivables import PaymentStatus
from oms.domain.shared.items import InvoicePolicy
from oms.domain.shared.money import Money
from oms.domain.shared.tax import TaxCategory


@frozen(kw_only=True)
class InvoiceLineView:
    id: str
    position: int
    source_document_id: str
    source_line_id: str
    sku: str
    description: str
    quantity: Quantity
    unit_price: Money
    tax_category: TaxCategory
    tax_rate: Decimal
    gross_amount: Money
    line_discount: Money
    order_discount: Money
    net: Money
    tax: Money
    total: Money


@frozen(kw_only=True)
class InvoiceTotalsView:
    net_total: Money
    tax_total: Money
    grand_total: Money


@frozen(kw_only=True)
class InvoiceView:
    """An invoice or a credit note; a draft has no number and no date yet."""

    id: str
    kind: InvoiceKind
    status: InvoiceStatus
    number: str | None
    invoice_date: date | None
    customer_code: str
    branch_code: str
    currency: str
    created_at: datetime
    posted_at: datetime | None
    posted_by: str
    credited_invoice_id: str | None
    lines: list[InvoiceLineView]
    totals: InvoiceTotalsView
    taxes: list[TaxView]
    version: int
    due_date: date | None = None
    payment_status: PaymentStatus | None = None  # a posted invoice's; None for drafts and credit notes
    residual: Money | None = None
    overdue: bool | None = None  # told by reads given today's date (GET /invoices/{ref}), not in commands' answers


@frozen(kw_only=True)
class LineBillingView:
    line_id: str
    position: int
    sku: str
    invoice_policy: InvoicePolicy
    ordered: Quantity
    delivered: Quantity
    invoiced: Quantity
    to_invoice: Quantity
    to_credit: Quantity
    status: BillingStatus


@frozen(kw_only=True)
class OrderBillingView:
    """What an order has billed and has left to bill, per line (invoiced = posted invoices - posted credit notes)."""

    order_id: str
    number: str
    status: BillingStatus
    lines: list[LineBillingView]


@frozen(kw_only=True)
class DeletedInvoice:
    """What deleting a draft answers: the reference it was deleted by."""

    deleted: str


@frozen(kw_only=True)
class InvoiceSummaryView:
    """One row of the listing of invoices and credit notes (a draft has no number and no date yet)."""

    id: str
    number: str | None
    invoice_date: date | None
    kind: InvoiceKind
    status: InvoiceStatus
    customer_code: str
    branch_code: str
    grand_total: Money
    created_at: datetime


@frozen(kw_only=True)
class InvoicePage:
    """One page of the listing; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[InvoiceSummaryView]
    next_cursor: str | None


@frozen(kw_only=True)
class PartyView:
    """Who sells or buys, as a document prints them: code, name and the address's lines (none when unknown)."""

    code: str
    name: str
    address: list[str]


@frozen(kw_only=True)
class InvoiceDocumentView:
    """An invoice or credit note as the customer receives it: the document's view (its amounts exactly), the seller
    (the branch) and the customer with their addresses, the due date when there is one, the orders it bills and
    the invoice a credit note credits (their numbers)."""

    invoice: InvoiceView
    seller: PartyView
    customer: PartyView
    due_date: date | None
    orders: list[str]
    credited_invoice: str | None


@frozen(kw_only=True)
class AllocationView:
    invoice_id: str
    invoice_number: str
    amount: Money
    allocated_at: datetime
    allocated_by: str


@frozen(kw_only=True)
class PaymentView:
    """A payment, what it pays (its allocations) and what it has left (`unallocated`: the customer's credit)."""

    id: str
    number: str
    customer_code: str
    amount: Money
    payment_date: date
    method: PaymentMethod
    reference: str
    recorded_at: datetime
    recorded_by: str
    allocations: list[AllocationView]
    allocated: Money
    unallocated: Money
    version: int


@frozen(kw_only=True)
class PaymentList:
    items: list[PaymentView]


@frozen(kw_only=True)
class StatementLine:
    """A posted invoice (owed: +), credit note or payment (-), with the balance after it."""

    entry_date: date
    kind: str
    number: str
    amount: Money
    balance: Money
    due_date: date | None
    residual: Money | None


@frozen(kw_only=True)
class CurrencyStatement:
    currency: str
    opening_balance: Money
    lines: list[StatementLine]
    closing_balance: Money
    unallocated_credit: Money


@frozen(kw_only=True)
class StatementView:
    """A customer's account per currency: the opening balance on `from_date`, every posted document and payment
    since then in date order with the running balance, and the customer's unallocated credit."""

    customer_code: str
    from_date: date | None
    to_date: date
    currencies: list[CurrencyStatement]


@frozen(kw_only=True)
class AgeingRow:
    """What is owed, by days past due (each posted invoice's residual in one bucket)."""

    customer_code: str
    currency: str
    current: Money
    days_1_30: Money
    days_31_60: Money
    days_61_90: Money
    days_over_90: Money
    total: Money


@frozen(kw_only=True)
class AgeingView:
    as_of: date
    customers: list[AgeingRow]
    totals: list[AgeingRow]  # one per currency, customer_code empty
