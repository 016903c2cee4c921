"""`oms overview`: what waits in the back office today, as five short tables (or the API's JSON); `oms report
NAME`: any report of the catalogue as a table, its chart and CSV written to files; `oms reports`: the catalogue."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from oms.adapters.charts import CHART_FORMATS
from oms.application.reports.catalogue import report_catalogue, run_report
from oms.application.reports.overview import Worklist, overview
from oms.application.reports.requests import FILTERS
from oms.application.reports.views import report_info, report_view
from oms.domain.reports.tables import ReportTable
from oms.domain.shared.money import to_decimal
from oms.entrypoints.cli.stock import print_levels
from oms.entrypoints.cli.support import CliContext, json_option, pass_cli, print_json, print_table
from oms.entrypoints.report_files import exported, report_request, shown_row
from oms.ports.shared.listings import MAX_LIMIT


def _print_worklist(title: str, worklist: Worklist) -> None:
    click.echo(f"{title}:")
    print_table(["number", "status", "customer", "created_at", "total"],
                [[s.number, s.status, s.customer_code, s.created_at, s.grand_total] for s in worklist.items])
    if worklist.more:
        click.echo("(more)")
    click.echo("")


@click.command("overview")
@click.option("--low-stock-threshold", default="5", show_default=True, metavar="DECIMAL",
              help="Stock is low at this much available or less.")
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=10, show_default=True, help="Rows per list.")
@json_option
@pass_cli
def show_overview(cli: CliContext, low_stock_threshold: str, limit: int, as_json: bool) -> None:
    """What waits today: orders to confirm, to ship and backordered, quotations expiring within a week, stock
    running low; oldest first."""
    found = cli.system.read(overview, cli.runtime.listings, today=cli.system.bus.clock.now().date(),
                            low_stock_threshold=to_decimal(low_stock_threshold, "low_stock_threshold"), limit=limit)
    if as_json:
        print_json(found)
        return
    _print_worklist("To confirm", found.to_confirm)
    _print_worklist("To ship", found.to_ship)
    _print_worklist("Backorders", found.backorders)
    _print_worklist("Quotations expiring", found.expiring_quotations)
    click.echo("Low stock:")
    print_levels(found.low_stock)




def _print_report(table: ReportTable) -> None:
    click.echo(table.title)
    click.echo(f"Basis: {table.basis}")
    for name, value in table.filters:
        click.echo(f"{name}: {value}")
    rows = [shown_row(row, table) for row in table.rows]
    if table.totals is not None:
        rows.append(shown_row(table.totals, table))
    print_table([column.title for column in table.columns], rows)
    for note in table.notes:
        click.echo(note)


def _write(path: str, table: ReportTable, what: str) -> None:
    fmt = Path(path).suffix.lower().lstrip(".")
    allowed = ("csv",) if what == "csv" else CHART_FORMATS
    if fmt not in allowed:
        raise click.BadParameter(f"the file must end in {' or '.join('.' + f for f in allowed)}",
                                 param_hint=f"--{what}")
    Path(path).write_bytes(exported(table, fmt))
    click.echo(f"{what} written to {path}", err=True)


_FILTER_HELP = {"branch": "a branch's code", "customer": "a customer's code", "supplier": "a supplier's code",
                "product": "a product's SKU", "category": "a product category", "warehouse": "a warehouse's code"}


def _filters(command: Callable[..., Any]) -> Callable[..., Any]:
    for name in reversed(FILTERS):
        command = click.option(f"--{name}", metavar="CODE", help=f"Only {_FILTER_HELP[name]}.")(command)
    return command


@click.command("report")
@click.argument("name", metavar="NAME")
@click.option("--from", "start", metavar="DAY", help="First day covered (YYYY-MM-DD; reports over a period).")
@click.option("--to", "end", metavar="DAY", help="Last day covered, included (default today).")
@click.option("--as-of", "as_of", metavar="DAY", help="The day a report at a day is taken (default today).")
@click.option("--by", metavar="GROUPING", help="How rows are grouped: day, week, month, quarter, year, product, ...")
@click.option("--basis", metavar="BASIS", help="Which documents count (see `oms reports`).")
@_filters
@click.option("--chart", "chart_file", metavar="FILE", help="Also write the chart to FILE (.svg or .png).")
@click.option("--csv", "csv_file", metavar="FILE", help="Also write the table to FILE as CSV.")
@json_option
@pass_cli
def show_report(cli: CliContext, /, name: str, chart_file: str | None, csv_file: str | None, as_json: bool,
                **given: str | None) -> None:
    """A report (`oms reports` lists them): its table, and its chart or CSV written to a file."""
    table = cli.system.read(run_report, name, report_request(given), cli.system.bus.clock.now().date())
    if chart_file is not None:
        _write(chart_file, table, "chart")
    if csv_file is not None:
        _write(csv_file, table, "csv")
    if as_json:
        print_json(report_view(table))
    else:
        _print_report(table)


@click.group("reports")
def reports_group() -> None:
    """The reports' catalogue, and their summaries rebuilt from the documents."""


@reports_group.command("list")
@json_option
def list_reports(as_json: bool) -> None:
    """Every report: its name, what it groups by, which documents it counts and the filters it takes."""
    infos = [report_info(definition) for definition in report_catalogue().values()]
    if as_json:
        print_json(infos)
        return
    print_table(["name", "title", "dating", "by", "basis", "filters"],
                [[i.name, i.title, i.dating, ", ".join(i.groupings), ", ".join(b.name for b in i.bases),
                  ", ".join(i.filters)] for i in infos])


@reports_group.command("rebuild")
@pass_cli
def rebuild_summaries(cli: CliContext) -> None:
    """Recompute the reports' summaries from the documents: the daily sales summary, then the quotations' days, each
    in one transaction; the relay and the quotations' triggers go on keeping them after it. Safe to run at any
    time."""
    from oms.adapters.sql.reports.quotation_days import rebuild_quotation_days
    from oms.adapters.sql.reports.summary import SqlSalesSummary, rebuild_sales_summary

    with cli.system.uow_factory() as uow:
        kept = isinstance(uow.reports, SqlSalesSummary)
    if not kept:
        raise click.ClickException("summaries are kept in SQL databases only: nothing to rebuild here")
    rebuild_sales_summary(cli.system.uow_factory)
    click.echo("the daily sales summary was rebuilt from the documents")
    rebuild_quotation_days(cli.system.uow_factory)
    click.echo("the quotations' days were rebuilt from the quotations")
