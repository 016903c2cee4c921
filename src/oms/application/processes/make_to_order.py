"""Make to order: a process across sales and production (neither context knows the other).

- `MakeToOrder` makes the work order of a stocked line of a confirmed sales order that allows backorders: the line's
  backordered quantity (neither issued nor reserved) less what its open work orders still have to make (so asking
  twice never makes the line twice: `LineIsBeingMade`), made in a warehouse of the order's branch (its first by
  priority unless told), released at once, linked to the line;
- when such a work order reports an output, the sales order reserves its backorders in the same transaction, so the
  order's reservation takes the units made (`take_output`, an in-transaction policy on `OutputReported`).
"""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from oms.application.masterdata.lookups import warehouse_by_code
from oms.application.production.actions import WORK_ORDER
from oms.application.production.work_orders import add_work_order, levels_of
from oms.application.sales.actions import SALES_ORDER
from oms.application.sales.sales_orders import load_inventory
from oms.application.shared.actions import Action
from oms.application.shared.commands import Command, Handlers
from oms.application.shared.documents import find
from oms.domain.access.tokens import Role
from oms.domain.production.events import OutputReported
from oms.domain.production.records import OPEN
from oms.domain.sales.sales_order import ISSUABLE
from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.events import DomainEvent
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef
from oms.ports.unit_of_work import UnitOfWork


@frozen(kw_only=True)
class MakeToOrder(Command[str]):
    """Make what a line of a confirmed order has backordered, in a warehouse of its branch; returns the released
    work order's id."""

    order_id: DocumentRef
    line_id: str
    warehouse_code: str | None = None


def make_to_order(cmd: MakeToOrder, uow: UnitOfWork, clock: Clock) -> str:
    order = find(uow.sales.orders, cmd.order_id, "sales order")
    line = order.line(cmd.line_id)
    if order.status not in ISSUABLE:
        raise refuse("SalesOrderMustBeConfirmed", f"{order.number} is {order.status}")
    backordered = order.backordered(line)
    if backordered <= 0:
        raise refuse("NothingBackordered", f"line {line.position} ({line.sku}) of {order.number} has nothing "
                     "backordered")
    making = [w for w in uow.production.work_orders.made_for(order.id)
              if w.sales_line_id == line.id and w.status in OPEN]
    quantity = backordered - sum((max(w.quantity - w.produced, Decimal(0)) for w in making), Decimal(0))
    if quantity <= 0:
        raise refuse("LineIsBeingMade", f"line {line.position} ({line.sku}) of {order.number}: its {backordered} "
                     f"backordered are being made by {', '.join(w.number for w in making)}")
    branch_warehouses = uow.masterdata.warehouses.for_branch(order.branch_id)
    if cmd.warehouse_code is None:
        warehouse = branch_warehouses[0]
    else:
        warehouse = warehouse_by_code(uow, cmd.warehouse_code, "warehouse_code")
        if warehouse.id not in {w.id for w in branch_warehouses}:
            raise InvalidValue("warehouse_code", f"{warehouse.code} is not a warehouse of the order's branch")
    work_order = add_work_order(uow, line.sku, quantity, warehouse.id, clock, sales_order_id=order.id,
                                sales_line_id=line.id)
    work_order.release(levels_of(uow, work_order), clock.now(), cmd.actor)
    return work_order.id


def take_output(uow: UnitOfWork, event: DomainEvent) -> None:
    """An output of a work order made to order: the sales order reserves its backorders from the stock now there."""
    assert isinstance(event, OutputReported)
    work_order = uow.production.work_orders.get(event.aggregate_id)
    if work_order.sales_order_id is None:
        return
    order = uow.sales.orders.get(work_order.sales_order_id)
    if order.status in ISSUABLE:
        order.reserve_backorders(load_inventory(uow, order, at=event.occurred_at), event.occurred_at)


HANDLERS: Handlers = {MakeToOrder: make_to_order}

ACTIONS = [
    Action(SALES_ORDER, "make", MakeToOrder, Role.CLERK,
           "Make a line's backordered quantity: a released work order linked to the line", path="work-orders",
           status=201, creates=WORK_ORDER, operation="make_to_order", arguments=("line_id",), when=ISSUABLE),
]
