"""What reads of the sales documents answer: quotations and sales orders with their lines, money, reservations,
goods issues and audit trail, and the rows of their listings."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from attrs import frozen

from oms.application.shared.views import Quantity, StatusChangeView, TaxView, Totals
from oms.domain.sales.quotation import QuotationStatus
from oms.domain.sales.sales_order import SalesOrderStatus
from oms.domain.shared.discounts import Discount
from oms.domain.shared.items import InvoicePolicy, ProductKind
from oms.domain.shared.money import Money
from oms.domain.shared.tax import TaxCategory, TaxRounding


@frozen(kw_only=True)
class LineView:
    id: str
    position: int
    sku: str
    description: str
    kind: ProductKind
    uom: str
    quantity: Quantity
    unit_price: Money
    discount: Discount | None
    tax_category: TaxCategory
    tax_rate: Decimal
    invoice_policy: InvoicePolicy
    gross_amount: Money
    line_discount: Money
    order_discount: Money
    net: Money
    tax: Money
    total: Money


@frozen(kw_only=True)
class OrderLineView(LineView):
    """A line of an order, with how much of it is issued, still to ship (remaining; none for a service), reserved
    and waiting for stock (backordered)."""

    quantity_issued: Quantity
    quantity_remaining: Quantity
    quantity_reserved: Quantity
    quantity_backordered: Quantity
    quantity_returned: Quantity


@frozen(kw_only=True)
class ReservationView:
    id: str
    line_id: str
    sku: str
    warehouse_code: str
    quantity: Quantity
    issued: Quantity
    released: Quantity
    open: Quantity
    created_at: datetime


@frozen(kw_only=True)
class GoodsIssueLineView:
    """`cost`: the cost of the goods issued, the value they took out of stock."""

    line_id: str
    sku: str
    quantity: Quantity
    cost: Money


@frozen(kw_only=True)
class ReturnReceiptView:
    number: str
    warehouse_code: str
    quantity: Quantity
    value: Money
    received_at: datetime
    actor: str


@frozen(kw_only=True)
class ReturnView:
    """A return authorisation of a line's delivered units, and the receipts of what came back."""

    number: str
    line_id: str
    sku: str
    quantity: Quantity
    received: Quantity
    reason: str
    authorised_at: datetime
    actor: str
    receipts: list[ReturnReceiptView]


@frozen(kw_only=True)
class GoodsIssueView:
    number: str
    warehouse_code: str
    issued_at: datetime
    actor: str
    lines: list[GoodsIssueLineView]


@frozen(kw_only=True)
class QuotationView:
    id: str
    number: str
    status: QuotationStatus
    customer_code: str
    branch_code: str
    currency: str
    created_at: datetime
    valid_until: date
    prices_include_tax: bool
    tax_rounding: TaxRounding
    tax_exempt: bool
    order_discount: Discount | None
    notes: str
    revision: int
    revision_of: str | None
    superseded_by: str | None
    sales_order_id: str | None
    lines: list[LineView]
    totals: Totals
    taxes: list[TaxView]
    history: list[StatusChangeView]
    version: int


@frozen(kw_only=True)
class SalesOrderView:
    id: str
    number: str
    status: SalesOrderStatus
    customer_code: str
    branch_code: str
    currency: str
    created_at: datetime
    customer_reference: str
    quotation_id: str | None
    prices_include_tax: bool
    tax_rounding: TaxRounding
    tax_exempt: bool
    order_discount: Discount | None
    allow_backorder: bool
    over_delivery_percent: Decimal
    held_from: SalesOrderStatus | None
    lines: list[OrderLineView]
    totals: Totals
    taxes: list[TaxView]
    reservations: list[ReservationView]
    goods_issues: list[GoodsIssueView]
    returns: list[ReturnView]
    history: list[StatusChangeView]
    version: int


@frozen(kw_only=True)
class DocumentSummaryView:
    id: str
    number: str
    status: str
    customer_code: str
    branch_code: str
    grand_total: Money
    created_at: datetime


@frozen(kw_only=True)
class DocumentPage:
    """One page of a listing; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[DocumentSummaryView]
    next_cursor: str | None
