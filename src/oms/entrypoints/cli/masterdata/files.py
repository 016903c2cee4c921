"""`oms product|customer import|export`: master data in CSV files, checked row by row, round-trip safe.

An import shows one progress bar over its whole run (from 2000 rows): reading the file, checking the rows, writing
them; it reaches its end only once the import is committed. Every refused row is named with every problem it has.
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
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs
import click

from oms.application.masterdata.actions import CUSTOMER, PRODUCT
from oms.application.masterdata.imports import (
    CustomerRow,
    ImportCustomers,
    ImportProducts,
    ImportReport,
    ProductRow,
    RowError,
    customer_problems,
    product_problems,
)
from oms.application.masterdata.queries import customer_page, product_page
from oms.application.masterdata.views import CustomerList, ProductList
from oms.application.shared.actions import Action
from oms.application.shared.progress import watching
from oms.entrypoints.cli.actions import hand_written, perform
from oms.entrypoints.cli.masterdata.groups import customer, product
from oms.entrypoints.cli.support import CliContext, Refused, fail, json_option, pass_cli, print_json, text
from oms.entrypoints.wording import plural, printable
from oms.ports.shared.listings import MAX_LIMIT

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


Row = tuple[Any, list[RowError]]  # a row as the command takes it, and what could not be read from its cells
Build = Callable[[int, dict[str, str]], Row]


def _flag(given: str, row: int, column: str, errors: list[RowError], default: bool) -> bool:
    """A true/false cell (true, yes, 1, false, no, 0; empty is the default); anything else is an error of its row."""
    lowered = given.strip().lower()
    if lowered not in ("true", "yes", "1", "false", "no", "0", ""):
        errors.append(RowError(row=row, field=column, reason=f"must be true or false, not {given!r}"))
        return default
    return lowered in ("true", "yes", "1") if lowered else default


def _records(path: Path, columns: list[str], required: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [c for c in required if c not in header]
        unknown = [c for c in header if c not in columns]
        if missing or unknown:
            fail(f"{path.name}: missing columns {missing}, unknown columns {unknown}; expected {','.join(columns)}")
        for number, record in enumerate(reader, start=2):
            yield number, {key: restore((value or "").strip()) for key, value in record.items()}


STAGES = ("reading", "checking", "writing")


class Progress:
    """One bar over an import's whole run, a third for each stage (reading the file, checking the rows, writing
    them), shown on stderr from PROGRESS_FROM_ROWS rows. It reaches its end only in `committed`, once the command
    has returned, so it never shows an import as done that could still fail."""

    def __init__(self, rows: int, what: str) -> None:
        self.rows, self.what = rows, what
        self.bar = progress_bar(3 * rows, f"reading {what}") if rows >= PROGRESS_FROM_ROWS else None

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)

    def stage(self, stage: str, done: int, total: int) -> None:
        """`done` of `total` items of a stage are done; the end is left for `committed`."""
        if self.bar is None:
            return
        share = self.rows * done // total if total else self.rows
        position = min(STAGES.index(stage) * self.rows + share, 3 * self.rows - 1)
        self.bar.label = f"{stage} {self.what}"
        self.bar.update(max(position - self.bar.pos, 0))

    def committed(self) -> None:
        if self.bar is not None:
            self.bar.update(3 * self.rows - self.bar.pos)


def progress_bar(length: int, label: str) -> Any:
    return click.progressbar(length=length, label=label, file=sys.stderr)


def _count(path: Path) -> int:
    with path.open(encoding="utf-8-sig") as counter:
        return max(sum(1 for _ in counter) - 1, 0)


def _read(path: Path, columns: list[str], required: list[str], build: Build, progress: Progress
          ) -> tuple[list[Any], list[RowError]]:
    """The rows of the file as the command takes them, and every cell that could not be read."""
    rows, unreadable = [], []
    for done, (number, record) in enumerate(_records(path, columns, required), start=1):
        row, errors = build(number, record)
        rows.append(row)
        unreadable.extend(errors)
        progress.stage("reading", done, progress.rows)
    return rows, unreadable


def _in_order(errors: Sequence[RowError], columns: list[str]) -> tuple[RowError, ...]:
    """By row, and within a row by column as the file has them."""
    place = {column: index for index, column in enumerate(columns)}
    return tuple(sorted(errors, key=lambda e: (e.row, place.get(e.field, len(columns)))))


def _import(cli: CliContext, action: Action, path: Path, columns: list[str], required: list[str], build: Build,
            problems: Callable[..., tuple[RowError, ...]], partial: bool, what: str) -> ImportReport:
    """Read, check and import the file in one transaction. A cell that cannot be read (a flag that is neither true
    nor false) refuses its row; its row's other problems are still found, by the same checks, in a read."""
    with Progress(_count(path), what) as progress, watching(progress.stage):
        rows, unreadable = _read(path, columns, required, build, progress)
        if unreadable:
            found = cli.system.read(problems, rows)
            bad = {error.row for error in unreadable}
            if not partial:
                return ImportReport(created=0, updated=0, unchanged=0, applied=False,
                                    refused=_in_order([*unreadable, *found], columns))
            rows = [row for row in rows if row.row not in bad]
        command = ImportProducts if action.command is ImportProducts else ImportCustomers
        report: ImportReport = perform(cli, action, command(rows=tuple(rows), partial=partial))[1]
        progress.committed()
    if unreadable:
        others = [error for error in found if error.row in bad]
        report = attrs.evolve(report, refused=_in_order([*report.refused, *unreadable, *others], columns))
    return report


