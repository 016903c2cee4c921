"""Master data: products, tax rates and exchange rates (the catalog), customers, suppliers, branches and warehouses
(the parties); read by viewers, kept as their actions declare (products, customers, suppliers and exchange rates by
managers, the rest by admins)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import attrs
from attrs import frozen

from oms.application.masterdata import queries as md
from oms.application.masterdata import supplier_queries as sq
from oms.application.masterdata.actions import ACTIONS
from oms.application.masterdata.supplier_views import (
    ExchangeRateList,
    ExchangeRateView,
    PurchasePrice,
    SupplierList,
    SupplierPriceList,
    SupplierView,
)
from oms.application.masterdata.views import (
    BranchList,
    BranchView,
    CustomerList,
    CustomerView,
    ProductList,
    ProductView,
    TaxRateList,
    WarehouseList,
    WarehouseView,
)
from oms.domain.access.tokens import Role
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import ApiBlueprint, Call
from oms.entrypoints.http.listing import CODE, CURRENCY, KeyOrder, MasterDataFilter, ProductFilter, parameters

bp = ApiBlueprint("masterdata", __name__, tag="catalog")
parties = ApiBlueprint("parties", __name__, tag="parties")
VIEWER = Role.VIEWER


@bp.operation("GET", "/products", summary="List the products by SKU, a page at a time", role=VIEWER,
              response=ProductList, query=ProductFilter)
def list_products(call: Call) -> ProductList:
    wanted = call.query(ProductFilter)
    with parameters({}):
        return md.product_page(api().listings, active=wanted.active, search=wanted.search,
                               descending=wanted.order is KeyOrder.DESCENDING, limit=wanted.limit,
                               cursor=wanted.cursor, category=wanted.category)


@bp.operation("GET", "/products/<sku>", summary="Show a product", role=VIEWER, response=ProductView)
def get_product(call: Call) -> ProductView:
    return call.system.read(md.show_product, call.args["sku"])


@bp.operation("GET", "/tax-rates", summary="List the tax rates of every jurisdiction", role=VIEWER,
              response=TaxRateList)
def list_tax_rates(call: Call) -> TaxRateList:
    return call.system.read(md.tax_rate_list)


@parties.operation("GET", "/customers", summary="List the customers by code, a page at a time", role=VIEWER,
                   response=CustomerList, query=MasterDataFilter)
def list_customers(call: Call) -> CustomerList:
    return _page(call, md.customer_page)


@parties.operation("GET", "/customers/<code>", summary="Show a customer", role=VIEWER, response=CustomerView)
def get_customer(call: Call) -> CustomerView:
    return call.system.read(md.show_customer, call.args["code"])


@parties.operation("GET", "/branches", summary="List the branches, by code", role=VIEWER, response=BranchList)
def list_branches(call: Call) -> BranchList:
    return call.system.read(md.branch_list)


@parties.operation("GET", "/branches/<code>", summary="Show a branch", role=VIEWER, response=BranchView)
def get_branch(call: Call) -> BranchView:
    return call.system.read(md.show_branch, call.args["code"])


@parties.operation("GET", "/warehouses", summary="List the warehouses, by code", role=VIEWER,
                   response=WarehouseList)
def list_warehouses(call: Call) -> WarehouseList:
    return call.system.read(md.warehouse_list)


@parties.operation("GET", "/warehouses/<code>", summary="Show a warehouse", role=VIEWER, response=WarehouseView)
def get_warehouse(call: Call) -> WarehouseView:
    return call.system.read(md.show_warehouse, call.args["code"])


@frozen(kw_only=True)
class PriceQuery:
    """The price of `supplier` for `quantity` stock units (default 1) on `day` (default today); `currency` to also
    price it in (at the day's rate)."""

    supplier: str = attrs.field(metadata=CODE)
    quantity: str = "1"
    day: date | None = None
    currency: str | None = attrs.field(default=None, metadata=CURRENCY)


@frozen(kw_only=True)
class PreferredQuery:
    """`quantity` in stock units (default 1) on `day` (default today), compared in the currency of `branch`."""

    branch: str = attrs.field(metadata=CODE)
    quantity: str = "1"
    day: date | None = None


@frozen(kw_only=True)
class DayQuery:
    """The rate of `day` (default today)."""

    day: date | None = None


def _today(call: Call, day: date | None) -> date:
    return day if day is not None else api().clock.now().date()


@parties.operation("GET", "/suppliers", summary="List the suppliers by code, a page at a time", role=VIEWER,
                   response=SupplierList, query=MasterDataFilter)
def list_suppliers(call: Call) -> SupplierList:
    return _page(call, sq.supplier_page)


@parties.operation("GET", "/suppliers/<code>", summary="Show a supplier with its prices", role=VIEWER,
                   response=SupplierView)
def get_supplier(call: Call) -> SupplierView:
    return call.system.read(sq.show_supplier, call.args["code"])


@bp.operation("GET", "/products/<sku>/purchase-price", summary="A supplier's price for a quantity of a product on "
              "a day", role=VIEWER, response=PurchasePrice, query=PriceQuery, errors=(409, 422))
def get_purchase_price(call: Call) -> PurchasePrice:
    wanted = call.query(PriceQuery)
    return call.system.read(sq.purchase_price, wanted.supplier, call.args["sku"], wanted.quantity,
                            _today(call, wanted.day), wanted.currency)


@bp.operation("GET", "/products/<sku>/supplier-prices", summary="Every supplier's prices for a product",
              role=VIEWER, response=SupplierPriceList)
def list_product_supplier_prices(call: Call) -> SupplierPriceList:
    return call.system.read(sq.product_supplier_prices, call.args["sku"])


@bp.operation("GET", "/products/<sku>/preferred-supplier", summary="The preferred supplier's price for a quantity "
              "of a product on a day: the flagged one, else the cheapest in the branch's currency", role=VIEWER,
              response=PurchasePrice, query=PreferredQuery, errors=(409, 422))
def get_preferred_supplier(call: Call) -> PurchasePrice:
    wanted = call.query(PreferredQuery)
    return call.system.read(sq.preferred_supplier, call.args["sku"], wanted.quantity, _today(call, wanted.day),
                            wanted.branch)


@bp.operation("GET", "/exchange-rates", summary="List the exchange rates by pair, newest first", role=VIEWER,
              response=ExchangeRateList)
def list_exchange_rates(call: Call) -> ExchangeRateList:
    return call.system.read(sq.exchange_rate_list)


@bp.operation("GET", "/exchange-rates/<from_currency>/<to_currency>", summary="The rate of a pair on a day: its "
              "latest on or before it, else 1/its inverse's", role=VIEWER, response=ExchangeRateView, query=DayQuery,
              errors=(409,))
def get_exchange_rate(call: Call) -> ExchangeRateView:
    wanted = call.query(DayQuery)
    return call.system.read(sq.exchange_rate_on, call.args["from_currency"], call.args["to_currency"],
                            _today(call, wanted.day))


bp.actions(ACTIONS)


P = TypeVar("P")


def _page(call: Call, page: Callable[..., P]) -> P:
    """A page of a master-data listing, as the request's query asks for it."""
    wanted = call.query(MasterDataFilter)
    with parameters({}):
        return page(api().listings, active=wanted.active, search=wanted.search,
                    descending=wanted.order is KeyOrder.DESCENDING, limit=wanted.limit, cursor=wanted.cursor)
