"""Bulk import of suppliers and supplier prices, checked and written as imports.py does products and customers:
every problem of every row named with its row, all or nothing unless partial, one transaction.

A row whose key exists changes that record, so exporting and importing again changes nothing: a supplier's key is
its code; a supplier price's its supplier, product, minimum quantity and valid-from (the entry `SetSupplierPrice`
replaces). Numbers and days are text as a file holds them (`12`, `1.25`, `2026-03-01`); an empty cell is the
default: lead time 0 for a supplier, the supplier's currency and lead time for a price, an open validity. The
records a file names are read in one pass (by key, in batches; the prices by supplier), so an import costs time in
proportion to its rows and the prices of its suppliers."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from attrs import field, fields, frozen

from oms.application.masterdata.imports import (
    ImportReport,
    RowError,
    RowProblems,
    checked,
    import_report,
    not_empty,
    writing,
)
from oms.application.shared.commands import Command, Handlers
from oms.domain.masterdata.parties import Address
from oms.domain.masterdata.payment_terms import PaymentTerms
from oms.domain.masterdata.products import Product
from oms.domain.masterdata.supplier_prices import SupplierPrice
from oms.domain.masterdata.suppliers import Supplier, check_lead_time
from oms.domain.shared.codes import check_code
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.ids import new_id
from oms.domain.shared.money import Currency, to_decimal
from oms.ports.masterdata.repositories import MasterDataUnitOfWork
from oms.ports.shared.clock import Clock

ADDRESS_PARTS = tuple(part.name for part in fields(Address))
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@frozen(kw_only=True)
class SupplierRow:
    row: int
    code: str
    name: str
    currency: str
    payment_terms: str = "immediate"
    lead_time_days: str = "0"
    email: str = ""
    address: dict[str, str] = field(factory=dict)  # line1, line2, city, postal_code, region, country
    active: bool = True


@frozen(kw_only=True)
class SupplierPriceRow:
    row: int
    supplier_code: str
    sku: str
    price: str
    currency: str = ""  # empty: the supplier's
    min_quantity: str = "0"
    purchase_unit: str = ""
    unit_factor: str = "1"
    lead_time_days: str = ""  # empty: the supplier's
    valid_from: str = ""  # empty: open
    valid_to: str = ""  # empty: open
    preferred: bool = False


@frozen(kw_only=True)
class ImportSuppliers(Command[ImportReport]):
    rows: tuple[SupplierRow, ...]
    partial: bool = False


@frozen(kw_only=True)
class ImportSupplierPrices(Command[ImportReport]):
    rows: tuple[SupplierPriceRow, ...]
    partial: bool = False


def whole_days(value: str, name: str) -> int:
    if not re.fullmatch(r"[+-]?[0-9]+", value.strip()):
        raise InvalidValue(name, f"{value!r} is not a whole number of days")
    return check_lead_time(int(value), name)


def day_cell(value: str, name: str) -> date | None:
    """A day written YYYY-MM-DD; None for an empty cell."""
    if not value:
        return None
    try:
        if DAY.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise InvalidValue(name, f"{value!r} is not a day written YYYY-MM-DD")


def _address(parts: Mapping[str, str]) -> Address:
    unknown = sorted(set(parts) - set(ADDRESS_PARTS))
    if unknown:
        raise InvalidValue("address", f"unknown parts {unknown}; an address has {', '.join(ADDRESS_PARTS)}")
    return Address(**parts)


def once(found: RowProblems, name: str, key: object, shown: str, seen: dict[object, int]) -> None:
    """Refuse a row whose key an earlier row of the file has (the file could not say which one it means)."""
    if key in seen:
        found.refuse(name, f"{shown} appears twice in the file (row {seen[key]} too)")
    seen.setdefault(key, found.number)


def _supplier_problems(row: SupplierRow, seen: dict[object, int]) -> list[RowError]:
    found = RowProblems(row.row)
    found.check("code", lambda: check_code(row.code, "code"))
    once(found, "code", row.code, row.code, seen)
    found.check("name", lambda: not_empty("name", row.name))
    found.check("currency", lambda: Currency.of(row.currency))
    found.check("payment_terms", lambda: PaymentTerms.parse(row.payment_terms))
    found.check("lead_time_days", lambda: whole_days(row.lead_time_days or "0", "lead_time_days"))
    found.check("address_country", lambda: _address(row.address))
    return found.errors


def _check_suppliers(uow: MasterDataUnitOfWork, rows: Sequence[SupplierRow]
                     ) -> tuple[Mapping[str, Supplier], list[RowError], list[SupplierRow]]:
    existing = uow.masterdata.suppliers.by_codes({row.code for row in rows})
    seen: dict[object, int] = {}
    return existing, *checked(rows, lambda row: _supplier_problems(row, seen))


def supplier_problems(uow: MasterDataUnitOfWork, rows: Sequence[SupplierRow]) -> tuple[RowError, ...]:
    """Every problem an import of the rows would find, importing nothing."""
    return tuple(_check_suppliers(uow, rows)[1])


SUPPLIER_FIELDS = ("name", "currency", "payment_terms", "lead_time_days", "email", "address", "active")


def import_suppliers(cmd: ImportSuppliers, uow: MasterDataUnitOfWork, clock: Clock) -> ImportReport:
    existing, refused, accepted = _check_suppliers(uow, cmd.rows)
    if refused and not cmd.partial:
        return import_report((0, 0, 0), refused, applied=False)
    created = updated = 0
    for row in writing(accepted):
        lead_time, address = whole_days(row.lead_time_days or "0", "lead_time_days"), _address(row.address)
        supplier = existing.get(row.code)
        if supplier is None:
            uow.masterdata.suppliers.add(Supplier(new_id(), row.code, row.name, row.currency, row.payment_terms,
                                                  lead_time, row.email, address, row.active))
            created += 1
            continue
        before = tuple(getattr(supplier, name) for name in SUPPLIER_FIELDS)
        supplier.update(name=row.name, currency=row.currency, payment_terms=row.payment_terms,
                        lead_time_days=lead_time, email=row.email, address=address, active=row.active)
        updated += tuple(getattr(supplier, name) for name in SUPPLIER_FIELDS) != before
    return import_report((created, updated, len(accepted) - created - updated), refused, applied=True)


@frozen(kw_only=True)
class _PriceValues:
    """A price row's values as the entry holds them."""

    price: Decimal
    currency: str
    min_quantity: Decimal
    purchase_unit: str
    unit_factor: Decimal
    lead_time_days: int | None
    valid_from: date | None
    valid_to: date | None
    preferred: bool

    @classmethod
    def of(cls, row: SupplierPriceRow, supplier: Supplier) -> _PriceValues:
        return cls(price=to_decimal(row.price, "price"), currency=row.currency or supplier.currency,
                   min_quantity=to_decimal(row.min_quantity or "0", "min_quantity"), purchase_unit=row.purchase_unit,
                   unit_factor=to_decimal(row.unit_factor or "1", "unit_factor"),
                   lead_time_days=whole_days(row.lead_time_days, "lead_time_days") if row.lead_time_days else None,
                   valid_from=day_cell(row.valid_from, "valid_from"), valid_to=day_cell(row.valid_to, "valid_to"),
                   preferred=row.preferred)


