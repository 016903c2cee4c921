"""What reads of purchase orders answer: the order with its lines and their progress (received, open, billed,
receipt status per line), money, receipts, returns to the supplier and audit trail; procurement settings."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from attrs import frozen

from oms.application.shared.views import Quantity, StatusChangeView, TaxView, Totals
from oms.domain.procurement.purchase_order import PurchaseOrderStatus, ReceiptStatus
from oms.domain.shared.discounts import Discount
from oms.domain.shared.items import ProductKind
from oms.domain.shared.money import Money
from oms.domain.shared.tax import TaxCategory, TaxRounding


@frozen(kw_only=True)
class PurchaseOrderLineView:
    """A line and its progress, each judged on its own: `received` (receipts less returns), `open` (still to
    arrive; 0 once the order is closed), `billed`, and its `receipt_status`."""

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
    gross_amount: Money
    line_discount: Money
    order_discount: Money
    net: Money
    tax: Money
    total: Money
    received: Quantity
    open: Quantity
    billed: Quantity
    receipt_status: ReceiptStatus


@frozen(kw_only=True)
class GoodsReceiptLineView:
    """`value`: what the units are worth in stock, in the branch's currency."""

    line_id: str
    sku: str
    quantity: Quantity
    value: Money


@frozen(kw_only=True)
class GoodsReceiptView:
    number: str
    warehouse_code: str
    received_at: datetime
    actor: str
    rate: Decimal
    lines: list[GoodsReceiptLineView]


@frozen(kw_only=True)
class SupplierReturnView:
    number: str
    line_id: str
    sku: str
    warehouse_code: str
    quantity: Quantity
    value: Money
    reason: str
    returned_at: datetime
    actor: str


@frozen(kw_only=True)
class PurchaseOrderView:
    id: str
    number: str
    status: PurchaseOrderStatus
    receipt_status: ReceiptStatus
    supplier_code: str
    branch_code: str
    warehouse_code: str
    currency: str
    created_at: datetime
    supplier_reference: str
    prices_include_tax: bool
    tax_rounding: TaxRounding
    order_discount: Discount | None
    lines: list[PurchaseOrderLineView]
    totals: Totals
    taxes: list[TaxView]
    receipts: list[GoodsReceiptView]
    supplier_returns: list[SupplierReturnView]
    history: list[StatusChangeView]
    version: int


@frozen(kw_only=True)
class PurchaseOrderSummaryView:
    id: str
    number: str
    status: PurchaseOrderStatus
    receipt_status: ReceiptStatus
    supplier_code: str
    supplier_name: str
    branch_code: str
    grand_total: Money
    created_at: datetime


@frozen(kw_only=True)
class PurchaseOrderList:
    """One page of the listing; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[PurchaseOrderSummaryView]
    next_cursor: str | None = None


@frozen(kw_only=True)
class ReceiptToleranceView:
    sku: str
    percent: Decimal


@frozen(kw_only=True)
class ProcurementSettingsView:
    """A branch's: orders whose total reaches `approval_threshold` (null: none) need a manager's approval; receipts
    may exceed the ordered quantity by `over_receipt_percent` unless the product has its own tolerance; a vendor
    bill's unit price may be `price_tolerance_percent` off the order's and still match."""

    branch_code: str
    currency: str
    approval_threshold: Money | None
    over_receipt_percent: Decimal
    price_tolerance_percent: Decimal
    tolerances: list[ReceiptToleranceView]
