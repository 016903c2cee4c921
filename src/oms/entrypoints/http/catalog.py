"""Products and tax rates: read by viewers, products kept by managers, tax rates by admins."""

from __future__ import annotations

from flask import url_for

from oms.application.masterdata.commands import CreateProduct, SetTaxRate, UpdateProduct
from oms.application.masterdata.lookups import product_by_sku
from oms.application.service import OrderManagement
from oms.domain.access.tokens import Role
from oms.entrypoints.http import presenters as present
from oms.entrypoints.http import views as v
from oms.entrypoints.http.endpoints import ApiBlueprint, Call, Reply

bp = ApiBlueprint("catalog", __name__, tag="catalog")


def _product(system: OrderManagement, sku: str) -> v.ProductView:
    with present.reading(system) as (uow, _):
        return present.product(product_by_sku(uow, sku))


@bp.operation("GET", "/products", summary="List the products, by SKU", role=Role.VIEWER, response=v.ProductList)
def list_products(call: Call) -> v.ProductList:
    with present.reading(call.system) as (uow, _):
        return v.ProductList(items=[present.product(p) for p in sorted(uow.products.list(), key=lambda p: p.sku)])


@bp.operation("POST", "/products", summary="Create a product", role=Role.MANAGER, response=v.ProductView,
              status=201, command=CreateProduct)
def create_product(call: Call) -> Reply:
    command = call.command(CreateProduct)
    call.handle(command)
    return Reply(_product(call.system, command.sku), url_for(".get_product", sku=command.sku))


@bp.operation("GET", "/products/<sku>", summary="Show a product", role=Role.VIEWER, response=v.ProductView)
def get_product(call: Call) -> v.ProductView:
    return _product(call.system, call.args["sku"])


@bp.operation("PATCH", "/products/<sku>", summary="Change a product's name, price, tax category or activity",
              role=Role.MANAGER, response=v.ProductView, command=UpdateProduct, fills={"sku": "sku"})
def update_product(call: Call) -> v.ProductView:
    call.handle(call.command(UpdateProduct))
    return _product(call.system, call.args["sku"])


@bp.operation("GET", "/tax-rates", summary="List the tax rates of every jurisdiction", role=Role.VIEWER,
              response=v.TaxRateList)
def list_tax_rates(call: Call) -> v.TaxRateList:
    with present.reading(call.system) as (uow, _):
        rates = sorted(uow.tax_rates.list(), key=lambda r: (r.jurisdiction, r.category))
        return v.TaxRateList(items=[present.tax_rate(r) for r in rates])


@bp.operation("POST", "/tax-rates", summary="Set the rate of a tax category in a jurisdiction (create or change)",
              role=Role.ADMIN, response=v.TaxRateView, command=SetTaxRate)
def set_tax_rate(call: Call) -> v.TaxRateView:
    command = call.command(SetTaxRate)
    call.handle(command)
    return v.TaxRateView(jurisdiction=command.jurisdiction, category=command.category, rate=command.rate)