def _price_rules(price: Decimal = Decimal(1), min_quantity: Decimal = Decimal(0), unit_factor: Decimal = Decimal(1),
                 valid_from: date | None = None, valid_to: date | None = None) -> None:
    """The domain's checks of the given values of a supplier price, the others at values that pass."""
    SupplierPrice("", "", "", price, "EUR", min_quantity, "", unit_factor, None, valid_from, valid_to)


def _price_key(row: SupplierPriceRow) -> tuple[str, str, Decimal, date | None] | None:
    """What names the entry a row sets (None when a cell of it cannot be read: that row is refused anyway)."""
    try:
        return row.supplier_code, row.sku, to_decimal(row.min_quantity or "0", ""), day_cell(row.valid_from, "")
    except InvalidValue:
        return None


def _price_problems(row: SupplierPriceRow, suppliers: Mapping[str, Supplier], products: Mapping[str, Product],
                    seen: dict[object, int]) -> list[RowError]:
    found = RowProblems(row.row)
    if row.supplier_code not in suppliers:
        found.refuse("supplier_code", f"no supplier has the code {row.supplier_code!r}")
    if row.sku not in products:
        found.refuse("sku", f"no product has the SKU {row.sku!r}")
    found.check("price", lambda: _price_rules(price=to_decimal(row.price, "price")))
    if row.currency:
        found.check("currency", lambda: Currency.of(row.currency))
    found.check("min_quantity", lambda: _price_rules(min_quantity=to_decimal(row.min_quantity or "0",
                                                                             "min_quantity")))
    found.check("unit_factor", lambda: _price_rules(unit_factor=to_decimal(row.unit_factor or "1", "unit_factor")))
    if row.lead_time_days:
        found.check("lead_time_days", lambda: whole_days(row.lead_time_days, "lead_time_days"))
    found.check("valid_from", lambda: day_cell(row.valid_from, "valid_from"))
    found.check("valid_to", lambda: day_cell(row.valid_to, "valid_to"))
    if not any(error.field in ("valid_from", "valid_to") for error in found.errors):
        found.check("valid_to", lambda: _price_rules(valid_from=day_cell(row.valid_from, "valid_from"),
                                                     valid_to=day_cell(row.valid_to, "valid_to")))
    key = _price_key(row)
    if key is not None:
        shown = f"{row.supplier_code}'s price of {row.sku} from {key[2]} valid from {row.valid_from or 'always'}"
        once(found, "sku", key, shown, seen)
    return found.errors


