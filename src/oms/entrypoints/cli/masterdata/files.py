"""`oms product|customer export`, and the CSV both it and `import` (see `imports`) use: round-trip safe cells.

An export reads the listing a page at a time, never everything at once.

Cells a spreadsheet would run as a formula are neutralised on export, as OWASP advises against CSV injection: a
cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote in front (`=HYPERLINK(...)`
is written `'=HYPERLINK(...)`), unless it is a plain number such as `-2` or `+5`, which a spreadsheet reads as the
number it is. So that the quote can be told apart from one that belongs to the value, a value that starts with a
quote followed by one of those characters or by another quote (`'=x`, `''`) gets one more quote in front too. Import
removes exactly that one quote again: from a cell that starts with a quote followed by one of those characters or
by a quote, and from no other; `'90s` or `O'Brien` stay as they are. Export then import changes nothing.

Rows end in CRLF, as RFC 4180 says (and so a value with a carriage return in it is quoted). Written to a terminal
rather than a file, an export shows control characters as escapes (`\x1b`), so a stored
value cannot send escape sequences to the terminal; written to a file or a pipe, every value is kept exactly.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import click

from oms.application.masterdata.queries import customer_page, product_page
from oms.application.masterdata.views import CustomerList, ProductList
from oms.entrypoints.cli.masterdata.groups import customer, product
from oms.entrypoints.cli.support import CliContext, fail, pass_cli, text
from oms.entrypoints.wording import printable
from oms.ports.shared.listings import MAX_LIMIT

PRODUCT_COLUMNS = ["sku", "name", "kind", "uom", "price", "currency", "tax_category", "active"]
ADDRESS_PARTS = ["line1", "line2", "city", "postal_code", "region", "country"]
CUSTOMER_COLUMNS = ["code", "name", "email", "tax_exempt", "tax_exemption_reference",
                    *(f"billing_{p}" for p in ADDRESS_PARTS), *(f"shipping_{p}" for p in ADDRESS_PARTS)]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


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


def _csv_writer(file: TextIO) -> Callable[[Sequence[object]], None]:
    writer = csv.writer(file, lineterminator="\r\n")  # RFC 4180; and a value with a CR in it gets quoted
    shown: Callable[[str], str] = printable if file.isatty() else str

    def write(row: Sequence[object]) -> None:
        writer.writerow([shown(neutralise(str(cell))) for cell in row])

    return write


def records(path: Path, columns: list[str], required: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [c for c in required if c not in header]
        unknown = [c for c in header if c not in columns]
        if missing or unknown:
            fail(f"{path.name}: missing columns {missing}, unknown columns {unknown}; expected {','.join(columns)}")
        for number, record in enumerate(reader, start=2):
            yield number, {key: restore((value or "").strip()) for key, value in record.items()}


def _pages(cli: CliContext, page: Callable[..., ProductList | CustomerList]) -> Iterator[Any]:
    """Every item of a master-data listing, a page at a time."""
    cursor: str | None = None
    while True:
        found = page(cli.runtime.listings, limit=MAX_LIMIT, cursor=cursor)
        yield from found.items
        if found.next_cursor is None:
            return
        cursor = found.next_cursor


@product.command("export")
@click.argument("file", type=click.File("w", encoding="utf-8"), default="-")
@pass_cli
def export_products(cli: CliContext, file: TextIO) -> None:
    """Write every product as CSV (to FILE, or standard output), by SKU."""
    write = _csv_writer(file)
    write(PRODUCT_COLUMNS)
    for p in _pages(cli, product_page):
        write([p.sku, p.name, text(p.kind), p.uom, text(p.price), p.price.currency.code, text(p.tax_category),
               str(p.active).lower()])
    file.flush()


@customer.command("export")
@click.argument("file", type=click.File("w", encoding="utf-8"), default="-")
@pass_cli
def export_customers(cli: CliContext, file: TextIO) -> None:
    """Write every customer as CSV (to FILE, or standard output), by code."""
    write = _csv_writer(file)
    write(CUSTOMER_COLUMNS)
    for c in _pages(cli, customer_page):
        write([c.code, c.name, c.email, str(c.tax_exempt).lower(), c.tax_exemption_reference,
               *(getattr(c.billing_address, part) for part in ADDRESS_PARTS),
               *(getattr(c.shipping_address, part) for part in ADDRESS_PARTS)])
    file.flush()
