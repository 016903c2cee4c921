"""The master-data commands, declared once: products, customers, branches, warehouses, tax rates, imports, suppliers
and their prices, exchange rates."""

from __future__ import annotations

from typing import Any

from oms.application.masterdata import suppliers as sup
from oms.application.masterdata.branches import CreateBranch, CreateWarehouse
from oms.application.masterdata.customers import CreateCustomer, UpdateCustomer
from oms.application.masterdata.exchange_rate_imports import ImportExchangeRates
from oms.application.masterdata.exchange_rates import SetExchangeRate
from oms.application.masterdata.imports import ImportCustomers, ImportProducts
from oms.application.masterdata.products import CreateProduct, UpdateProduct
from oms.application.masterdata.queries import show_branch, show_customer, show_product, show_warehouse
from oms.application.masterdata.supplier_imports import ImportSupplierPrices, ImportSuppliers
from oms.application.masterdata.supplier_queries import show_supplier
from oms.application.masterdata.supplier_views import ExchangeRateView
from oms.application.masterdata.tax_rates import SetTaxRate
from oms.application.masterdata.views import TaxRateView
from oms.application.shared.actions import Action, Resource, answers_result
from oms.domain.access.tokens import Role

PRODUCT = Resource(name="product", title="product", path="/products", cli="product", tag="catalog",
                   show=show_product, ref="sku", ref_field="sku", key=lambda view: view.sku)
TAX_RATE = Resource(name="tax_rate", title="tax rate", path="/tax-rates", cli="tax", tag="catalog")
CUSTOMER = Resource(name="customer", title="customer", path="/customers", cli="customer", tag="parties",
                    show=show_customer, ref="code", ref_field="code", key=lambda view: view.code)
BRANCH = Resource(name="branch", title="branch", path="/branches", cli="branch", tag="parties", show=show_branch,
                  ref="code", ref_field="code", key=lambda view: view.code)
WAREHOUSE = Resource(name="warehouse", title="warehouse", path="/warehouses", cli="warehouse", tag="parties",
                     show=show_warehouse, ref="code", ref_field="code", key=lambda view: view.code)
SUPPLIER = Resource(name="supplier", title="supplier", path="/suppliers", cli="supplier", tag="parties",
                    show=show_supplier, ref="code", ref_field="code", key=lambda view: view.code)
EXCHANGE_RATE = Resource(name="exchange_rate", title="exchange rate", path="/exchange-rates", cli="rate",
                         tag="catalog", key=lambda view: f"{view.from_currency}/{view.to_currency} {view.day}")

MANAGER, ADMIN = Role.MANAGER, Role.ADMIN


def _tax_rate(_uow: Any, command: SetTaxRate, _result: str) -> TaxRateView:
    return TaxRateView(jurisdiction=command.jurisdiction, category=command.category, rate=command.rate)


def _exchange_rate(_uow: Any, command: SetExchangeRate, _result: str) -> ExchangeRateView:
    return ExchangeRateView(from_currency=command.from_currency, to_currency=command.to_currency, day=command.day,
                            rate=command.rate)


def _imports(resource: Resource, command: type[Any], what: str, name: str = "import", path: str = "import"
             ) -> Action:
    """An import of rows: all or nothing unless partial, answered with what was created, updated and refused."""
    return Action(resource, name, command, MANAGER, f"Create or update {what} from rows, all or nothing unless "
                  "partial; answers what was created, updated and refused", path=path, collection=True,
                  answer=answers_result, operation=f"import_{what.replace(' ', '_')}")


def _created(resource: Resource, command: type[Any], role: Role, summary: str) -> Action:
    """A creation, answered with the new thing as shown by the code its command gave it."""
    return Action(resource, "create", command, role, summary, path="", collection=True, status=201,
                  creates=resource)


ACTIONS = [
    _created(PRODUCT, CreateProduct, MANAGER, "Create a product"),
    Action(PRODUCT, "update", UpdateProduct, MANAGER, "Change a product's name, price, tax category, invoice "
           "policy, category or activity", method="PATCH", path=""),
    Action(PRODUCT, "import", ImportProducts, MANAGER, "Create or update products from rows, all or nothing unless "
           "partial; answers what was created, updated and refused", path="import", collection=True,
           answer=answers_result, operation="import_products"),
    _created(CUSTOMER, CreateCustomer, MANAGER, "Create a customer"),
    Action(CUSTOMER, "update", UpdateCustomer, MANAGER, "Change a customer's name, email, addresses, tax exemption "
           "or activity", method="PATCH", path=""),
    Action(CUSTOMER, "import", ImportCustomers, MANAGER, "Create or update customers from rows, all or nothing "
           "unless partial; answers what was created, updated and refused", path="import", collection=True,
           answer=answers_result, operation="import_customers"),
    _created(BRANCH, CreateBranch, ADMIN, "Create a branch"),
    _created(WAREHOUSE, CreateWarehouse, ADMIN, "Create a warehouse of a branch"),
    Action(TAX_RATE, "set", SetTaxRate, ADMIN, "Set the rate of a tax category in a jurisdiction (create or change)",
           path="", collection=True, answer=_tax_rate, arguments=("jurisdiction", "category", "rate")),
    _created(SUPPLIER, sup.CreateSupplier, MANAGER, "Create a supplier"),
    Action(SUPPLIER, "update", sup.UpdateSupplier, MANAGER, "Change a supplier's name, currency, payment terms, lead "
           "time, email, address or activity", method="PATCH", path=""),
    Action(SUPPLIER, "deactivate", sup.DeactivateSupplier, MANAGER, "Stop ordering from a supplier"),
    Action(SUPPLIER, "set-price", sup.SetSupplierPrice, MANAGER, "Create or change the supplier's price for a "
           "product (per unit of purchase, from a minimum quantity, valid from/to)", path="prices",
           operation="set_supplier_price"),
    Action(SUPPLIER, "remove-price", sup.RemoveSupplierPrice, MANAGER, "Withdraw one of the supplier's prices",
           method="DELETE", path="prices/<price_id>", operation="remove_supplier_price"),
    Action(EXCHANGE_RATE, "set", SetExchangeRate, MANAGER, "Set the rate of a currency pair on a day (replacing "
           "the day's rate if entered before)", path="", collection=True, answer=_exchange_rate,
           arguments=("from_currency", "to_currency", "day", "rate")),
    _imports(SUPPLIER, ImportSuppliers, "suppliers"),
    _imports(SUPPLIER, ImportSupplierPrices, "supplier prices", name="import-prices", path="prices/import"),
    _imports(EXCHANGE_RATE, ImportExchangeRates, "exchange rates"),
]
