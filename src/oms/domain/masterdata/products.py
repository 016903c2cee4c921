"""Products: what can be sold, how it is counted, priced and taxed."""

from __future__ import annotations

from decimal import Decimal

from attrs import Factory, define

from oms.domain.shared.codes import check_code
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.items import InvoicePolicy, ProductKind, UnitOfMeasure, check_unit_price, unit_of_measure
from oms.domain.shared.money import Currency
from oms.domain.shared.tax import TaxCategory


@define(slots=False, eq=False)
class Product:
    """A product as it is sold; its invoice policy, unless given, is its kind's (see `InvoicePolicy`)."""

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
               tax_category: TaxCategory | None = None, active: bool | None = None,
               invoice_policy: InvoicePolicy | None = None) -> None:
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
        if invoice_policy is not None:
            self.invoice_policy = invoice_policy


