"""Suppliers: whom stock is bought from, and their prices per product (quantity breaks, units of purchase)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lookups import product_by_sku, supplier_by_code
from oms.application.shared.commands import Command, Handlers, to_price
from oms.domain.masterdata.parties import Address
from oms.domain.masterdata.supplier_prices import SupplierPrice
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.errors import AlreadyExists, NotFound
from oms.domain.shared.ids import new_id
from oms.domain.shared.money import to_decimal
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.shared.clock import Clock


def _min_quantity(value: object) -> Decimal:
    return to_decimal(value, "min_quantity")


def _unit_factor(value: object) -> Decimal:
    return to_decimal(value, "unit_factor")


@frozen(kw_only=True)
class CreateSupplier(Command[str]):
    """A supplier: its currency (its offers' and bills'), payment terms (immediate, net N, end of month + N) and
    lead time in days (its prices' default). Returns its id."""

    code: str
    name: str
    currency: str
    payment_terms: str = "immediate"
    lead_time_days: int = 0
    email: str = ""
    address: Address = field(factory=Address)


@frozen(kw_only=True)
class UpdateSupplier(Command[None]):
    """Change a supplier's name, currency, payment terms, lead time, email, address (replaced whole), or whether
    it may be ordered from (`active`); documents made already keep theirs."""

    code: str
    name: str | None = None
    currency: str | None = None
    payment_terms: str | None = None
    lead_time_days: int | None = None
    email: str | None = None
    address: Address | None = None
    active: bool | None = None


@frozen(kw_only=True)
class DeactivateSupplier(Command[None]):
    """Stop ordering from a supplier; its prices and past documents stay."""

    code: str


@frozen(kw_only=True)
class SetSupplierPrice(Command[str]):
    """Create or change a supplier's price for a product: per unit of purchase (`purchase_unit`, holding
    `unit_factor` stock units; empty: the stock unit), in `currency` (default: the supplier's), from `min_quantity`
    stock units, with a lead time (default: the supplier's) and validity (open if not given). The entry of the same
    supplier, product, minimum quantity and valid-from is replaced. Returns the entry's id."""

    code: str
    sku: str
    price: Decimal = field(converter=to_price)
    currency: str | None = None
    min_quantity: Decimal = field(default=Decimal(0), converter=_min_quantity)
    purchase_unit: str = ""
    unit_factor: Decimal = field(default=Decimal(1), converter=_unit_factor)
    lead_time_days: int | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    preferred: bool = False


@frozen(kw_only=True)
class RemoveSupplierPrice(Command[None]):
    """Withdraw one of a supplier's prices."""

    code: str
    price_id: str


def create_supplier(cmd: CreateSupplier, uow: MasterDataUnitOfWork, clock: Clock) -> str:
    if uow.masterdata.suppliers.by_code(cmd.code) is not None:
        raise AlreadyExists("supplier", cmd.code)
    supplier = Supplier(new_id(), cmd.code, cmd.name, cmd.currency, cmd.payment_terms, cmd.lead_time_days,
                        cmd.email, cmd.address)
    uow.masterdata.suppliers.add(supplier)
    return supplier.id


def update_supplier(cmd: UpdateSupplier, uow: MasterDataUnitOfWork, clock: Clock) -> None:
    supplier_by_code(uow, cmd.code).update(
        name=cmd.name, currency=cmd.currency, payment_terms=cmd.payment_terms, lead_time_days=cmd.lead_time_days,
        email=cmd.email, address=cmd.address, active=cmd.active)


def deactivate_supplier(cmd: DeactivateSupplier, uow: MasterDataUnitOfWork, clock: Clock) -> None:
    supplier_by_code(uow, cmd.code).update(active=False)


def set_supplier_price(cmd: SetSupplierPrice, uow: MasterDataUnitOfWork, clock: Clock) -> str:
    supplier = supplier_by_code(uow, cmd.code, "code")
    product = product_by_sku(uow, cmd.sku, "sku")
    currency = cmd.currency or supplier.currency
    for existing in uow.masterdata.supplier_prices.for_product(product.id):
        if (existing.supplier_id, existing.min_quantity, existing.valid_from) == (
                supplier.id, cmd.min_quantity, cmd.valid_from):
            existing.update(price=cmd.price, currency=currency, purchase_unit=cmd.purchase_unit,
                            unit_factor=cmd.unit_factor, lead_time_days=cmd.lead_time_days,
                            clear_lead_time=cmd.lead_time_days is None, valid_to=cmd.valid_to,
                            preferred=cmd.preferred)
            if cmd.valid_to is None:
                existing.valid_to = None
            return existing.id
    price = SupplierPrice(new_id(), supplier.id, product.id, cmd.price, currency, cmd.min_quantity,
                          cmd.purchase_unit, cmd.unit_factor, cmd.lead_time_days, cmd.valid_from, cmd.valid_to,
                          cmd.preferred)
    uow.masterdata.supplier_prices.add(price)
    return price.id


def remove_supplier_price(cmd: RemoveSupplierPrice, uow: MasterDataUnitOfWork, clock: Clock) -> None:
    supplier = supplier_by_code(uow, cmd.code)
    mine = {price.id: price for price in uow.masterdata.supplier_prices.of_supplier(supplier.id)}
    if cmd.price_id not in mine:
        raise NotFound("supplier_price", cmd.price_id, "price_id")
    uow.masterdata.supplier_prices.remove(mine[cmd.price_id])


HANDLERS: Handlers = {CreateSupplier: create_supplier, UpdateSupplier: update_supplier,
                      DeactivateSupplier: deactivate_supplier, SetSupplierPrice: set_supplier_price,
                      RemoveSupplierPrice: remove_supplier_price}