def _check_prices(uow: MasterDataUnitOfWork, rows: Sequence[SupplierPriceRow]
                  ) -> tuple[Mapping[str, Supplier], Mapping[str, Product], list[RowError], list[SupplierPriceRow]]:
    suppliers = uow.masterdata.suppliers.by_codes({row.supplier_code for row in rows})
    products = uow.masterdata.products.by_skus({row.sku for row in rows})
    seen: dict[object, int] = {}
    return suppliers, products, *checked(rows, lambda row: _price_problems(row, suppliers, products, seen))


def supplier_price_problems(uow: MasterDataUnitOfWork, rows: Sequence[SupplierPriceRow]) -> tuple[RowError, ...]:
    """Every problem an import of the rows would find, importing nothing."""
    return tuple(_check_prices(uow, rows)[2])


PRICE_FIELDS = ("price", "currency", "purchase_unit", "unit_factor", "lead_time_days", "valid_to", "preferred")


def import_supplier_prices(cmd: ImportSupplierPrices, uow: MasterDataUnitOfWork, clock: Clock) -> ImportReport:
    """Each row sets its entry as `SetSupplierPrice` does: the entry of the same supplier, product, minimum quantity
    and valid-from is replaced (an empty lead time or valid-to then means the supplier's, or open), else added."""
    suppliers, products, refused, accepted = _check_prices(uow, cmd.rows)
    if refused and not cmd.partial:
        return import_report((0, 0, 0), refused, applied=False)
    held: dict[tuple[str, str, Decimal, date | None], SupplierPrice] = {}
    for code in sorted({row.supplier_code for row in accepted}):
        for price in uow.masterdata.supplier_prices.of_supplier(suppliers[code].id):
            held[price.supplier_id, price.product_id, price.min_quantity, price.valid_from] = price
    created = updated = 0
    for row in writing(accepted):
        supplier, product = suppliers[row.supplier_code], products[row.sku]
        new = _PriceValues.of(row, supplier)
        entry = held.get((supplier.id, product.id, new.min_quantity, new.valid_from))
        if entry is None:
            uow.masterdata.supplier_prices.add(SupplierPrice(
                new_id(), supplier.id, product.id, new.price, new.currency, new.min_quantity, new.purchase_unit,
                new.unit_factor, new.lead_time_days, new.valid_from, new.valid_to, new.preferred))
            created += 1
            continue
        before = tuple(getattr(entry, name) for name in PRICE_FIELDS)
        entry.update(price=new.price, currency=new.currency, purchase_unit=new.purchase_unit,
                     unit_factor=new.unit_factor, lead_time_days=new.lead_time_days,
                     clear_lead_time=new.lead_time_days is None, valid_to=new.valid_to, preferred=new.preferred)
        if new.valid_to is None:
            entry.valid_to = None
        updated += tuple(getattr(entry, name) for name in PRICE_FIELDS) != before
    return import_report((created, updated, len(accepted) - created - updated), refused, applied=True)


HANDLERS: Handlers = {ImportSuppliers: import_suppliers, ImportSupplierPrices: import_supplier_prices}