def _report(report: ImportReport, what: str, as_json: bool) -> None:
    """Every problem of every refused row on stderr (or the report as JSON), then what was imported."""
    refused_rows = len({error.row for error in report.refused})
    if as_json:
        print_json(report)
    elif report.refused:
        click.echo(f"{plural(refused_rows, 'row')} refused:", err=True)
        for error in report.refused:
            click.echo(f"  row {error.row}: {error.field + ': ' if error.field else ''}{printable(error.reason)}",
                       err=True)
    if not report.applied:
        rows = "row" if refused_rows == 1 else "rows"
        raise Refused(f"nothing imported: fix the {rows} above, or pass --partial to import the valid {what}")
    if not as_json:
        click.echo(f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged "
                   f"{what}{', the refused rows skipped' if report.refused else ''}")


def _import_command(action: Action, columns: list[str], required: list[str], build: Build,
                    problems: Callable[..., tuple[RowError, ...]], what: str) -> click.Command:
    @click.command("import", help=f"{action.summary}. The CSV's columns: {','.join(columns)}.",
                   short_help=action.summary.split(";")[0])
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--partial", is_flag=True, help="Import the valid rows even if some are refused.")
    @json_option
    @pass_cli
    def run(cli: CliContext, file: Path, partial: bool, as_json: bool) -> None:
        _report(_import(cli, action, file, columns, required, build, problems, partial, what), what, as_json)

    return run


def _product(number: int, r: dict[str, str]) -> Row:
    errors: list[RowError] = []
    active = _flag(r.get("active", ""), number, "active", errors, default=True)
    return ProductRow(row=number, sku=r["sku"], name=r["name"], kind=r.get("kind") or "stocked",
                      uom=r.get("uom") or "unit", price=r["price"], currency=r["currency"],
                      tax_category=r.get("tax_category") or "standard", active=active), errors


def _address(record: dict[str, str], prefix: str) -> dict[str, str]:
    return {part: record.get(f"{prefix}_{part}", "") for part in ADDRESS_PARTS}


def _customer(number: int, r: dict[str, str]) -> Row:
    errors: list[RowError] = []
    exempt = _flag(r.get("tax_exempt", ""), number, "tax_exempt", errors, default=False)
    return CustomerRow(row=number, code=r["code"], name=r["name"], email=r.get("email", ""), tax_exempt=exempt,
                       tax_exemption_reference=r.get("tax_exemption_reference", ""),
                       billing_address=_address(r, "billing"), shipping_address=_address(r, "shipping")), errors


@hand_written(PRODUCT, "import")
def import_products(action: Action) -> click.Command:
    return _import_command(action, PRODUCT_COLUMNS, ["sku", "name", "price", "currency"], _product,
                           product_problems, "products")


@hand_written(CUSTOMER, "import")
def import_customers(action: Action) -> click.Command:
    return _import_command(action, CUSTOMER_COLUMNS, ["code", "name"], _customer, customer_problems, "customers")


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
