"""Bulk import of products and customers: every row checked, all or nothing unless partial import is asked for.

A row whose key (SKU, customer code) exists updates that record, so exporting and importing again changes nothing.
"""

from __future__ import annotations

from attrs import field, frozen

from oms.application.shared.commands import Command, Handlers
from oms.domain.masterdata.parties import Address, Customer
from oms.domain.masterdata.products import Product
from oms.domain.shared.errors import DomainError, InvalidValue
from oms.domain.shared.ids import new_id
from oms.domain.shared.items import ProductKind
from oms.domain.shared.money import to_decimal
from oms.domain.shared.tax import TaxCategory
from oms.ports.shared.clock import Clock
from oms.ports.unit_of_work import UnitOfWork


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


@frozen(kw_only=True)
class CustomerRow:
    row: int
    code: str
    name: str
    email: str = ""
    tax_exempt: bool = False
    tax_exemption_reference: str = ""
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


def _product(row: ProductRow) -> Product:
    try:
        kind = ProductKind(row.kind)
    except ValueError:
        raise InvalidValue("kind", f"must be one of {', '.join(k.value for k in ProductKind)}") from None
    try:
        category = TaxCategory(row.tax_category)
    except ValueError:
        raise InvalidValue("tax_category", f"must be one of {', '.join(c.value for c in TaxCategory)}") from None
    return Product(new_id(), row.sku, row.name, kind, row.uom, to_decimal(row.price, "price"), row.currency,
                   category, row.active)


def import_products(cmd: ImportProducts, uow: UnitOfWork, clock: Clock) -> ImportReport:
    with uow:
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        refused: list[RowError] = []
        seen: set[str] = set()
        for row in cmd.rows:
            try:
                if row.sku in seen:
                    raise InvalidValue("sku", f"{row.sku} appears twice in the file")
                seen.add(row.sku)
                incoming = _product(row)
                existing = uow.products.by_sku(row.sku)
                if existing is None:
                    uow.products.add(incoming)
                    counts["created"] += 1
                    continue
                before = (existing.name, existing.kind, existing.uom, existing.price, existing.currency,
                          existing.tax_category, existing.active)
                if existing.kind != incoming.kind or existing.uom != incoming.uom or \
                        existing.currency != incoming.currency:
                    raise InvalidValue("kind", "kind, unit of measure and currency of a product cannot change")
                existing.update(name=incoming.name, price=incoming.price, tax_category=incoming.tax_category,
                                active=incoming.active)
                after = (existing.name, existing.kind, existing.uom, existing.price, existing.currency,
                         existing.tax_category, existing.active)
                counts["updated" if after != before else "unchanged"] += 1
            except DomainError as error:
                refused.append(_row_error(row.row, error))
        return _finish(uow, counts, refused, cmd.partial)


def import_customers(cmd: ImportCustomers, uow: UnitOfWork, clock: Clock) -> ImportReport:
    with uow:
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        refused: list[RowError] = []
        seen: set[str] = set()
        for row in cmd.rows:
            try:
                if row.code in seen:
                    raise InvalidValue("code", f"{row.code} appears twice in the file")
                seen.add(row.code)
                incoming = Customer(new_id(), row.code, row.name, row.email, Address(**row.billing_address),
                                    Address(**row.shipping_address), row.tax_exempt, row.tax_exemption_reference)
                existing = uow.customers.by_code(row.code)
                if existing is None:
                    uow.customers.add(incoming)
                    counts["created"] += 1
                    continue
                fields = ("name", "email", "billing_address", "shipping_address", "tax_exempt",
                          "tax_exemption_reference")
                if all(getattr(existing, f) == getattr(incoming, f) for f in fields):
                    counts["unchanged"] += 1
                    continue
                for name in fields:
                    setattr(existing, name, getattr(incoming, name))
                counts["updated"] += 1
            except DomainError as error:
                refused.append(_row_error(row.row, error))
        return _finish(uow, counts, refused, cmd.partial)


def _row_error(row: int, error: DomainError) -> RowError:
    if isinstance(error, InvalidValue):
        return RowError(row=row, field=error.field, reason=error.detail)
    return RowError(row=row, field="", reason=str(error))


def _finish(uow: UnitOfWork, counts: dict[str, int], refused: list[RowError], partial: bool) -> ImportReport:
    applied = partial or not refused
    if applied:
        uow.commit()
    else:
        counts = dict.fromkeys(counts, 0)
    return ImportReport(created=counts["created"], updated=counts["updated"], unchanged=counts["unchanged"],
                        refused=tuple(refused), applied=applied)


HANDLERS: Handlers = {ImportProducts: import_products, ImportCustomers: import_customers}
