"""`oms reorder-rule list`, `oms proposal what-to-buy` and `oms proposal show` as tables (`set`, `prepare` come from
the actions' table): purchase planning."""

from __future__ import annotations

from datetime import date

import click

from oms.application.processes.planning import PurchaseProposalView, what_to_buy
from oms.application.processes.planning_actions import show_proposal
from oms.application.procurement.planning_views import list_reorder_rules
from oms.entrypoints.cli.support import ISO_DATE, CliContext, json_option, pass_cli, print_json, print_table


@click.group("reorder-rule")
def reorder_rule() -> None:
    """Reorder rules: the minimum, maximum and multiple of a product's stock in a warehouse."""


@reorder_rule.command("list")
@json_option
@pass_cli
def list_rules(cli: CliContext, as_json: bool) -> None:
    """Every reorder rule, by SKU then warehouse."""
    views = cli.system.read(list_reorder_rules)
    if as_json:
        print_json(views)
    else:
        print_table(["id", "sku", "warehouse", "minimum", "maximum", "multiple", "active"],
                    [[v.id, v.sku, v.warehouse_code, v.minimum, v.maximum, v.multiple, "yes" if v.active else "no"]
                     for v in views.items])


@click.group("proposal")
def proposal() -> None:
    """Purchase proposals: what to buy, now or as prepared on a day."""


def _print_proposal(view: PurchaseProposalView, as_json: bool) -> None:
    if as_json:
        print_json(view)
        return
    if view.prepared_at is not None:
        click.echo(f"prepared on {view.day.isoformat()} at {view.prepared_at:%H:%M} UTC")
    print_table(["sku", "warehouse", "available", "incoming", "demand", "projected", "minimum", "maximum", "buy",
                 "supplier", "unit_price"],
                [[v.sku, v.warehouse_code, v.available, v.incoming, v.demand, v.projected, v.minimum, v.maximum,
                  v.quantity, v.supplier_code or "-",
                  "-" if v.unit_price is None else f"{v.unit_price} {v.currency}"] for v in view.lines])


@proposal.command("what-to-buy")
@click.option("--day", type=ISO_DATE, default=None, help="Prices and rates of this day (default: today).")
@json_option
@pass_cli
def buy(cli: CliContext, day: date | None, as_json: bool) -> None:
    """What to buy now: every product whose projected stock (available + incoming - unreserved demand) is below its
    rule's minimum, the quantity to reach the maximum and the preferred supplier."""
    _print_proposal(cli.system.read(what_to_buy, day or cli.system.bus.clock.now().date()), as_json)


@proposal.command("show")
@click.argument("day", default="latest")
@json_option
@pass_cli
def show(cli: CliContext, day: str, as_json: bool) -> None:
    """The proposal prepared on DAY (YYYY-MM-DD; default: the latest prepared)."""
    _print_proposal(cli.system.read(show_proposal, day), as_json)
