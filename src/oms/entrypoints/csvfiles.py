"""The CSV files of products, customers, suppliers, supplier prices and exchange rates, as `oms ... import|export`
and the console read and write them.

Cells a spreadsheet would run as a formula are neutralised on export, as OWASP advises against CSV injection: a
cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote in front (`=HYPERLINK(...)`
is written `'=HYPERLINK(...)`), unless it is a plain number such as `-2` or `+5`, which a spreadsheet reads as the
number it is. So that the quote can be told apart from one that belongs to the value, a value that starts with a
quote followed by one of those characters or by another quote (`'=x`, `''`) gets one more quote in front too. Import
removes exactly that one quote again: from a cell that starts with a quote followed by one of those characters or
by a quote, and from no other; `'90s` or `O'Brien` stay as they are. Export then import changes nothing.

Rows end in CRLF, as RFC 4180 says (and so a value with a carriage return in it is quoted). A cell that the file
cannot hold (a flag neither true nor false) refuses its row, named like the import's own problems.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

import attrs
from attrs import frozen

from oms.application.masterdata.exchange_rate_imports import ExchangeRateRow
from oms.application.masterdata.imports import CustomerRow, ImportReport, ProductRow, RowError
from oms.application.masterdata.queries import customer_page, product_page
from oms.application.masterdata.supplier_exports import SupplierPriceRecord, supplier_price_records
from oms.application.masterdata.supplier_imports import SupplierPriceRow, SupplierRow
from oms.application.masterdata.supplier_queries import exchange_rate_list, supplier_page
from oms.application.masterdata.supplier_views import ExchangeRateView, SupplierView
from oms.application.masterdata.views import CustomerView, ProductView
from oms.entrypoints.json.converter import format_decimal
from oms.ports.shared.listings import MAX_LIMIT, Listings

PRODUCT_COLUMNS = ["sku", "name", "kind", "uom", "price", "currency", "tax_category", "active", "invoice_policy",
                   "category"]
PRODUCT_REQUIRED = ["sku", "name", "price", "currency"]
ADDRESS_PARTS = ["line1", "line2", "city", "postal_code", "region", "country"]
CUSTOMER_COLUMNS = ["code", "name", "email", "tax_exempt", "tax_exemption_reference", "payment_terms",
                    *(f"billing_{p}" for p in ADDRESS_PARTS), *(f"shipping_{p}" for p in ADDRESS_PARTS)]
CUSTOMER_REQUIRED = ["code", "name"]
SUPPLIER_COLUMNS = ["code", "name", "currency", "payment_terms", "lead_time_days", "email",
                    *(f"address_{p}" for p in ADDRESS_PARTS), "active"]
SUPPLIER_REQUIRED = ["code", "name", "currency"]
SUPPLIER_PRICE_COLUMNS = ["supplier_code", "sku", "price", "currency", "min_quantity", "purchase_unit", "unit_factor",
                          "lead_time_days", "valid_from", "valid_to", "preferred"]
SUPPLIER_PRICE_REQUIRED = ["supplier_code", "sku", "price"]
EXCHANGE_RATE_COLUMNS = ["from_currency", "to_currency", "day", "rate"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")

Row = tuple[Any, list[RowError]]  # a row as the command takes it, and what could not be read from its cells
Build = Callable[[int, dict[str, str]], Row]
Read = Callable[..., Any]  # runs a query of the application in a transaction that only reads (`system.read`)
Items = Callable[[Listings, Read], Iterable[Any]]  # the records an export writes, read a page at a time if paged


class BadColumns(ValueError):
    """A file whose header lacks a required column or has one the import does not know."""


@frozen(kw_only=True)
class FileKind:
    """What one kind of CSV file is made of: its columns, those it must have, how a record becomes a row (`build`)
    and a view the cells of one (`cells`), and what an export reads (`items`)."""

    columns: list[str]
    required: list[str]
    build: Build
    cells: Callable[[Any], list[object]]
    items: Items


def _quoted(value: str) -> bool:
    """Whether a value starts with the quote that export adds (or one that export would have to double)."""
    return value[:1] == QUOTE and value[1:2] in (*FORMULA_STARTS, QUOTE)


def neutralise(value: str) -> str:
    """The cell written for a value: a quote in front of what a spreadsheet would run (see the module docstring)."""
    if (value[:1] in FORMULA_STARTS and not PLAIN_NUMBER.fullmatch(value)) or _quoted(value):
        return QUOTE + value
    return value


def restore(cell: str) -> str:
    """The value read from a cell: without the one quote that `neutralise` puts in front."""
    return cell[1:] if _quoted(cell) else cell


def csv_writer(file: TextIO, shown: Callable[[str], str] = str) -> Callable[[Sequence[object]], None]:
    """A function writing one row of cells to `file`; `shown` may escape what a terminal would act on."""
    writer = csv.writer(file, lineterminator="\r\n")  # RFC 4180; and a value with a CR in it gets quoted

    def write(row: Sequence[object]) -> None:
        writer.writerow([shown(neutralise(str(cell))) for cell in row])

    return write


def records(handle: Iterable[str], kind: FileKind, name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """The records of a file with their row numbers (the header is row 1); BadColumns for a header it cannot take."""
    reader = csv.DictReader(handle)
    header = reader.fieldnames or []
    missing = [c for c in kind.required if c not in header]
    unknown = [c for c in header if c not in kind.columns]
    if missing or unknown:
        raise BadColumns(f"{name}: missing columns {missing}, unknown columns {unknown}; "
                         f"expected {','.join(kind.columns)}")
    for number, record in enumerate(reader, start=2):
        yield number, {key: restore((value or "").strip()) for key, value in record.items()}


def _flag(given: str, row: int, column: str, errors: list[RowError], default: bool) -> bool:
    """A true/false cell (true, yes, 1, false, no, 0; empty is the default); anything else is an error of its row."""
    lowered = given.strip().lower()
    if lowered not in ("true", "yes", "1", "false", "no", "0", ""):
        errors.append(RowError(row=row, field=column, reason=f"must be true or false, not {given!r}"))
        return default
    return lowered in ("true", "yes", "1") if lowered else default


def _product(number: int, r: dict[str, str]) -> Row:
    errors: list[RowError] = []
    active = _flag(r.get("active", ""), number, "active", errors, default=True)
    return ProductRow(row=number, sku=r["sku"], name=r["name"], kind=r.get("kind") or "stocked",
                      uom=r.get("uom") or "unit", price=r["price"], currency=r["currency"],
                      tax_category=r.get("tax_category") or "standard", active=active,
                      invoice_policy=r.get("invoice_policy", ""), category=r.get("category")), errors


def _address(record: dict[str, str], prefix: str) -> dict[str, str]:
    return {part: record.get(f"{prefix}_{part}", "") for part in ADDRESS_PARTS}


def _customer(number: int, r: dict[str, str]) -> Row:
    errors: list[RowError] = []
    exempt = _flag(r.get("tax_exempt", ""), number, "tax_exempt", errors, default=False)
    return CustomerRow(row=number, code=r["code"], name=r["name"], email=r.get("email", ""), tax_exempt=exempt,
                       tax_exemption_reference=r.get("tax_exemption_reference", ""),
                       payment_terms=r.get("payment_terms") or "immediate",
                       billing_address=_address(r, "billing"), shipping_address=_address(r, "shipping")), errors


def _product_cells(p: ProductView) -> list[object]:
    return [p.sku, p.name, p.kind.value, p.uom, format_decimal(p.price.amount, p.price.currency.minor_units),
            p.price.currency.code, p.tax_category.value, str(p.active).lower(), p.invoice_policy.value,
            p.category or ""]


def _customer_cells(c: CustomerView) -> list[object]:
    return [c.code, c.name, c.email, str(c.tax_exempt).lower(), c.tax_exemption_reference, c.payment_terms,
            *(getattr(c.billing_address, part) for part in ADDRESS_PARTS),
            *(getattr(c.shipping_address, part) for part in ADDRESS_PARTS)]


def _supplier(number: int, r: dict[str, str]) -> Row:
    errors: list[RowError] = []
    active = _flag(r.get("active", ""), number, "active", errors, default=True)
    return SupplierRow(row=number, code=r["code"], name=r["name"], currency=r["currency"],
                       payment_terms=r.get("payment_terms") or "immediate",
                       lead_time_days=r.get("lead_time_days") or "0", email=r.get("email", ""),
                       address=_address(r, "address"), active=active), errors


def _supplier_price(number: int, r: dict[str, str]) -> Row:
    errors: list[RowError] = []
    preferred = _flag(r.get("preferred", ""), number, "preferred", errors, default=False)
    return SupplierPriceRow(row=number, supplier_code=r["supplier_code"], sku=r["sku"], price=r["price"],
                            currency=r.get("currency", ""), min_quantity=r.get("min_quantity") or "0",
                            purchase_unit=r.get("purchase_unit", ""), unit_factor=r.get("unit_factor") or "1",
                            lead_time_days=r.get("lead_time_days", ""), valid_from=r.get("valid_from", ""),
                            valid_to=r.get("valid_to", ""), preferred=preferred), errors


def _exchange_rate(number: int, r: dict[str, str]) -> Row:
    return ExchangeRateRow(row=number, from_currency=r["from_currency"], to_currency=r["to_currency"], day=r["day"],
                           rate=r["rate"]), []


def _supplier_cells(s: SupplierView) -> list[object]:
    return [s.code, s.name, s.currency, s.payment_terms, s.lead_time_days, s.email,
            *(getattr(s.address, part) for part in ADDRESS_PARTS), str(s.active).lower()]


def _supplier_price_cells(p: SupplierPriceRecord) -> list[object]:
    return [p.supplier_code, p.sku, format_decimal(p.price.amount, p.price.currency.minor_units), p.price.currency.code,
            format_decimal(p.min_quantity), p.purchase_unit, format_decimal(p.unit_factor),
            "" if p.lead_time_days is None else p.lead_time_days, p.valid_from or "", p.valid_to or "",
            str(p.preferred).lower()]


def _exchange_rate_cells(r: ExchangeRateView) -> list[object]:
    return [r.from_currency, r.to_currency, r.day, format_decimal(r.rate)]


def paged(page: Callable[..., Any]) -> Items:
    """Every item of a master-data listing, a page at a time (see `every`)."""
    return lambda listings, _read: every(listings, page)


def listed(query: Callable[..., Any]) -> Items:
    """The items of a query that answers them all at once."""
    return lambda _listings, read: read(query).items


PRODUCTS = FileKind(columns=PRODUCT_COLUMNS, required=PRODUCT_REQUIRED, build=_product, cells=_product_cells,
                    items=paged(product_page))
CUSTOMERS = FileKind(columns=CUSTOMER_COLUMNS, required=CUSTOMER_REQUIRED, build=_customer, cells=_customer_cells,
                     items=paged(customer_page))
SUPPLIERS = FileKind(columns=SUPPLIER_COLUMNS, required=SUPPLIER_REQUIRED, build=_supplier, cells=_supplier_cells,
                     items=paged(supplier_page))
SUPPLIER_PRICES = FileKind(columns=SUPPLIER_PRICE_COLUMNS, required=SUPPLIER_PRICE_REQUIRED, build=_supplier_price,
                           cells=_supplier_price_cells, items=listed(supplier_price_records))
EXCHANGE_RATES = FileKind(columns=EXCHANGE_RATE_COLUMNS, required=EXCHANGE_RATE_COLUMNS, build=_exchange_rate,
                          cells=_exchange_rate_cells, items=listed(exchange_rate_list))


def every(listings: Listings, page: Callable[..., Any]) -> Iterator[Any]:
    """Every item of a master-data listing (`product_page`, `customer_page`, `supplier_page`), a page at a time."""
    cursor: str | None = None
    while True:
        found = page(listings, limit=MAX_LIMIT, cursor=cursor)
        yield from found.items
        if found.next_cursor is None:
            return
        cursor = found.next_cursor


def in_order(errors: Iterable[RowError], columns: list[str]) -> tuple[RowError, ...]:
    """By row, and within a row by column as the file has them."""
    place = {column: index for index, column in enumerate(columns)}
    return tuple(sorted(errors, key=lambda e: (e.row, place.get(e.field, len(columns)))))


def imported(rows: list[Any], unreadable: list[RowError], partial: bool, columns: list[str],
             check: Callable[[list[Any]], tuple[RowError, ...]],
             run: Callable[[list[Any]], ImportReport]) -> ImportReport:
    """Import rows read from a file: `check` finds the problems of rows (a read), `run` imports them (the command).
    A cell that could not be read refuses its row; the row's other problems are still found, by the same checks.
    Not partial, such a row refuses the whole file before anything is written."""
    if not unreadable:
        return run(rows)
    found = check(rows)
    bad = {error.row for error in unreadable}
    if not partial:
        return ImportReport(created=0, updated=0, unchanged=0, applied=False,
                            refused=in_order([*unreadable, *found], columns))
    report = run([row for row in rows if row.row not in bad])
    others = [error for error in found if error.row in bad]
    return attrs.evolve(report, refused=in_order([*report.refused, *unreadable, *others], columns))
