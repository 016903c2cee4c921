"""Master data: branches, warehouses, tax rates, products and customers."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lookups import branch_by_code, product_by_sku
from oms.application.shared.commands import Command, Handlers, to_optional_decimal, to_price, to_rate
from oms.domain.masterdata.parties import Address, Branch, Customer, Warehouse
from oms.domain.masterdata.products import Product
from oms.domain.shared.errors import AlreadyExists
from oms.domain.shared.ids import new_id
from oms.domain.shared.items import ProductKind
from oms.domain.shared.tax import TaxCategory, TaxRate
from oms.ports.shared.clock import Clock
from oms.ports.unit_of_work import UnitOfWork


@frozen(kw_only=True)
class CreateBranch(Command[str]):
    code: str
    name: str
    currency: str
    tax_jurisdiction: str


@frozen(kw_only=True)
class CreateWarehouse(Command[str]):
    code: str
    name: str
    branch_code: str
    priority: int = 100


@frozen(kw_only=True)
class SetTaxRate(Command[str]):
    """Create or change the rate of a category in a jurisdiction; documents already priced keep their rate."""

    jurisdiction: str
    category: TaxCategory
    rate: Decimal = field(converter=to_rate)


@frozen(kw_only=True)
class CreateProduct(Command[str]):
    sku: str
    name: str
    price: Decimal = field(converter=to_price)
    currency: str
    kind: ProductKind = ProductKind.STOCKED
    uom: str = "unit"
    tax_category: TaxCategory = TaxCategory.STANDARD


@frozen(kw_only=True)
class UpdateProduct(Command[None]):
    sku: str
    name: str | None = None
    price: Decimal | None = field(default=None, converter=to_optional_decimal)
    tax_category: TaxCategory | None = None
    active: bool | None = None


@frozen(kw_only=True)
class CreateCustomer(Command[str]):
    code: str
    name: str
    email: str = ""
    billing_address: Address = field(factory=Address)
    shipping_address: Address = field(factory=Address)
    tax_exempt: bool = False
    tax_exemption_reference: str = ""


def create_branch(cmd: CreateBranch, uow: UnitOfWork, clock: Clock) -> str:
    with uow:
        if uow.branches.by_code(cmd.code) is not None:
            raise AlreadyExists("branch", cmd.code)
        branch = Branch(new_id(), cmd.code, cmd.name, cmd.currency, cmd.tax_jurisdiction)
        uow.branches.add(branch)
        uow.commit()
        return branch.id










def create_warehouse(cmd: CreateWarehouse, uow: UnitOfWork, clock: Clock) -> str:
    with uow:
        if uow.warehouses.by_code(cmd.code) is not None:
            raise AlreadyExists("warehouse", cmd.code)
        branch = branch_by_code(uow, cmd.branch_code)
        warehouse = Warehouse(new_id(), cmd.code, cmd.name, branch.id, cmd.priority)
        uow.warehouses.add(warehouse)
        uow.commit()
        return warehouse.id


def set_tax_rate(cmd: SetTaxRate, uow: UnitOfWork, clock: Clock) -> str:
    with uow:
        for existing in uow.tax_rates.for_jurisdiction(cmd.jurisdiction):
            if existing.category == cmd.category:
                existing.rate = cmd.rate
                rate = existing
                break
        else:
            rate = TaxRate(new_id(), cmd.jurisdiction, cmd.category, cmd.rate)
            uow.tax_rates.add(rate)
        uow.commit()
        return rate.id


def create_product(cmd: CreateProduct, uow: UnitOfWork, clock: Clock) -> str:
    with uow:
        if uow.products.by_sku(cmd.sku) is not None:
            raise AlreadyExists("product", cmd.sku)
        product = Product(new_id(), cmd.sku, cmd.name, cmd.kind, cmd.uom, cmd.price, cmd.currency, cmd.tax_category)
        uow.products.add(product)
        uow.commit()
        return product.id


def update_product(cmd: UpdateProduct, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        product = product_by_sku(uow, cmd.sku)
        product.update(name=cmd.name, price=cmd.price, tax_category=cmd.tax_category, active=cmd.active)
        uow.commit()


def create_customer(cmd: CreateCustomer, uow: UnitOfWork, clock: Clock) -> str:
    with uow:
        if uow.customers.by_code(cmd.code) is not None:
            raise AlreadyExists("customer", cmd.code)
        customer = Customer(new_id(), cmd.code, cmd.name, cmd.email, cmd.billing_address, cmd.shipping_address,
                            cmd.tax_exempt, cmd.tax_exemption_reference)
        uow.customers.add(customer)
        uow.commit()
        return customer.id


HANDLERS: Handlers = {
    CreateBranch: create_branch,
    CreateWarehouse: create_warehouse,
    SetTaxRate: set_tax_rate,
    CreateProduct: create_product,
    UpdateProduct: update_product,
    CreateCustomer: create_customer,
}
