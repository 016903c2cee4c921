"""What the API answers: one attrs class per representation; the OpenAPI response schemas are generated from them.

Money is an object {amount: decimal string, currency: ISO 4217 code}; quantities and rates are decimal strings;
timestamps are ISO 8601 in UTC (`2026-03-02T09:30:00Z`); things are referred to by their codes and numbers.
The views of documents are in `document_views`, re-exported here.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from attrs import frozen

from oms.domain.masterdata.parties import Address
from oms.domain.shared.items import ProductKind
from oms.domain.shared.money import Money
from oms.domain.shared.tax import TaxCategory
from oms.domain.stock.levels import MovementKind
from oms.entrypoints.http.document_views import (
    DocumentPage,
    DocumentSummaryView,
    EventView,
    GoodsIssueLineView,
    GoodsIssueView,
    LineView,
    OrderLineView,
    QuotationView,
    ReservationView,
    SalesOrderView,
    StatusChangeView,
    TaxView,
    Totals,
)


@frozen(kw_only=True)
class Health:
    status: str


@frozen(kw_only=True)
class Readiness:
    """`database`: memory, sqlite or postgresql; `revision`: the migration it is at (none in memory)."""

    status: str
    database: str
    revision: str | None


@frozen(kw_only=True)
class Links:
    openapi: str
    health: str
    readiness: str


@frozen(kw_only=True)
class ApiIndex:
    name: str
    version: str
    links: Links


@frozen(kw_only=True)
class ProductView:
    sku: str
    name: str
    kind: ProductKind
    uom: str
    price: Money
    tax_category: TaxCategory
    active: bool


@frozen(kw_only=True)
class CustomerView:
    code: str
    name: str
    email: str
    billing_address: Address
    shipping_address: Address
    tax_exempt: bool
    tax_exemption_reference: str
    active: bool


@frozen(kw_only=True)
class BranchView:
    code: str
    name: str
    currency: str
    tax_jurisdiction: str


@frozen(kw_only=True)
class WarehouseView:
    code: str
    name: str
    branch_code: str
    priority: int
    active: bool


@frozen(kw_only=True)
class TaxRateView:
    jurisdiction: str
    category: TaxCategory
    rate: Decimal


@frozen(kw_only=True)
class StockLevelView:
    sku: str
    warehouse_code: str
    on_hand: Decimal
    reserved: Decimal
    available: Decimal


@frozen(kw_only=True)
class StockChange:
    """A receipt or an adjustment: its number (GR-000001, ADJ-000001) and the stock level after it."""

    number: str
    level: StockLevelView


@frozen(kw_only=True)
class MovementView:
    id: str
    sku: str
    warehouse_code: str
    kind: MovementKind
    quantity: Decimal
    reference: str
    at: datetime
    actor: str
    reason: str


@frozen(kw_only=True)
class ProductList:
    items: list[ProductView]


@frozen(kw_only=True)
class CustomerList:
    items: list[CustomerView]


@frozen(kw_only=True)
class BranchList:
    items: list[BranchView]


@frozen(kw_only=True)
class WarehouseList:
    items: list[WarehouseView]


@frozen(kw_only=True)
class TaxRateList:
    items: list[TaxRateView]


@frozen(kw_only=True)
class StockLevelList:
    items: list[StockLevelView]


@frozen(kw_only=True)
class MovementList:
    items: list[MovementView]


@frozen(kw_only=True)
class EventList:
    items: list[EventView]


__all__ = [
    "ApiIndex",
    "BranchList",
    "BranchView",
    "CustomerList",
    "CustomerView",
    "DocumentPage",
    "DocumentSummaryView",
    "EventList",
    "EventView",
    "GoodsIssueLineView",
    "GoodsIssueView",
    "Health",
    "LineView",
    "Links",
    "MovementList",
    "MovementView",
    "OrderLineView",
    "ProductList",
    "ProductView",
    "QuotationView",
    "Readiness",
    "ReservationView",
    "SalesOrderView",
    "StatusChangeView",
    "StockChange",
    "StockLevelList",
    "StockLevelView",
    "TaxRateList",
    "TaxRateView",
    "TaxView",
    "Totals",
    "WarehouseList",
    "WarehouseView",
]
