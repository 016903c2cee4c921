"""Products: what can be sold, how it is counted, priced and taxed."""

from __future__ import annotations

from decimal import Decimal

from attrs import Factory, define

from oms.domain.shared.codes import check_code
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.items import InvoicePolicy, ProductKind, UnitOfMeasure, check_unit_price, unit_of_measure
from oms.domain.shared.money import Currency
from oms.domain.shared.tax import TaxCategory

CATEGORY_LENGTH = 64


def check_category(category: str) -> str:
    """A product category is a short name that groups products in listings and reports ("tools",
    "hardware/fasteners"): stored without surrounding spaces, 1 to 64 printable characters (no control characters,
    tabs or line breaks)."""
    stripped = category.strip() if isinstance(category, str) else ""
    if not stripped or len(stripped) > CATEGORY_LENGTH or not stripped.isprintable():
        raise InvalidValue("category", f"must be 1 to {CATEGORY_LENGTH} printable characters")
    return stripped


@define(slots=False, eq=False)
class Product:
    """A product as it is sold; its invoice policy, unless given, is its kind's (see `InvoicePolicy`); its
    `category`, if it has one, groups it with others in listings and reports (see `check_category`)."""

    id: str
    sku: str
    name: str
    kind: ProductKind
    uom: str
    price: Decimal
    currency: str
    tax_category: TaxCategory
    active: bool = True
    invoice_policy: InvoicePolicy = Factory(lambda product: product.kind.invoice_policy, takes_self=True)
    category: str | None = None
    version: int = 0

    def __attrs_post_init__(self) -> None:
        check_code(self.sku, "sku")
        if not self.name.strip():
            raise InvalidValue("name", "must not be empty")
        unit_of_measure(self.uom)
        Currency.of(self.currency)
        check_unit_price(self.price, "price")
        if self.category is not None:
            self.category = check_category(self.category)

    @property
    def unit(self) -> UnitOfMeasure:
        return unit_of_measure(self.uom)

    def update(self, *, name: str | None = None, price: Decimal | None = None,
               tax_category: TaxCategory | None = None, active: bool | None = None,
               invoice_policy: InvoicePolicy | None = None, category: str | None = None) -> None:
        """Change what is given; everything is checked before anything changes. An empty `category` ("")
        removes the product's category."""
        if name is not None and not name.strip():
            raise InvalidValue("name", "must not be empty")
        checked_price = None if price is None else check_unit_price(price, "price")
        checked_category = None if category is None or category == "" else check_category(category)
        if name is not None:
            self.name = name
        if checked_price is not None:
            self.price = checked_price
        if tax_category is not None:
            self.tax_category = tax_category
        if active is not None:
            self.active = active
        if invoice_policy is not None:
            self.invoice_policy = invoice_policy
        if category is not None:
            self.category = checked_category


