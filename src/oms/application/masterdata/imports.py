"""Bulk import of products and customers: every row checked, all or nothing unless partial import is asked for.

A row whose key (SKU, customer code) exists updates that record, so exporting and importing again changes nothing.
Every problem of a row is reported (not only the first), with the row's number. The existing records are read in
one pass (by key, in batches) and nothing is written before every row was checked, so an import costs time in
proportion to its rows, and a refused import leaves the database as it was. `product_problems` and
`customer_problems` check rows the same way without importing them (a read). Both report their progress (`checking`,
then `writing`) to whoever watches (see `progress`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import TypeVar

from attrs import field, fields_dict, frozen

from oms.application.shared.commands import Command, Handlers
from oms.application.shared.progress import report
from oms.domain.masterdata.parties import Address, Customer
from oms.domain.masterdata.payment_terms import PaymentTerms
from oms.domain.masterdata.products import Product, check_category
from oms.domain.shared.codes import check_code
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.ids import new_id
from oms.domain.shared.items import InvoicePolicy, ProductKind, check_unit_price, unit_of_measure
from oms.domain.shared.money import Currency, to_decimal
from oms.domain.shared.tax import TaxCategory
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.shared.clock import Clock

R = TypeVar("R")


@frozen(kw_only=True)
class RowError:
    row: int
    field: str
    reason: str


@frozen(kw_only=True)
class ImportReport:
    created: int
    updated: int
    unchanged: int
    refused: tuple[RowError, ...]
    applied: bool


@frozen(kw_only=True)
class ProductRow:
    row: int
    sku: str
    name: str
    kind: str
    uom: str
    price: str
    currency: str
    tax_category: str
    active: bool = True
    invoice_policy: str = ""  # empty: the kind's policy for a new product, the product's own for an existing one
    category: str | None = None  # None (no such column): none for a new product, kept for an existing one; "": none


@frozen(kw_only=True)
class CustomerRow:
    row: int
    code: str
    name: str
    email: str = ""
    tax_exempt: bool = False
    tax_exemption_reference: str = ""
    payment_terms: str = "immediate"
    billing_address: dict[str, str] = field(factory=dict)
    shipping_address: dict[str, str] = field(factory=dict)


@frozen(kw_only=True)
class ImportProducts(Command[ImportReport]):
    rows: tuple[ProductRow, ...]
    partial: bool = False


@frozen(kw_only=True)
class ImportCustomers(Command[ImportReport]):
    rows: tuple[CustomerRow, ...]
    partial: bool = False


class RowProblems:
    """The problems found in one row, each check run on its own so that all of them are reported."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.errors: list[RowError] = []

    def check(self, name: str, check: Callable[[], object]) -> None:
        try:
            check()
        except InvalidValue as error:
            self.errors.append(RowError(row=self.number, field=name, reason=error.detail))

    def refuse(self, name: str, reason: str) -> None:
        self.errors.append(RowError(row=self.number, field=name, reason=reason))


def _one_of(name: str, value: str, choices: type[ProductKind] | type[TaxCategory] | type[InvoicePolicy]) -> None:
    if value not in {choice.value for choice in choices}:
        raise InvalidValue(name, f"must be one of {', '.join(choice.value for choice in choices)}")


def not_empty(name: str, value: str) -> None:
    if not value.strip():
        raise InvalidValue(name, "must not be empty")


def _price(value: str) -> Decimal:
    return check_unit_price(to_decimal(value, "price"), "price")


def _product_problems(row: ProductRow, existing: Product | None, seen: set[str]) -> list[RowError]:
    found = RowProblems(row.row)
    found.check("sku", lambda: check_code(row.sku, "sku"))
    if row.sku in seen:
        found.refuse("sku", f"{row.sku} appears twice in the file")
    seen.add(row.sku)
    found.check("name", lambda: not_empty("name", row.name))
    found.check("kind", lambda: _one_of("kind", row.kind, ProductKind))
    found.check("uom", lambda: unit_of_measure(row.uom))
    found.check("price", lambda: _price(row.price))
    found.check("currency", lambda: Currency.of(row.currency))
    found.check("tax_category", lambda: _one_of("tax_category", row.tax_category, TaxCategory))
    if row.invoice_policy:
        found.check("invoice_policy", lambda: _one_of("invoice_policy", row.invoice_policy, InvoicePolicy))
    if row.category:
        found.check("category", lambda: check_category(row.category or ""))
    if existing is not None:
        for name, before, after in (("kind", existing.kind.value, row.kind), ("uom", existing.uom, row.uom),
                                    ("currency", existing.currency, row.currency)):
            if before != after:
                found.refuse(name, f"{row.sku} is {before}: the {name} of a product cannot change")
    return found.errors


def _invoice_policy(row: ProductRow) -> InvoicePolicy | None:
    """The row's policy; None when its cell is empty."""
    return InvoicePolicy(row.invoice_policy) if row.invoice_policy else None


def _product_state(product: Product) -> tuple[object, ...]:
    """What an import may change of a product, to tell an updated one from an unchanged one."""
    return (product.name, product.price, product.tax_category, product.active, product.invoice_policy,
            product.category)


