"""`oms bom ...`: bills of materials. `create` (its components `SKU=QTY[:scrap=PCT][:kind=KIND]` and operations
`NAME=HOURS@RATE`) and the lists are written by hand; `show` prints the active BOM as a tree (see
`production_views`); `activate` comes from the action table (see `actions`)."""

from __future__ import annotations

import click

from oms.application.production import boms as b
from oms.application.production.actions import BOM
from oms.application.production.listings import bom_page, bom_revisions
from oms.application.shared.actions import Action
from oms.domain.production.boms import ComponentKind, ConsumptionMode
from oms.domain.shared.errors import InvalidValue
from oms.entrypoints.cli.actions import hand_written, perform, say
from oms.entrypoints.cli.support import (
    CliContext,
    fail,
    json_option,
    pass_cli,
    print_json,
    print_next_page,
    print_table,
)
from oms.ports.shared.listings import DEFAULT_LIMIT, MAX_LIMIT

COMPONENT = "SKU=QTY[:scrap=PCT][:kind=phantom|subassembly]"
OPERATION = "NAME=HOURS@RATE"


@click.group("bom")
def bom() -> None:
    """Bills of materials: what a product is made of (components with scrap, operations with labour), in revisions of
    which one is active."""


@bom.command("list", help="List the products' bills of materials by SKU, a page at a time: the active revision of "
             "each, or its latest when none is active.")
@click.option("--status", "status", multiple=True, type=click.Choice(["active", "inactive"]),
              help="Repeat for any of several.")
@click.option("--sku", help="Of this product.")
@click.option("--search", help="A part of the SKU or of the product's name, in any case.")
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=DEFAULT_LIMIT, show_default=True)
@click.option("--cursor", help="Where the previous page ended (printed under it).")
@json_option
@pass_cli
def list_boms(cli: CliContext, /, status: tuple[str, ...], sku: str | None, search: str | None, limit: int,
              cursor: str | None, as_json: bool) -> None:
    found = cli.system.read(bom_page, cli.runtime.listings, statuses=status, sku=sku, search=search, limit=limit,
                            cursor=cursor)
    if as_json:
        print_json(found)
        return
    print_table(["sku", "name", "revision", "active", "revisions", "makes", "components", "operations",
                 "consumption"],
                [[i.sku, i.name, i.revision, i.active, i.revisions, i.output_quantity, i.components, i.operations,
                  i.consumption] for i in found.items])
    print_next_page(found.next_cursor)


@bom.command("revisions", help="List every revision of a product's bill of materials, first revision first.")
@click.argument("sku")
@json_option
@pass_cli
def revisions(cli: CliContext, /, sku: str, as_json: bool) -> None:
    found = cli.system.read(bom_revisions, sku)
    if as_json:
        print_json(found)
        return
    print_table(["revision", "active", "makes", "components", "operations", "consumption"],
                [[i.revision, i.active, i.output_quantity, i.components, i.operations, i.consumption]
                 for i in found.items])


def parse_component(given: str, index: int) -> b.ComponentInput:
    """`LEG=4`, `SCREW=8:scrap=5`, `LEG-KIT=1:kind=phantom`: a component line of a BOM."""
    head, *extras = given.split(":")
    sku, _, quantity = head.partition("=")
    options = dict(extra.partition("=")[::2] for extra in extras)
    if not sku or not quantity or set(options) - {"scrap", "kind"} or not all(options.values()):
        fail(f"invalid component {given!r}: write {COMPONENT}")
    kinds = [kind.value for kind in ComponentKind]
    if options.get("kind", "normal") not in kinds:
        fail(f"invalid component {given!r}: kind is one of {', '.join(kinds)}")
    try:
        return b.ComponentInput(sku=sku, quantity=quantity, scrap_percent=options.get("scrap", "0"),
                                kind=ComponentKind(options.get("kind", "normal")))
    except InvalidValue as error:
        raise InvalidValue(f"components[{index}].{error.field}", error.detail) from None


def parse_operation(given: str, index: int) -> b.OperationInput:
    """`Assemble=0.5@30.00`: an operation of a BOM, its hours for the output quantity at a rate an hour."""
    name, _, cost = given.partition("=")
    hours, _, rate = cost.partition("@")
    if not name or not hours or not rate:
        fail(f"invalid operation {given!r}: write {OPERATION}")
    try:
        return b.OperationInput(name=name, hours=hours, rate=rate)
    except InvalidValue as error:
        raise InvalidValue(f"operations[{index}].{error.field}", error.detail) from None


@hand_written(BOM, "create")
def create_command(action: Action) -> click.Command:
    @click.command("create", help=f"{action.summary}. Each --component is {COMPONENT}: the quantity per output "
                   "quantity, the scrap percent that raises it, a phantom kit (exploded into its own BOM's components) "
                   f"or a stocked sub-assembly (made by a child work order); each --operation is {OPERATION}: the "
                   "labour hours for the output quantity at a rate an hour. `oms bom create TABLE --component LEG=4 "
                   "--component SCREW=8:scrap=5 --operation Assemble=0.5@30`.", short_help=action.summary)
    @click.argument("sku")
    @click.option("--component", "components", multiple=True, required=True, metavar=COMPONENT,
                  help="A component; repeat for more.")
    @click.option("--operation", "operations", multiple=True, metavar=OPERATION, help="An operation; repeat for more.")
    @click.option("--output-quantity", default="1", show_default=True, metavar="DECIMAL",
                  help="How much of the product the quantities make.")
    @click.option("--overhead", "overhead_per_unit", default="0", show_default=True, metavar="DECIMAL",
                  help="Overhead absorbed per unit made.")
    @click.option("--consumption", type=click.Choice([mode.value for mode in ConsumptionMode]),
                  default=ConsumptionMode.STRICT.value, show_default=True,
                  help="What a reported consumption that differs from the BOM does: refused, recorded, accepted.")
    @click.option("--activate/--no-activate", default=True, show_default=True,
                  help="Make it the product's active revision.")
    @json_option
    @pass_cli
    def create(cli: CliContext, /, sku: str, components: tuple[str, ...], operations: tuple[str, ...],
               output_quantity: str, overhead_per_unit: str, consumption: str, activate: bool, as_json: bool) -> None:
        command = b.CreateBom(sku=sku, components=tuple(parse_component(c, i) for i, c in enumerate(components)),
                              operations=tuple(parse_operation(o, i) for i, o in enumerate(operations)),
                              output_quantity=output_quantity, overhead_per_unit=overhead_per_unit,
                              consumption=ConsumptionMode(consumption), activate=activate)
        say(action, perform(cli, action, command)[1], as_json)

    return create
