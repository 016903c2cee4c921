"""Reads of master data, as views: a product, customer, branch or warehouse by its code, and the lists of them."""

from __future__ import annotations

import attrs

from oms.application.masterdata.codes import Codes
from oms.application.masterdata.lookups import branch_by_code, customer_by_code, product_by_sku, warehouse_by_code
from oms.application.masterdata.views import (
    BranchList,
    BranchView,
    CustomerList,
    CustomerView,
    ProductList,
    ProductView,
    TaxRateList,
    TaxRateView,
    WarehouseList,
    WarehouseView,
)
from oms.application.shared.views import money
from oms.domain.masterdata.parties import Branch, Customer, Warehouse
from oms.domain.masterdata.products import Product
from oms.domain.shared.tax import TaxRate
from oms.ports.masterdata.listings import CUSTOMERS, PRODUCTS
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.shared.listings import DEFAULT_LIMIT, ListingQuery, Listings


def product_view(p: Product) -> ProductView:
    return ProductView(sku=p.sku, name=p.name, kind=p.kind, uom=p.uom, price=money(p.price, p.currency),
                       tax_category=p.tax_category, invoice_policy=p.invoice_policy, active=p.active,
                       category=p.category)


def customer_view(c: Customer) -> CustomerView:
    return CustomerView(code=c.code, name=c.name, email=c.email, billing_address=c.billing_address,
                        shipping_address=c.shipping_address, tax_exempt=c.tax_exempt,
                        tax_exemption_reference=c.tax_exemption_reference, active=c.active,
                        payment_terms=c.payment_terms)


def branch_view(b: Branch) -> BranchView:
    return BranchView(code=b.code, name=b.name, currency=b.currency, tax_jurisdiction=b.tax_jurisdiction)


def warehouse_view(w: Warehouse, codes: Codes) -> WarehouseView:
    return WarehouseView(code=w.code, name=w.name, branch_code=codes.branch(w.branch_id), priority=w.priority,
                         active=w.active)


def tax_rate_view(r: TaxRate) -> TaxRateView:
    return TaxRateView(jurisdiction=r.jurisdiction, category=r.category, rate=r.rate)


def show_product(uow: MasterDataUnitOfWork, sku: str) -> ProductView:
    return product_view(product_by_sku(uow, sku))


def show_customer(uow: MasterDataUnitOfWork, code: str) -> CustomerView:
    return customer_view(customer_by_code(uow, code))


def show_branch(uow: MasterDataUnitOfWork, code: str) -> BranchView:
    return branch_view(branch_by_code(uow, code))


def show_warehouse(uow: MasterDataUnitOfWork, code: str) -> WarehouseView:
    return warehouse_view(warehouse_by_code(uow, code), Codes(uow))


def product_page(listings: Listings, *, active: bool | None = None, search: str | None = None,
                 descending: bool = False, limit: int = DEFAULT_LIMIT, cursor: str | None = None,
                 category: str | None = None) -> ProductList:
    """A page of products by SKU, of one activity, matching a search (a part of the SKU or name) and of one
    `category` (exactly, spaces around it ignored), each if given."""
    query = _query(active, search, descending, limit, cursor)
    if category is not None and category.strip():
        query = attrs.evolve(query, filters={**query.filters, "category": category.strip()})
    page = listings.page(PRODUCTS, query)
    return ProductList(items=[product_view(p) for p in page.items], next_cursor=page.next_cursor)


def customer_page(listings: Listings, *, active: bool | None = None, search: str | None = None,
                  descending: bool = False, limit: int = DEFAULT_LIMIT, cursor: str | None = None) -> CustomerList:
    """A page of customers by code, of one activity and matching a search (a part of the code or name) if given."""
    page = listings.page(CUSTOMERS, _query(active, search, descending, limit, cursor))
    return CustomerList(items=[customer_view(c) for c in page.items], next_cursor=page.next_cursor)


def _query(active: bool | None, search: str | None, descending: bool, limit: int, cursor: str | None) -> ListingQuery:
    return ListingQuery(filters={"active": active, "search": search or None}, newest_first=descending, limit=limit,
                        cursor=cursor)


def branch_list(uow: MasterDataUnitOfWork) -> BranchList:
    return BranchList(items=[branch_view(b) for b in sorted(uow.masterdata.branches.list(), key=lambda b: b.code)])


def warehouse_list(uow: MasterDataUnitOfWork) -> WarehouseList:
    codes = Codes(uow)
    warehouses = sorted(uow.masterdata.warehouses.list(), key=lambda w: w.code)
    return WarehouseList(items=[warehouse_view(w, codes) for w in warehouses])


def tax_rate_list(uow: MasterDataUnitOfWork) -> TaxRateList:
    rates = sorted(uow.masterdata.tax_rates.list(), key=lambda r: (r.jurisdiction, r.category))
    return TaxRateList(items=[tax_rate_view(r) for r in rates])

