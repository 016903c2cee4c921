"""`oms overview`: what waits in the back office today, as five short tables (or the API's JSON)."""

from __future__ import annotations

import click

from oms.application.reports.overview import Worklist, overview
from oms.domain.shared.money import to_decimal
from oms.entrypoints.cli.stock import print_levels
from oms.entrypoints.cli.support import CliContext, json_option, pass_cli, print_json, print_table
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


