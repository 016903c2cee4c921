"""`oms product|customer import|export`: master data in CSV files, checked row by row, round-trip safe.

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
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import click

from oms.application.masterdata.imports import CustomerRow, ImportCustomers, ImportProducts, ImportReport, ProductRow
from oms.entrypoints.cli.support import CliContext, Refused, fail, json_option, pass_cli, print_json, print_table
from oms.entrypoints.wording import plural, printable

PRODUCT_COLUMNS = ["sku", "name", "kind", "uom", "price", "currency", "tax_category", "active"]
ADDRESS_PARTS = ["line1", "line2", "city", "postal_code", "region", "country"]
CUSTOMER_COLUMNS = ["code", "name", "email", "tax_exempt", "tax_exemption_reference",
                    *(f"billing_{p}" for p in ADDRESS_PARTS), *(f"shipping_{p}" for p in ADDRESS_PARTS)]
PROGRESS_FROM_ROWS = 2000
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


def _flag(text: str, row: int, column: str) -> bool:
    lowered = text.strip().lower()
    if lowered not in ("true", "yes", "1", "false", "no", "0", ""):
        fail(f"row {row}: {column} must be true or false, not {text!r}")
    return lowered in ("true", "yes", "1")


def _rows(path: Path, columns: list[str], required: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [c for c in required if c not in header]
        unknown = [c for c in header if c not in columns]
        if missing or unknown:
            fail(f"{path.name}: missing columns {missing}, unknown columns {unknown}; expected {','.join(columns)}")
        for number, record in enumerate(reader, start=2):
            yield number, {key: restore((value or "").strip()) for key, value in record.items()}


def _read_all(path: Path, columns: list[str], required: list[str], build: Callable[[int, dict[str, str]], Any],
              label: str) -> list[Any]:
    with path.open(encoding="utf-8-sig") as counter:
        total = max(sum(1 for _ in counter) - 1, 0)
    rows = _rows(path, columns, required)
    if total < PROGRESS_FROM_ROWS:
        return [build(number, record) for number, record in rows]
    with click.progressbar(rows, length=total, label=f"reading {label}", file=sys.stderr) as bar:
        return [build(number, record) for number, record in bar]


def _report(report: ImportReport, what: str) -> None:
    if report.refused:
        click.echo(f"{plural(len(report.refused), 'row')} refused:", err=True)
        for error in report.refused:
            click.echo(f"  row {error.row}: {error.field + ': ' if error.field else ''}{printable(error.reason)}",
                       err=True)
    if not report.applied:
        rows = "row" if len(report.refused) == 1 else "rows"
        raise Refused(f"nothing imported: fix the {rows} above, or pass --partial to import the valid {what}")
    click.echo(f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged "
               f"{what}{', the refused rows skipped' if report.refused else ''}")


@click.group("product")
def product() -> None:
    """Products: import and export as CSV."""


@product.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--partial", is_flag=True, help="Import the valid rows even if some are refused.")
@pass_cli
def import_products(cli: CliContext, file: Path, partial: bool) -> None:
    """Create or update products from a CSV with the columns: sku,name,kind,uom,price,currency,tax_category,active."""
    def build(number: int, r: dict[str, str]) -> ProductRow:
        return ProductRow(row=number, sku=r["sku"], name=r["name"], kind=r.get("kind") or "stocked",
                          uom=r.get("uom") or "unit", price=r["price"], currency=r["currency"],
                          tax_category=r.get("tax_category") or "standard",
                          active=_flag(r.get("active") or "true", number, "active"))

    rows = _read_all(file, PRODUCT_COLUMNS, ["sku", "name", "price", "currency"], build, "products")
    _report(cli.handle(ImportProducts(rows=tuple(rows), partial=partial)), "products")


@product.command("export")
@click.argument("file", type=click.File("w", encoding="utf-8"), default="-")
@pass_cli
def export_products(cli: CliContext, file: TextIO) -> None:
    """Write every product as CSV (to FILE, or standard output)."""
    with cli.system.uow_factory() as uow:
        products = sorted(uow.masterdata.products.list(), key=lambda p: p.sku)
    write = _csv_writer(file)
    write(PRODUCT_COLUMNS)
    for p in products:
        write([p.sku, p.name, p.kind, p.uom, p.price, p.currency, p.tax_category, str(p.active).lower()])
    file.flush()


@click.group("customer")
def customer() -> None:
    """Customers: import and export as CSV."""


def _address(record: dict[str, str], prefix: str) -> dict[str, str]:
    return {part: record.get(f"{prefix}_{part}", "") for part in ADDRESS_PARTS}


@customer.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--partial", is_flag=True, help="Import the valid rows even if some are refused.")
@pass_cli
def import_customers(cli: CliContext, file: Path, partial: bool) -> None:
    """Create or update customers from a CSV (columns as `oms customer export` writes them)."""
    def build(number: int, r: dict[str, str]) -> CustomerRow:
        return CustomerRow(row=number, code=r["code"], name=r["name"], email=r.get("email", ""),
                           tax_exempt=_flag(r.get("tax_exempt", ""), number, "tax_exempt"),
                           tax_exemption_reference=r.get("tax_exemption_reference", ""),
                           billing_address=_address(r, "billing"), shipping_address=_address(r, "shipping"))

    rows = _read_all(file, CUSTOMER_COLUMNS, ["code", "name"], build, "customers")
    _report(cli.handle(ImportCustomers(rows=tuple(rows), partial=partial)), "customers")


@customer.command("export")
@click.argument("file", type=click.File("w", encoding="utf-8"), default="-")
@pass_cli
def export_customers(cli: CliContext, file: TextIO) -> None:
    """Write every customer as CSV (to FILE, or standard output)."""
    with cli.system.uow_factory() as uow:
        customers = sorted(uow.masterdata.customers.list(), key=lambda c: c.code)
    write = _csv_writer(file)
    write(CUSTOMER_COLUMNS)
    for c in customers:
        write([c.code, c.name, c.email, str(c.tax_exempt).lower(), c.tax_exemption_reference,
               *(getattr(c.billing_address, p) for p in ADDRESS_PARTS),
               *(getattr(c.shipping_address, p) for p in ADDRESS_PARTS)])
    file.flush()


@customer.command("list")
@json_option
@pass_cli
def list_customers(cli: CliContext, as_json: bool) -> None:
    """List customers."""
    with cli.system.uow_factory() as uow:
        customers = sorted(uow.masterdata.customers.list(), key=lambda c: c.code)
    if as_json:
        print_json(customers)
    else:
        print_table(["code", "name", "email", "tax_exempt"],
                    [[c.code, c.name, c.email, c.tax_exempt] for c in customers])


@product.command("list")
@json_option
@pass_cli
def list_products(cli: CliContext, as_json: bool) -> None:
    """List products."""
    with cli.system.uow_factory() as uow:
        products = sorted(uow.masterdata.products.list(), key=lambda p: p.sku)
    if as_json:
        print_json(products)
    else:
        print_table(["sku", "name", "kind", "uom", "price", "currency", "tax", "active"],
                    [[p.sku, p.name, p.kind, p.uom, p.price, p.currency, p.tax_category, p.active] for p in products])
