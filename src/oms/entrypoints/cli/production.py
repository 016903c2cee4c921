"""`oms bom ...` and `oms wo ...`: bills of materials and production work orders. `bom create` (its components
`SKU=QTY[:scrap=PCT][:kind=KIND]` and operations `NAME=HOURS@RATE`), `wo output` and `wo transfer` (their
`SKU=QTY` quantities) are written by hand, as are the events of a work order; `show` prints the BOM as a tree and
the work order with its components and outputs (see `production_views`); the other commands come from the action
table (see `actions`)."""

from __future__ import annotations

import click

from oms.application.production import boms as b
from oms.application.production import work_orders as w
from oms.application.production.actions import BOM, WORK_ORDER
from oms.application.shared.actions import Action
from oms.domain.production.boms import ComponentKind, ConsumptionMode
from oms.domain.shared.errors import InvalidValue
from oms.entrypoints.cli.actions import hand_written, perform, say
from oms.entrypoints.cli.document_events import events_command
from oms.entrypoints.cli.support import CliContext, fail, json_option, pass_cli, text

COMPONENT = "SKU=QTY[:scrap=PCT][:kind=phantom|subassembly]"
OPERATION = "NAME=HOURS@RATE"


@click.group("bom")
def bom() -> None:
    """Bills of materials: what a product is made of (components with scrap, operations with labour), in revisions of
    which one is active."""


@click.group("wo")
def wo() -> None:
    """Production work orders: released against stock, outputs reported into stock consuming their components, closed
    done or short."""


events_command(wo, WORK_ORDER, w.work_order_by_ref)


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


def parse_quantities(given: tuple[str, ...], field: str) -> tuple[w.ConsumedInput, ...]:
    """`LEG=26 TOP=6`: quantities of components by SKU."""
    found = []
    for index, each in enumerate(given):
        sku, _, quantity = each.partition("=")
        if not sku or not quantity:
            fail(f"invalid {each!r}: write SKU=QUANTITY")
        try:
            found.append(w.ConsumedInput(sku=sku, quantity=quantity))
        except InvalidValue as error:
            raise InvalidValue(f"{field}[{index}].{error.field}", error.detail) from None
    return tuple(found)


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


@hand_written(WORK_ORDER, "output")
def output_command(action: Action) -> click.Command:
    @click.command("output", help=f"{action.summary}. Components are backflushed by the BOM unless --consumed says "
                   "what was used (SKU=QTY, each component the output took): the BOM's consumption mode refuses, "
                   "records or accepts a difference. `oms wo output WO-000001 6`.", short_help=action.summary)
    @click.argument("ref")
    @click.argument("quantity", metavar="QUANTITY")
    @click.option("--consumed", multiple=True, metavar="SKU=QTY", help="A component consumed; repeat for more.")
    @json_option
    @pass_cli
    def output(cli: CliContext, /, ref: str, quantity: str, consumed: tuple[str, ...], as_json: bool) -> None:
        command = w.ReportOutput(order_id=ref, quantity=quantity,
                                 consumed=parse_quantities(consumed, "consumed") if consumed else None)
        reference, answer = perform(cli, action, command)
        if as_json:
            say(action, answer, as_json)
            return
        [made] = [o for o in answer.outputs if o.reference == reference]
        click.echo(f"{reference}: {text(made.quantity)} {answer.sku} into stock at {text(made.unit_cost)} "
                   f"{made.unit_cost.currency.code} a unit, {text(made.value)} in all")
        say(action, answer, as_json)

    return output


@hand_written(WORK_ORDER, "transfer")
def transfer_command(action: Action) -> click.Command:
    @click.command("transfer", help=f"{action.summary}. `oms wo transfer WO-000001 RM=110`.",
                   short_help=action.summary)
    @click.argument("ref")
    @click.argument("quantities", nargs=-1, required=True, metavar="SKU=QTY...")
    @json_option
    @pass_cli
    def transfer(cli: CliContext, /, ref: str, quantities: tuple[str, ...], as_json: bool) -> None:
        command = w.TransferMaterial(order_id=ref, lines=parse_quantities(quantities, "lines"))
        say(action, perform(cli, action, command)[1], as_json)

    return transfer
