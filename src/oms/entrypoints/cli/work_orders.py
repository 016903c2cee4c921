"""`oms wo ...`: production work orders. `output` and `transfer` (their `SKU=QTY` quantities), the list and the
events of an order are written by hand; `show` prints the order with its components and outputs (see
`production_views`); the other commands come from the action table (see `actions`)."""

from __future__ import annotations

from datetime import datetime

import click

from oms.application.production import work_orders as w
from oms.application.production.actions import WORK_ORDER
from oms.application.production.listings import work_order_page
from oms.application.shared.actions import Action
from oms.domain.production.records import WorkOrderStatus
from oms.domain.shared.errors import InvalidValue
from oms.entrypoints.cli.actions import hand_written, perform, say
from oms.entrypoints.cli.document_events import events_command
from oms.entrypoints.cli.paging import paging_options
from oms.entrypoints.cli.support import (
    CliContext,
    fail,
    json_option,
    pass_cli,
    print_json,
    print_next_page,
    print_table,
    text,
)


@click.group("wo")
def wo() -> None:
    """Production work orders: released against stock, outputs reported into stock consuming their components, closed
    done or short."""


events_command(wo, WORK_ORDER, w.work_order_by_ref)


@wo.command("list", help="List work orders, newest first, a page at a time.")
@click.option("--status", "status", multiple=True, type=click.Choice([s.value for s in WorkOrderStatus]),
              help="Repeat for any of several.")
@click.option("--warehouse", help="Warehouse code.")
@click.option("--sku", help="Making this product.")
@click.option("--sales-order", help="Made for this sales order (its number).")
@click.option("--search", help="A part of the number or of the SKU, in any case.")
@paging_options("newest")
@json_option
@pass_cli
def list_work_orders(cli: CliContext, /, status: tuple[str, ...], warehouse: str | None, sku: str | None,
                     sales_order: str | None, search: str | None, created_from: datetime | None,
                     created_until: datetime | None, limit: int, order: str, cursor: str | None,
                     as_json: bool) -> None:
    found = cli.system.read(work_order_page, cli.runtime.listings, statuses=status, warehouse_code=warehouse,
                            sku=sku, sales_order=sales_order, created_from=created_from, created_until=created_until,
                            search=search, newest_first=order == "newest", limit=limit, cursor=cursor)
    if as_json:
        print_json(found)
        return
    print_table(["number", "status", "sku", "made", "quantity", "warehouse", "for", "created"],
                [[i.number, i.status, i.sku, i.produced, i.quantity, i.warehouse_code,
                  i.sales_order_number or i.parent_number or "-", i.created_at] for i in found.items])
    print_next_page(found.next_cursor)


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
