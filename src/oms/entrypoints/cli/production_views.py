"""How the CLI shows production's views as text: a BOM as an indented tree, a work order with its components,
outputs and costs, a service order with its hours and what is to invoice; and the one-line summary of each."""

from __future__ import annotations

from typing import Any

import click

from oms.application.production.views import BomNodeView, BomView, ServiceOrderView, WorkOrderView
from oms.entrypoints.cli.support import print_history, print_table, text
from oms.entrypoints.wording import plural

INDENT = "  "


def bom_summary(bom: BomView) -> str:
    """`TABLE revision 2 (active): makes 1 from 3 components, 1 operation, consumption strict  (id ...)`."""
    state = "active" if bom.active else "inactive"
    return (f"{bom.sku} revision {bom.revision} ({state}): makes {text(bom.output_quantity)} from "
            f"{plural(len(bom.components), 'component')}, {plural(len(bom.operations), 'operation')}, "
            f"consumption {bom.consumption}  (id {bom.id})")


def _tree(nodes: list[BomNodeView], depth: int = 0) -> list[list[Any]]:
    """A row per component, indented under the kit or sub-assembly whose own BOM it belongs to."""
    rows: list[list[Any]] = []
    for node in nodes:
        scrap = f"{text(node.scrap_percent)}%" if node.scrap_percent else ""
        rows.append([INDENT * depth + node.sku, text(node.quantity), scrap, node.kind])
        rows.extend(_tree(node.components, depth + 1))
    return rows


def print_bom(bom: BomView) -> None:
    """The BOM's components as a tree (a kit's and a sub-assembly's own components below them), then its
    operations; quantities are per output quantity of the BOM they belong to."""
    click.echo(bom_summary(bom))
    click.echo(f"overhead {text(bom.overhead_per_unit)} a unit made")
    click.echo("")
    print_table(["component", "quantity", "scrap", "kind"], _tree(bom.components))
    if bom.operations:
        click.echo("")
        print_table(["operation", "hours", "rate"],
                    [[op.name, text(op.hours), f"{text(op.rate)} {op.rate.currency.code}"] for op in bom.operations])


def work_order_summary(order: WorkOrderView) -> str:
    """`WO-000001 in_progress: 6 of 10 TABLE made in BER-1, 2 TOP missing  (id ...)`."""
    missing = ", ".join(f"{text(c.missing)} {c.sku}" for c in order.components if c.missing
                        and order.status != "draft")  # a draft reserves nothing yet: nothing is missing
    return (f"{order.number} {order.status}: {text(order.produced)} of {text(order.quantity)} {order.sku} made in "
            f"{order.warehouse_code}" + (f", {missing} missing" if missing else "") + f"  (id {order.id})")


def print_work_order(order: WorkOrderView) -> None:
    """The order, its components (required, reserved, consumed, missing), its outputs with their costs, the
    deviations recorded and its audit trail."""
    click.echo(work_order_summary(order))
    click.echo(f"consumption {order.consumption}, backflush by {order.backflush}, over-production up to "
               f"{text(order.overproduction_percent)}%")
    if order.parent_number or order.children:
        click.echo(f"for {order.parent_number or '-'}; sub-assemblies made by {', '.join(order.children) or '-'}")
    click.echo("")
    transfers = any(c.transferred for c in order.components)  # a column only for orders material was sent to
    print_table(["component", "kind", "required", "reserved", "consumed", "missing"] + ["transferred"] * transfers,
                [[c.sku, c.kind, text(c.required), text(c.reserved), text(c.consumed), text(c.missing)]
                 + [text(c.transferred)] * transfers for c in order.components])
    if order.outputs:
        click.echo("")
        print_table(["output", "quantity", "components", "labour", "overhead", "value", "unit cost", "currency",
                     "at", "who"],
                    [[o.reference, text(o.quantity), text(o.component_value), text(o.labour_value),
                      text(o.overhead_value), text(o.value), text(o.unit_cost), o.unit_cost.currency.code, o.at,
                      o.actor] for o in order.outputs])
    if order.deviations:
        click.echo("")
        print_table(["deviation in", "component", "expected", "consumed"],
                    [[d.output_reference, d.sku, text(d.expected), text(d.actual)] for d in order.deviations])
    print_history(order.history)


def service_order_summary(order: ServiceOrderView) -> str:
    """`WO-000002 in_progress: FIT, 10 at 50.00 EUR by delivered_hours; 4 delivered, 4 to invoice  (id ...)`."""
    price = order.unit_price
    return (f"{order.number} {order.status}: {order.sku}, {text(order.quantity)} at {text(price)} "
            f"{price.currency.code} by {order.policy}; {text(order.delivered)} delivered, {text(order.to_invoice)} "
            f"to invoice  (id {order.id})")


def print_service_order(order: ServiceOrderView) -> None:
    """The order, its technician and slot, its labour lines and milestones (numbered as the commands name them),
    what is delivered, invoiced and to invoice, and its audit trail."""
    click.echo(service_order_summary(order))
    slot = f", {text(order.slot_start)} to {text(order.slot_end)}" if order.slot_start else ""
    click.echo(f"technician {order.technician or '-'}{slot}")
    if order.labour:
        click.echo("")
        print_table(["#", "person", "day", "hours", "billable", "approved", "invoiced", "id"],
                    [[number, line.person, line.day, text(line.hours), text(line.billable), text(line.approved),
                      text(line.invoice_line_id is not None), line.id]
                     for number, line in enumerate(order.labour, 1)])
    if order.milestones:
        click.echo("")
        print_table(["#", "milestone", "quantity", "reached", "id"],
                    [[number, m.name, text(m.quantity), text(m.reached), m.id]
                     for number, m in enumerate(order.milestones, 1)])
    click.echo("")
    amount = order.amount_to_invoice
    click.echo(f"delivered {text(order.delivered)}, invoiced {text(order.invoiced)}, to invoice "
               f"{text(order.to_invoice)} ({text(amount)} {amount.currency.code})")
    print_history(order.history)
