"""Products: what can be sold, how it is counted, priced and taxed."""

from __future__ import annotations

import enum
from decimal import Decimal

from attrs import define, frozen

from oms.domain.errors import InvalidValue
from oms.domain.money import Currency, decimals_of
from oms.domain.tax import TaxCategory


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


@define(slots=False, eq=False)
class Product:
    id: str
    sku: str
    name: str
    kind: ProductKind
    uom: str
    price: Decimal
    currency: str
    tax_category: TaxCategory
    active: bool = True
    version: int = 0

    def __attrs_post_init__(self) -> None:
        check_code(self.sku, "sku")
        if not self.name.strip():
            raise InvalidValue("name", "must not be empty")
        unit_of_measure(self.uom)
        Currency.of(self.currency)
        check_unit_price(self.price, "price")

    @property
    def unit(self) -> UnitOfMeasure:
        return unit_of_measure(self.uom)

    def update(self, *, name: str | None = None, price: Decimal | None = None,
               tax_category: TaxCategory | None = None, active: bool | None = None) -> None:
        if name is not None:
            if not name.strip():
                raise InvalidValue("name", "must not be empty")
            self.name = name
        if price is not None:
            self.price = check_unit_price(price, "price")
        if tax_category is not None:
            self.tax_category = tax_category
        if active is not None:
            self.active = active


def check_code(code: str, field: str) -> str:
    """Codes (SKUs, customer and warehouse codes) are 1-64 printable characters without spaces or slashes (they
    stand in URLs and file names)."""
    if (not isinstance(code, str) or not code or len(code) > 64 or not code.isprintable()
            or any(c.isspace() or c in "/\\" for c in code)):
        raise InvalidValue(field, "must be 1 to 64 printable characters without spaces or slashes")
    return code
