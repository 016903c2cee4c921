"""`oms product|customer|supplier|rate import`, `oms supplier import-prices`: master data from CSV files, every row
checked, in one transaction.

Every refused row is named with every problem it has, a cell the CSV cannot hold (a flag neither true nor false)
among them. From PROGRESS_FROM_ROWS rows an import shows one progress bar over its whole run: reading the file,
checking the rows, writing them; it reaches its end only once the import is committed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import click

from oms.application.masterdata.actions import CUSTOMER, EXCHANGE_RATE, PRODUCT, SUPPLIER
from oms.application.masterdata.exchange_rate_imports import exchange_rate_problems
from oms.application.masterdata.imports import ImportReport, RowError, customer_problems, product_problems
from oms.application.masterdata.supplier_imports import supplier_price_problems, supplier_problems
from oms.application.shared.actions import Action
from oms.application.shared.progress import watching
from oms.entrypoints.cli.actions import hand_written, perform
from oms.entrypoints.cli.exits import Refused
from oms.entrypoints.cli.support import CliContext, fail, json_option, pass_cli, print_json
from oms.entrypoints.csvfiles import (
    CUSTOMERS,
    EXCHANGE_RATES,
    PRODUCTS,
    SUPPLIER_PRICES,
    SUPPLIERS,
    BadColumns,
    FileKind,
    imported,
    records,
)
from oms.entrypoints.wording import plural, printable

PROGRESS_FROM_ROWS = 2000


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


def _read(path: Path, kind: FileKind, progress: Progress) -> tuple[list[Any], list[RowError]]:
    """The rows of the file as the command takes them, and every cell that could not be read."""
    rows, unreadable = [], []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        try:
            for done, (number, record) in enumerate(records(handle, kind, path.name), start=1):
                row, errors = kind.build(number, record)
                rows.append(row)
                unreadable.extend(errors)
                progress.stage("reading", done, progress.rows)
        except BadColumns as error:
            fail(str(error))
    return rows, unreadable


def _import(cli: CliContext, action: Action, path: Path, kind: FileKind,
            problems: Callable[..., tuple[RowError, ...]], partial: bool, what: str) -> ImportReport:
    """Read, check and import the file in one transaction (see `csvfiles.imported`)."""
    command: Any = action.command  # an import: its rows and whether partial
    with Progress(_count(path), what) as progress, watching(progress.stage):
        rows, unreadable = _read(path, kind, progress)
        report = imported(rows, unreadable, partial, kind.columns, lambda rows: cli.system.read(problems, rows),
                          lambda rows: perform(cli, action, command(rows=tuple(rows), partial=partial))[1])
        if report.applied:
            progress.committed()
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


def _import_command(action: Action, kind: FileKind, problems: Callable[..., tuple[RowError, ...]], what: str
                    ) -> click.Command:
    @click.command(action.name, help=f"{action.summary}. The CSV's columns: {','.join(kind.columns)}.",
                   short_help=action.summary.split(";")[0])
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--partial", is_flag=True, help="Import the valid rows even if some are refused.")
    @json_option
    @pass_cli
    def run(cli: CliContext, file: Path, partial: bool, as_json: bool) -> None:
        _report(_import(cli, action, file, kind, problems, partial, what), what, as_json)

    return run


IMPORTS = ((PRODUCT, "import", PRODUCTS, product_problems, "products"),
           (CUSTOMER, "import", CUSTOMERS, customer_problems, "customers"),
           (SUPPLIER, "import", SUPPLIERS, supplier_problems, "suppliers"),
           (SUPPLIER, "import-prices", SUPPLIER_PRICES, supplier_price_problems, "supplier prices"),
           (EXCHANGE_RATE, "import", EXCHANGE_RATES, exchange_rate_problems, "exchange rates"))

for resource, name, kind, problems, what in IMPORTS:
    hand_written(resource, name)(partial(_import_command, kind=kind, problems=problems, what=what))
