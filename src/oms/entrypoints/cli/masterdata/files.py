"""`oms product|customer|supplier|rate export` and `oms supplier export-prices`: every record as CSV, in the columns
`import` takes (the cells as `oms.entrypoints.csvfiles` writes them: round-trip safe, formulas neutralised).

An export of a listing (products, customers, suppliers) reads it a page at a time, never everything at once. Written
to a terminal rather than a file, an export shows control characters as escapes (`\x1b`), so a stored value cannot
send escape sequences to the terminal; written to a file or a pipe, every value is kept exactly.
"""

from __future__ import annotations

from typing import TextIO

import click

from oms.entrypoints.cli.masterdata.groups import customer, product
from oms.entrypoints.cli.masterdata.suppliers import rate, supplier
from oms.entrypoints.cli.support import CliContext, pass_cli
from oms.entrypoints.csvfiles import (
    CUSTOMERS,
    EXCHANGE_RATES,
    PRODUCTS,
    SUPPLIER_PRICES,
    SUPPLIERS,
    FileKind,
    csv_writer,
)
from oms.entrypoints.wording import printable


def _export(cli: CliContext, file: TextIO, kind: FileKind) -> None:
    write = csv_writer(file, printable if file.isatty() else str)
    write(kind.columns)
    for item in kind.items(cli.runtime.listings, cli.system.read):
        write(kind.cells(item))
    file.flush()


def _export_command(group: click.Group, name: str, kind: FileKind, what: str, order: str) -> None:
    @group.command(name, help=f"Write every {what} as CSV (to FILE, or standard output), {order}.")
    @click.argument("file", type=click.File("w", encoding="utf-8"), default="-")
    @pass_cli
    def export(cli: CliContext, file: TextIO) -> None:
        _export(cli, file, kind)


_export_command(product, "export", PRODUCTS, "product", "by SKU")
_export_command(customer, "export", CUSTOMERS, "customer", "by code")
_export_command(supplier, "export", SUPPLIERS, "supplier", "by code")
_export_command(supplier, "export-prices", SUPPLIER_PRICES, "supplier price",
                "by supplier, SKU, minimum quantity and valid from")
_export_command(rate, "export", EXCHANGE_RATES, "exchange rate", "by pair, newest day first")
