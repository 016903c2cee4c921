"""Products: what can be sold, how it is counted, priced and taxed."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lookups import product_by_sku
from oms.application.shared.commands import Command, Handlers, to_optional_decimal, to_price
from oms.domain.masterdata.products import Product
from oms.domain.shared.errors import AlreadyExists
from oms.domain.shared.ids import new_id
from oms.domain.shared.items import InvoicePolicy, ProductKind
from oms.domain.shared.tax import TaxCategory
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.shared.clock import Clock


@frozen(kw_only=True)
class CreateProduct(Command[str]):
    """A product; returns its id. Without an `invoice_policy`, services are invoiced on the quantities ordered and
    goods on those delivered. `category`: a short name grouping it in listings and reports ("tools",
    "hardware/fasteners"); none if not given (or empty)."""

    sku: str
    name: str
    price: Decimal = field(converter=to_price)
    currency: str
    kind: ProductKind = ProductKind.STOCKED
    uom: str = "unit"
    tax_category: TaxCategory = TaxCategory.STANDARD
    invoice_policy: InvoicePolicy | None = None
    category: str | None = None


@frozen(kw_only=True)
class UpdateProduct(Command[None]):
    """Change a product's name, list price, tax category, invoice policy, category (empty: none any more) or
    whether it is sold (`active`). Lines already made keep the policy they were made with."""

    sku: str
    name: str | None = None
    price: Decimal | None = field(default=None, converter=to_optional_decimal)
    tax_category: TaxCategory | None = None
    active: bool | None = None
    invoice_policy: InvoicePolicy | None = None
    category: str | None = None


def create_product(cmd: CreateProduct, uow: MasterDataUnitOfWork, clock: Clock) -> str:
    if uow.masterdata.products.by_sku(cmd.sku) is not None:
        raise AlreadyExists("product", cmd.sku)
    product = Product(new_id(), cmd.sku, cmd.name, cmd.kind, cmd.uom, cmd.price, cmd.currency, cmd.tax_category,
                      invoice_policy=cmd.invoice_policy or cmd.kind.invoice_policy, category=cmd.category or None)
    uow.masterdata.products.add(product)
    return product.id


def update_product(cmd: UpdateProduct, uow: MasterDataUnitOfWork, clock: Clock) -> None:
    product = product_by_sku(uow, cmd.sku)
    product.update(name=cmd.name, price=cmd.price, tax_category=cmd.tax_category, active=cmd.active,
                   invoice_policy=cmd.invoice_policy, category=cmd.category)


HANDLERS: Handlers = {CreateProduct: create_product, UpdateProduct: update_product}
