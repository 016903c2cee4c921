"""What reads of master data answer: products, customers, branches, warehouses and tax rates, by their codes."""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from oms.domain.masterdata.parties import Address
from oms.domain.shared.items import InvoicePolicy, ProductKind
from oms.domain.shared.money import Money
from oms.domain.shared.tax import TaxCategory


@frozen(kw_only=True)
class ProductView:
    sku: str
    name: str
    kind: ProductKind
    uom: str
    price: Money
    tax_category: TaxCategory
    invoice_policy: InvoicePolicy
    active: bool
    category: str | None


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
    payment_terms: str


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
class ProductList:
    """A page of products by SKU; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[ProductView]
    next_cursor: str | None = None


@frozen(kw_only=True)
class CustomerList:
    """A page of customers by code; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[CustomerView]
    next_cursor: str | None = None


@frozen(kw_only=True)
class BranchList:
    items: list[BranchView]


@frozen(kw_only=True)
class WarehouseList:
    items: list[WarehouseView]


@frozen(kw_only=True)
class TaxRateList:
    items: list[TaxRateView]
