"""What a document line sells: kinds of items, units of measure, and the limits of quantities and unit prices."""

from __future__ import annotations

import enum
from decimal import Decimal

from attrs import frozen

from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.money import decimals_of


class ProductKind(enum.StrEnum):
    """Stocked goods are reserved and issued from stock; consumables ship but are not counted; services neither."""

    STOCKED = "stocked"
    CONSUMABLE = "consumable"
    SERVICE = "service"

    @property
    def ships(self) -> bool:
        return self is not ProductKind.SERVICE

    @property
    def tracks_stock(self) -> bool:
        return self is ProductKind.STOCKED

    @property
    def invoice_policy(self) -> InvoicePolicy:
        """The policy a product of this kind gets unless told otherwise (see `InvoicePolicy`)."""
        return InvoicePolicy.ORDERED if self is ProductKind.SERVICE else InvoicePolicy.DELIVERED


class InvoicePolicy(enum.StrEnum):
    """Which quantity of an order line may be invoiced: what was ordered, or what was delivered (Odoo's
    `invoice_policy`, order / delivery). As in the ERPs, goods (stocked and consumable) are invoiced by default on
    the quantities delivered, so a customer pays only for what reached them, and services on the quantities
    ordered, since nothing ships for them."""

    ORDERED = "ordered"
    DELIVERED = "delivered"


@frozen
class UnitOfMeasure:
    """How a product is counted, and how many decimals a quantity of it may have (0 for pieces)."""

    code: str
    decimals: int

    def check(self, quantity: Decimal, field: str) -> Decimal:
        if decimals_of(quantity.normalize()) > self.decimals:
            raise InvalidValue(field, f"quantities in {self.code} allow at most {self.decimals} decimals")
        return quantity


UNITS: dict[str, UnitOfMeasure] = {
    unit.code: unit
    for unit in (
        UnitOfMeasure("unit", 0), UnitOfMeasure("box", 0), UnitOfMeasure("pack", 0), UnitOfMeasure("kg", 3),
        UnitOfMeasure("g", 0), UnitOfMeasure("l", 3), UnitOfMeasure("m", 3), UnitOfMeasure("hour", 2),
    )
}


def unit_of_measure(code: str, field: str = "uom") -> UnitOfMeasure:
    try:
        return UNITS[code]
    except KeyError:
        raise InvalidValue(field, f"{code!r} is not a unit of measure; use one of {', '.join(UNITS)}") from None


MAX_QUANTITY = Decimal("1000000000")


MAX_UNIT_PRICE = Decimal("1000000000")


MAX_PRICE_DECIMALS = 6


def check_unit_price(price: Decimal, field: str) -> Decimal:
    """Unit prices may carry more decimals than the currency (up to 6), never be negative or absurd."""
    if price < 0:
        raise InvalidValue(field, "must not be negative")
    if price > MAX_UNIT_PRICE:
        raise InvalidValue(field, f"must not exceed {MAX_UNIT_PRICE}")
    if decimals_of(price.normalize()) > MAX_PRICE_DECIMALS:
        raise InvalidValue(field, f"allows at most {MAX_PRICE_DECIMALS} decimals")
    return price


def check_quantity(quantity: Decimal, uom: UnitOfMeasure, field: str) -> Decimal:
    if quantity <= 0:
        raise InvalidValue(field, "must be greater than zero")
    if quantity > MAX_QUANTITY:
        raise InvalidValue(field, f"must not exceed {MAX_QUANTITY}")
    return uom.check(quantity, field)
