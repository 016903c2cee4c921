"""`oms service ...`: service work orders. `log` (the day defaults to today) is written by hand, as are the events of
an order; the commands on a labour line or a milestone are the generated ones, naming it by its number (#, as
`oms service show` lists them) or its id; the others come from the action table (see `actions`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import click

from oms.application.production import service_orders as s
from oms.application.production.actions import SERVICE_ORDER
from oms.application.production.listings import service_order_page
from oms.application.production.queries import show_service_order
from oms.application.shared.actions import Action
from oms.domain.production.service_orders import ServiceOrderStatus
from oms.entrypoints.cli.actions import generated_command, hand_written, perform, say
from oms.entrypoints.cli.document_events import events_command
from oms.entrypoints.cli.paging import paging_options
from oms.entrypoints.cli.support import (
    ISO_DATE,
    CliContext,
    json_option,
    pass_cli,
    print_json,
    print_next_page,
    print_table,
    text,
)


@click.group("service")
def service() -> None:
    """Service work orders: scheduled with a technician, hours logged and approved, invoiced by their policy."""


events_command(service, SERVICE_ORDER, s.service_order_by_ref)


@service.command("list", help="List service orders, newest first, a page at a time, with what each has to invoice.")
@click.option("--status", "status", multiple=True, type=click.Choice([status.value for status in ServiceOrderStatus]),
              help="Repeat for any of several.")
@click.option("--sku", help="Of this service.")
@click.option("--technician", help="Scheduled with this technician (the name, in any case).")
@click.option("--customer", help="Customer code.")
@click.option("--sales-order", help="For a line of this sales order (its number).")
@click.option("--search", help="A part of the number or of the SKU, in any case.")
@paging_options("newest")
@json_option
@pass_cli
def list_service_orders(cli: CliContext, /, status: tuple[str, ...], sku: str | None, technician: str | None,
                        customer: str | None, sales_order: str | None, search: str | None,
                        created_from: datetime | None, created_until: datetime | None, limit: int, order: str,
                        cursor: str | None, as_json: bool) -> None:
    found = cli.system.read(service_order_page, cli.runtime.listings, statuses=status, sku=sku,
                            technician=technician, customer_code=customer, sales_order=sales_order,
                            created_from=created_from, created_until=created_until, search=search,
                            newest_first=order == "newest", limit=limit, cursor=cursor)
    if as_json:
        print_json(found)
        return
    print_table(["number", "status", "sku", "policy", "technician", "customer", "delivered", "to invoice", "amount",
                 "currency", "created"],
                [[i.number, i.status, i.sku, i.policy, i.technician or "-", i.customer_code or "-", i.delivered,
                  i.to_invoice, i.amount_to_invoice, i.amount_to_invoice.currency.code, i.created_at]
                 for i in found.items])
    print_next_page(found.next_cursor)


@hand_written(SERVICE_ORDER, "log")
def log_command(action: Action) -> click.Command:
    @click.command("log", help=f"{action.summary} on the order. `oms service log WO-000002 --person Ada --hours 4`.",
                   short_help=action.summary)
    @click.argument("ref")
    @click.option("--person", required=True, help="Who worked.")
    @click.option("--hours", required=True, metavar="DECIMAL", help="How many hours.")
    @click.option("--day", type=ISO_DATE, help="The day worked. Default: today.")
    @click.option("--billable/--no-billable", default=True, show_default=True, help="Whether the customer pays.")
    @json_option
    @pass_cli
    def log(cli: CliContext, /, ref: str, person: str, hours: str, day: date | None, billable: bool,
            as_json: bool) -> None:
        command = s.LogLabour(order_id=ref, person=person, day=day or cli.system.bus.clock.now().date(), hours=hours,
                              billable=billable)
        line_id, answer = perform(cli, action, command)
        if as_json:
            say(action, answer, as_json)
            return
        number = [line.id for line in answer.labour].index(line_id) + 1
        click.echo(f"labour line {number} logged: {text(command.hours)} h by {person} on "
                   f"{command.day.isoformat()}  (id {line_id})")
        say(action, answer, as_json)

    return log


def _by_number(field: str, metavar: str, listed: Callable[[Any], list[Any]]) -> Callable[[Action], click.Command]:
    """The generated command of an action on an item of a service order (`field` its id, given as `metavar`), taking
    the item's number (#, in the order `listed` gives them in the view) as well as its id."""
    def make(action: Action) -> click.Command:
        command = generated_command(action)
        generated = command.callback
        assert generated is not None

        def run(**given: Any) -> None:
            cli = click.get_current_context().find_object(CliContext)
            assert cli is not None
            items = listed(cli.system.read(show_service_order, given["order_id"]))
            numbered = {str(number): item.id for number, item in enumerate(items, 1)}
            given[field] = numbered.get(given[field], given[field])  # no such number: an id, or not found
            generated(**given)

        command.callback = run
        command.help = f"{action.summary}. {metavar} is its number (#) in `oms service show`, or its id."
        return command

    return make


for name in ("approve", "update-labour", "remove-labour"):
    hand_written(SERVICE_ORDER, name)(_by_number("line_id", "LINE", lambda view: view.labour))
hand_written(SERVICE_ORDER, "reach-milestone")(_by_number("milestone_id", "MILESTONE_ID",
                                                          lambda view: view.milestones))
