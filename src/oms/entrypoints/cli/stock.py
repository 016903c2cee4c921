"""`oms stock show|movements|low|valuation`: levels per warehouse, the movement ledger, stock running low and the
stock valuation report (receive and adjust are made from the action table, see `actions`)."""

from __future__ import annotations

from datetime import date, datetime

import click

from oms.application.stock.queries import low_stock, movement_page, product_stock
from oms.application.stock.valuation import stock_valuation
from oms.application.stock.views import StockLevelList
from oms.domain.shared.money import to_decimal
from oms.entrypoints.cli.support import (
    ISO_DATE,
    ISO_TIME,
    CliContext,
    json_option,
    pass_cli,
    print_json,
    print_next_page,
    print_table,
)
from oms.ports.shared.listings import MAX_LIMIT


@click.group("stock")
def stock() -> None:
    """Stock per product and warehouse: on hand, reserved, available, and every movement."""


@stock.command("show")
@click.argument("sku")
@json_option
@pass_cli
def show(cli: CliContext, sku: str, as_json: bool) -> None:
    """Stock of a product in every warehouse that has had some."""
    levels = cli.system.read(product_stock, sku)
    if as_json:
        print_json(levels)
        return
    print_table(["warehouse", "on_hand", "reserved", "available"],
                [[level.warehouse_code, level.on_hand, level.reserved, level.available] for level in levels.items])


def print_levels(levels: StockLevelList) -> None:
    print_table(["sku", "warehouse", "on_hand", "reserved", "available"],
                [[level.sku, level.warehouse_code, level.on_hand, level.reserved, level.available]
                 for level in levels.items])


@stock.command("low")
@click.option("--threshold", default="5", show_default=True, metavar="DECIMAL",
              help="Low means this much available (on hand - reserved) or less.")
@click.option("--warehouse", help="In this warehouse (its code).")
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=50, show_default=True)
@json_option
@pass_cli
def low(cli: CliContext, threshold: str, warehouse: str | None, limit: int, as_json: bool) -> None:
    """Stock running low: the levels at or below the threshold, least available first."""
    levels = cli.system.read(low_stock, cli.runtime.listings, threshold=to_decimal(threshold, "threshold"),
                             warehouse_code=warehouse, limit=limit)
    if as_json:
        print_json(levels)
        return
    print_levels(levels)


@stock.command("movements")
@click.option("--sku", help="Of this product.")
@click.option("--warehouse", help="In this warehouse (its code).")
@click.option("--document", help="Made by this document (its number: GR-000001, GI-000001, ...).")
@click.option("--from", "at_from", type=ISO_TIME, help="At or after.")
@click.option("--until", "at_until", type=ISO_TIME, help="Before.")
@click.option("--order", type=click.Choice(["newest", "oldest"]), default="newest", show_default=True)
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=50, show_default=True)
@click.option("--cursor", help="Where the previous page ended (printed under it).")
@json_option
@pass_cli
def movements(cli: CliContext, sku: str | None, warehouse: str | None, document: str | None,
              at_from: datetime | None, at_until: datetime | None, order: str, limit: int, cursor: str | None,
              as_json: bool) -> None:
    """The movement ledger, a page at a time, filtered like the HTTP listing."""
    page = cli.system.read(movement_page, cli.runtime.listings, sku=sku, warehouse_code=warehouse, document=document,
                           at_from=at_from, at_until=at_until, newest_first=order == "newest", limit=limit,
                           cursor=cursor)
    if as_json:
        print_json(page)
        return
    print_table(["at", "sku", "warehouse", "kind", "quantity", "reference", "who"],
                [[f"{m.at:%Y-%m-%d %H:%M:%S}", m.sku, m.warehouse_code, m.kind, m.quantity, m.reference, m.actor]
                 for m in page.items])
    print_next_page(page.next_cursor)


@stock.command("valuation")
@click.option("--at", type=ISO_DATE, help="As of the end of this day (UTC); now if not given.")
@click.option("--warehouse", help="In this warehouse (its code).")
@json_option
@pass_cli
def valuation(cli: CliContext, at: date | None, warehouse: str | None, as_json: bool) -> None:
    """Stock valuation: quantity, value and average cost per product and warehouse, with totals."""
    report = cli.system.read(stock_valuation, at=at, warehouse_code=warehouse)
    if as_json:
        print_json(report)
        return
    print_table(["warehouse", "sku", "quantity", "value", "average cost", "currency"],
                [*([view.warehouse_code, line.sku, line.quantity, line.value, line.average_cost or "-", view.currency]
                   for view in report.warehouses for line in view.lines),
                 *([view.warehouse_code, "total", "", view.total, "", view.currency] for view in report.warehouses),
                 *(["all", "total", "", total, "", total.currency] for total in report.totals)])
