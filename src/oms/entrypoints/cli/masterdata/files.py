"""`oms product|customer export`: every product or customer as CSV, in the columns `import` takes (the cells as
`oms.entrypoints.csvfiles` writes them: round-trip safe, formulas neutralised).

An export reads the listing a page at a time, never everything at once. Written to a terminal rather than a file,
an export shows control characters as escapes (`\x1b`), so a stored value cannot send escape sequences to the
terminal; written to a file or a pipe, every value is kept exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

import click

from oms.application.masterdata.queries import customer_page, product_page
from oms.application.masterdata.views import CustomerList, ProductList
from oms.entrypoints.cli.masterdata.groups import customer, product
from oms.entrypoints.cli.support import CliContext, pass_cli
from oms.entrypoints.csvfiles import CUSTOMERS, PRODUCTS, FileKind, csv_writer, every
from oms.entrypoints.wording import printable


def _export(cli: CliContext, file: TextIO, kind: FileKind, page: Callable[..., ProductList | CustomerList]
            ) -> None:
    write = csv_writer(file, printable if file.isatty() else str)
    write(kind.columns)
    for item in every(cli.runtime.listings, page):
        write(kind.cells(item))
    file.flush()


@product.command("export")
@click.argument("file", type=click.File("w", encoding="utf-8"), default="-")
@pass_cli
def export_products(cli: CliContext, file: TextIO) -> None:
    """Write every product as CSV (to FILE, or standard output), by SKU."""
    _export(cli, file, PRODUCTS, product_page)


@customer.command("export")
@click.argument("file", type=click.File("w", encoding="utf-8"), default="-")
@pass_cli
def export_customers(cli: CliContext, file: TextIO) -> None:
    """Write every customer as CSV (to FILE, or standard output), by code."""
    _export(cli, file, CUSTOMERS, customer_page)
