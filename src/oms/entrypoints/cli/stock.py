"""`oms stock ...`: levels per warehouse, receipts, adjustments and the movement ledger."""

from __future__ import annotations

import click

import oms
from oms.entrypoints.cli.support import CliContext, json_option, pass_cli, print_json, print_table
from oms.entrypoints.cli.views import warehouse_codes


@click.group("stock")
def stock() -> None:
    """Stock per product and warehouse: on hand, reserved, available, and every movement."""


@stock.command("show")
@click.argument("sku")
@json_option
@pass_cli
def show(cli: CliContext, sku: str, as_json: bool) -> None:
    """Stock of a product in every warehouse."""
    codes = warehouse_codes(cli.system)
    rows = sorted(([codes.get(level.warehouse_id, level.warehouse_id), level.on_hand, level.reserved,
                    level.available] for level in cli.system.stock(sku)), key=lambda row: str(row[0]))
    if as_json:
        print_json([{"sku": sku, "warehouse": w, "on_hand": h, "reserved": r, "available": a} for w, h, r, a in rows])
    else:
        print_table(["warehouse", "on_hand", "reserved", "available"], rows)


@stock.command("receive")
@click.argument("sku")
@click.argument("warehouse")
@click.argument("quantity")
@click.option("--reference", default="", help="Supplier delivery note or purchase order.")
@pass_cli
def receive(cli: CliContext, sku: str, warehouse: str, quantity: str, reference: str) -> None:
    """Record goods received into a warehouse."""
    number = cli.handle(oms.ReceiveStock(sku=sku, warehouse_code=warehouse, quantity=quantity,
                                         reference=reference))
    click.echo(f"{number}: received {quantity} {sku} into {warehouse}")


@stock.command("adjust", context_settings={"ignore_unknown_options": True})
@click.argument("sku")
@click.argument("warehouse")
@click.argument("quantity")
@click.option("--reason", required=True, help="Why the count differs; kept with the movement.")
@pass_cli
def adjust(cli: CliContext, sku: str, warehouse: str, quantity: str, reason: str) -> None:
    """Correct on-hand stock by a signed QUANTITY after a count (e.g. -2)."""
    number = cli.handle(oms.AdjustStock(sku=sku, warehouse_code=warehouse, quantity=quantity,
                                        reason=reason))
    click.echo(f"{number}: adjusted {sku} in {warehouse} by {quantity}")


@stock.command("movements")
@click.option("--sku")
@click.option("--warehouse")
@click.option("--limit", type=click.IntRange(1, 10000), default=100, show_default=True)
@json_option
@pass_cli
def movements(cli: CliContext, sku: str | None, warehouse: str | None, limit: int, as_json: bool) -> None:
    """The movement ledger, newest first."""
    codes = warehouse_codes(cli.system)
    found = list(reversed(cli.system.movements(sku, warehouse)))[:limit]
    if as_json:
        print_json(found)
        return
    with cli.system.uow_factory() as uow:
        skus = {p.id: p.sku for p in uow.masterdata.products.list()}
    print_table(["at", "sku", "warehouse", "kind", "quantity", "reference", "who"],
                [[f"{m.at:%Y-%m-%d %H:%M:%S}", skus.get(m.product_id), codes.get(m.warehouse_id), m.kind, m.quantity,
                  m.reference, m.actor] for m in found])