def checked(rows: Sequence[R], problems_of: Callable[[R], list[RowError]]) -> tuple[list[RowError], list[R]]:
    """(every problem of the rows, the rows without any), reporting progress."""
    refused: list[RowError] = []
    accepted: list[R] = []
    for done, row in enumerate(rows, start=1):
        problems = problems_of(row)
        refused.extend(problems)
        if not problems:
            accepted.append(row)
        report("checking", done, len(rows))
    return refused, accepted


def writing(rows: Sequence[R]) -> Iterator[R]:
    for done, row in enumerate(rows, start=1):
        yield row
        report("writing", done, len(rows))


def _check_products(uow: MasterDataUnitOfWork, rows: Sequence[ProductRow]
                    ) -> tuple[Mapping[str, Product], list[RowError], list[ProductRow]]:
    existing = uow.masterdata.products.by_skus({row.sku for row in rows})
    seen: set[str] = set()
    return existing, *checked(rows, lambda row: _product_problems(row, existing.get(row.sku), seen))


def product_problems(uow: MasterDataUnitOfWork, rows: Sequence[ProductRow]) -> tuple[RowError, ...]:
    """Every problem an import of the rows would find, importing nothing."""
    return tuple(_check_products(uow, rows)[1])


def import_products(cmd: ImportProducts, uow: MasterDataUnitOfWork, clock: Clock) -> ImportReport:
    existing, refused, accepted = _check_products(uow, cmd.rows)
    if refused and not cmd.partial:
        return import_report((0, 0, 0), refused, applied=False)
    created = updated = 0
    for row in writing(accepted):
        product = existing.get(row.sku)
        if product is None:
            kind = ProductKind(row.kind)
            uow.masterdata.products.add(Product(new_id(), row.sku, row.name, kind, row.uom, _price(row.price),
                                                row.currency, TaxCategory(row.tax_category), row.active,
                                                _invoice_policy(row) or kind.invoice_policy,
                                                category=row.category or None))
            created += 1
            continue
        before = _product_state(product)
        product.update(name=row.name, price=_price(row.price), tax_category=TaxCategory(row.tax_category),
                       active=row.active, invoice_policy=_invoice_policy(row), category=row.category)
        updated += _product_state(product) != before
    return import_report((created, updated, len(accepted) - created - updated), refused, applied=True)


CUSTOMER_FIELDS = ("name", "email", "billing_address", "shipping_address", "tax_exempt", "tax_exemption_reference",
                   "payment_terms")


def _customer(row: CustomerRow, customer_id: str) -> Customer:
    return Customer(customer_id, row.code, row.name, row.email, Address(**row.billing_address),
                    Address(**row.shipping_address), row.tax_exempt, row.tax_exemption_reference,
                    payment_terms=row.payment_terms)


def _customer_problems(row: CustomerRow, seen: set[str]) -> list[RowError]:
    found = RowProblems(row.row)
    found.check("code", lambda: check_code(row.code, "code"))
    if row.code in seen:
        found.refuse("code", f"{row.code} appears twice in the file")
    seen.add(row.code)
    found.check("name", lambda: not_empty("name", row.name))
    for which, address in (("billing", row.billing_address), ("shipping", row.shipping_address)):
        unknown = sorted(set(address) - set(fields_dict(Address)))
        if unknown:
            found.refuse(f"{which}_address", f"has no part named {', '.join(map(repr, unknown))}")
        else:
            found.check(f"{which}_country", partial(Address, **address))
    if row.tax_exempt and not row.tax_exemption_reference.strip():
        found.refuse("tax_exemption_reference", "a tax-exempt customer needs an exemption reference")
    found.check("payment_terms", lambda: PaymentTerms.parse(row.payment_terms))
    return found.errors


def _check_customers(uow: MasterDataUnitOfWork, rows: Sequence[CustomerRow]
                     ) -> tuple[Mapping[str, Customer], list[RowError], list[CustomerRow]]:
    existing = uow.masterdata.customers.by_codes({row.code for row in rows})
    seen: set[str] = set()
    return existing, *checked(rows, lambda row: _customer_problems(row, seen))


def customer_problems(uow: MasterDataUnitOfWork, rows: Sequence[CustomerRow]) -> tuple[RowError, ...]:
    """Every problem an import of the rows would find, importing nothing."""
    return tuple(_check_customers(uow, rows)[1])


def import_customers(cmd: ImportCustomers, uow: MasterDataUnitOfWork, clock: Clock) -> ImportReport:
    existing, refused, accepted = _check_customers(uow, cmd.rows)
    if refused and not cmd.partial:
        return import_report((0, 0, 0), refused, applied=False)
    created = updated = 0
    for row in writing(accepted):
        customer = existing.get(row.code)
        if customer is None:
            uow.masterdata.customers.add(_customer(row, new_id()))
            created += 1
            continue
        before = tuple(getattr(customer, name) for name in CUSTOMER_FIELDS)
        customer.update(**{name: getattr(_customer(row, customer.id), name) for name in CUSTOMER_FIELDS})
        updated += tuple(getattr(customer, name) for name in CUSTOMER_FIELDS) != before
    return import_report((created, updated, len(accepted) - created - updated), refused, applied=True)


def import_report(counts: tuple[int, int, int], refused: list[RowError], applied: bool) -> ImportReport:
    created, updated, unchanged = counts
    return ImportReport(created=created, updated=updated, unchanged=unchanged, refused=tuple(refused),
                        applied=applied)


HANDLERS: Handlers = {ImportProducts: import_products, ImportCustomers: import_customers}
