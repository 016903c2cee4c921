"""Master data: products and tax rates (the catalog), customers, branches and warehouses (the parties); read by
viewers, kept as their actions declare (products and customers by managers, the rest by admins)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from oms.application.masterdata import queries as md
from oms.application.masterdata.actions import ACTIONS
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
from oms.entrypoints.http.listing import KeyOrder, MasterDataFilter, parameters

bp = ApiBlueprint("masterdata", __name__, tag="catalog")
parties = ApiBlueprint("parties", __name__, tag="parties")
VIEWER = Role.VIEWER


@bp.operation("GET", "/products", summary="List the products by SKU, a page at a time", role=VIEWER,
              response=ProductList, query=MasterDataFilter)
def list_products(call: Call) -> ProductList:
    return _page(call, md.product_page)


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


bp.actions(ACTIONS)


P = TypeVar("P")


def _page(call: Call, page: Callable[..., P]) -> P:
    """A page of a master-data listing, as the request's query asks for it."""
    wanted = call.query(MasterDataFilter)
    with parameters({}):
        return page(api().listings, active=wanted.active, search=wanted.search,
                    descending=wanted.order is KeyOrder.DESCENDING, limit=wanted.limit, cursor=wanted.cursor)
