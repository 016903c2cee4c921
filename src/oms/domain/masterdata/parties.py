"""Customers, branches and warehouses: who buys, who sells, and where the stock is."""

from __future__ import annotations

from attrs import define, frozen

from oms.domain.masterdata.payment_terms import PaymentTerms
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
    payment_terms: str = "immediate"  # PaymentTerms as written (payment_terms.py): when its invoices fall due
    version: int = 0

    def __attrs_post_init__(self) -> None:
        check_code(self.code, "code")
        _check_customer(self.name, self.tax_exempt, self.tax_exemption_reference)
        self.payment_terms = str(PaymentTerms.parse(self.payment_terms))

    @property
    def terms(self) -> PaymentTerms:
        return PaymentTerms.parse(self.payment_terms)

    def update(self, *, name: str | None = None, email: str | None = None, billing_address: Address | None = None,
               shipping_address: Address | None = None, tax_exempt: bool | None = None,
               tax_exemption_reference: str | None = None, active: bool | None = None,
               payment_terms: str | None = None) -> None:
        """Change what is given (an address replaces the whole address); checked before anything changes. Documents
        made already keep the tax exemption they were made with; an inactive customer gets no new documents."""
        new_name = self.name if name is None else name
        exempt = self.tax_exempt if tax_exempt is None else tax_exempt
        reference = self.tax_exemption_reference if tax_exemption_reference is None else tax_exemption_reference
        _check_customer(new_name, exempt, reference)
        terms = self.payment_terms if payment_terms is None else str(PaymentTerms.parse(payment_terms))
        self.name, self.tax_exempt, self.tax_exemption_reference = new_name, exempt, reference
        self.email = self.email if email is None else email
        self.billing_address = self.billing_address if billing_address is None else billing_address
        self.shipping_address = self.shipping_address if shipping_address is None else shipping_address
        self.active = self.active if active is None else active
        self.payment_terms = terms


def _check_customer(name: str, tax_exempt: bool, tax_exemption_reference: str) -> None:
    if not name.strip():
        raise InvalidValue("name", "must not be empty")
    if tax_exempt and not tax_exemption_reference.strip():
        raise InvalidValue("tax_exemption_reference", "a tax-exempt customer needs an exemption reference")


@define(slots=False, eq=False)
class Branch:
    """A selling unit; its documents are in its currency and taxed in its jurisdiction. `cart_hold_minutes`: how
    long its carts hold their lines' stock after each change (peers.md 4b C7; None: carts hold nothing). Turned off,
    the holds still unexpired stop counting."""

    id: str
    code: str
    name: str
    currency: str
    tax_jurisdiction: str
    cart_hold_minutes: int | None = None  # carts hold their lines' stock this long after each change (None: off)
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
