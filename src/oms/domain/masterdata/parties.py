"""Customers, branches and warehouses: who buys, who sells, and where the stock is."""

from __future__ import annotations

from attrs import define, frozen

from oms.domain.shared.codes import check_code
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.money import Currency
from oms.domain.shared.tax import check_jurisdiction


@frozen(kw_only=True)
class Address:
    line1: str = ""
    line2: str = ""
    city: str = ""
    postal_code: str = ""
    region: str = ""
    country: str = ""

    def __composite_values__(self) -> tuple[str, str, str, str, str, str]:
        """The fields in declaration order, for stores that keep a value object in several columns."""
        return (self.line1, self.line2, self.city, self.postal_code, self.region, self.country)

    def __attrs_post_init__(self) -> None:
        if self.country and (len(self.country) != 2 or not self.country.isalpha() or not self.country.isupper()):
            raise InvalidValue("country", "must be an ISO 3166 alpha-2 code such as DE or US")


@define(slots=False, eq=False)
class Customer:
    """A buyer. A tax-exempt customer is charged no tax; `tax_exemption_reference` records why."""

    id: str
    code: str
    name: str
    email: str = ""
    billing_address: Address = Address()
    shipping_address: Address = Address()
    tax_exempt: bool = False
    tax_exemption_reference: str = ""
    active: bool = True
    version: int = 0

    def __attrs_post_init__(self) -> None:
        check_code(self.code, "code")
        if not self.name.strip():
            raise InvalidValue("name", "must not be empty")
        if self.tax_exempt and not self.tax_exemption_reference.strip():
            raise InvalidValue("tax_exemption_reference", "a tax-exempt customer needs an exemption reference")


@define(slots=False, eq=False)
class Branch:
    """A selling unit; its documents are in its currency and taxed in its jurisdiction."""

    id: str
    code: str
    name: str
    currency: str
    tax_jurisdiction: str
    version: int = 0

    def __attrs_post_init__(self) -> None:
        check_code(self.code, "code")
        Currency.of(self.currency)
        check_jurisdiction(self.tax_jurisdiction, "tax_jurisdiction")


@define(slots=False, eq=False)
class Warehouse:
    """A stock location of a branch; orders reserve from the lowest `priority` number first."""

    id: str
    code: str
    name: str
    branch_id: str
    priority: int = 100
    active: bool = True
    version: int = 0

    def __attrs_post_init__(self) -> None:
        check_code(self.code, "code")
        if self.priority < 0:
            raise InvalidValue("priority", "must not be negative")
