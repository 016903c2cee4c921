"""The CSV files of products and customers, as `oms ... import|export` and the console read and write them.

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

from oms.application.masterdata.imports import CustomerRow, ImportReport, ProductRow, RowError
from oms.application.masterdata.views import CustomerList, CustomerView, ProductList, ProductView
from oms.entrypoints.json.converter import format_decimal
from oms.ports.shared.listings import MAX_LIMIT, Listings

PRODUCT_COLUMNS = ["sku", "name", "kind", "uom", "price", "currency", "tax_category", "active", "invoice_policy"]
PRODUCT_REQUIRED = ["sku", "name", "price", "currency"]
ADDRESS_PARTS = ["line1", "line2", "city", "postal_code", "region", "country"]
CUSTOMER_COLUMNS = ["code", "name", "email", "tax_exempt", "tax_exemption_reference", "payment_terms",
                    *(f"billing_{p}" for p in ADDRESS_PARTS), *(f"shipping_{p}" for p in ADDRESS_PARTS)]
CUSTOMER_REQUIRED = ["code", "name"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")

Row = tuple[Any, list[RowError]]  # a row as the command takes it, and what could not be read from its cells
Build = Callable[[int, dict[str, str]], Row]


class BadColumns(ValueError):
    """A file whose header lacks a required column or has one the import does not know."""


@frozen(kw_only=True)
class FileKind:
    """What one kind of CSV file is made of: its columns, those it must have, and how a record becomes a row."""

    columns: list[str]
    required: list[str]
    build: Build
    cells: Callable[[Any], list[object]]


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
                      invoice_policy=r.get("invoice_policy", "")), errors


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
            p.price.currency.code, p.tax_category.value, str(p.active).lower(), p.invoice_policy.value]


def _customer_cells(c: CustomerView) -> list[object]:
    return [c.code, c.name, c.email, str(c.tax_exempt).lower(), c.tax_exemption_reference, c.payment_terms,
            *(getattr(c.billing_address, part) for part in ADDRESS_PARTS),
            *(getattr(c.shipping_address, part) for part in ADDRESS_PARTS)]


PRODUCTS = FileKind(columns=PRODUCT_COLUMNS, required=PRODUCT_REQUIRED, build=_product, cells=_product_cells)
CUSTOMERS = FileKind(columns=CUSTOMER_COLUMNS, required=CUSTOMER_REQUIRED, build=_customer, cells=_customer_cells)


def every(listings: Listings, page: Callable[..., ProductList | CustomerList]) -> Iterator[Any]:
    """Every item of a master-data listing (`product_page`, `customer_page`), a page at a time."""
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
