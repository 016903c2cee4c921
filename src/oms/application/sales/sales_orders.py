"""Sales order use cases: create (and place: create and confirm at once) and edit, confirm (reserve), hold, release,
cancel, issue goods, complete."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from operator import attrgetter
from typing import ClassVar

from attrs import field, frozen

from oms.application.masterdata.lookups import warehouse_by_code
from oms.application.sales.documents import (
    AddLine,
    CreateSalesDocument,
    LineEditing,
    RemoveLine,
    UpdateLine,
    new_document,
)
from oms.application.shared.commands import Command, Handlers, to_percent, to_quantity
from oms.application.shared.documents import find, next_number
from oms.application.stock.holds import held_by_others
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.discounts import Discount
from oms.domain.shared.errors import refuse
from oms.domain.shared.ids import DocumentType
from oms.domain.shared.items import check_quantity, unit_of_measure
from oms.domain.stock.reservations import Inventory
from oms.ports.sales.repositories import SalesUnitOfWork
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef

KIND = "sales_order"


@frozen(kw_only=True)
class CreateSalesOrder(CreateSalesDocument):
    """A draft sales order; returns its id. With `confirm` it is confirmed at once, in the same transaction (the
    shop front's checkout): the order exists with its stock reserved, or nothing exists and the error says why."""

    numbered: ClassVar[tuple[DocumentType, ...]] = (DocumentType.SALES_ORDER,)
    allow_backorder: bool = False
    over_delivery_percent: Decimal = field(default=Decimal(0), converter=to_percent)
    customer_reference: str = ""
    confirm: bool = False


@frozen(kw_only=True)
class AddOrderLine(AddLine):
    """Returns the new line's id. `order_id` takes the id or the number, as every order command does."""

    order_id: DocumentRef


@frozen(kw_only=True)
class UpdateOrderLine(UpdateLine):
    order_id: DocumentRef


@frozen(kw_only=True)
class RemoveOrderLine(RemoveLine):
    order_id: DocumentRef


@frozen(kw_only=True)
class SetOrderDiscount(Command[None]):
    """Set or clear (None) a draft's order discount."""

    order_id: DocumentRef
    discount: Discount | None


@frozen(kw_only=True)
class ConfirmSalesOrder(Command[None]):
    order_id: DocumentRef


@frozen(kw_only=True)
class ReserveBackorders(Command[Decimal]):
    """Reserve stock that has arrived for what an order could not reserve; returns the quantity reserved."""

    order_id: DocumentRef


@frozen(kw_only=True)
class HoldSalesOrder(Command[None]):
    order_id: DocumentRef
    reason: str = ""


@frozen(kw_only=True)
class ReleaseSalesOrder(Command[None]):
    order_id: DocumentRef
    reason: str = ""


@frozen(kw_only=True)
class CancelSalesOrder(Command[None]):
    order_id: DocumentRef
    reason: str = ""


@frozen(kw_only=True)
class IssueLine:
    line_id: str
    quantity: Decimal = field(converter=to_quantity)


@frozen(kw_only=True)
class IssueGoods(Command[str]):
    """Ship quantities of an order's lines from one warehouse; returns the goods issue number (GI-000001)."""

    order_id: DocumentRef
    warehouse_code: str
    lines: tuple[IssueLine, ...]


@frozen(kw_only=True)
class CompleteSalesOrder(Command[None]):
    """Complete an issued order, or close a partially issued one short (a reason is then required)."""

    order_id: DocumentRef
    reason: str = ""


def order_by_ref(uow: SalesUnitOfWork, ref: DocumentRef) -> SalesOrder:
    return find(uow.sales.orders, ref, KIND)


def load_inventory(uow: SalesUnitOfWork, order: SalesOrder, extra_warehouse: str | None = None, *,
                   at: datetime | None = None, holder: str | None = None) -> Inventory:
    """The stock levels an order may touch: its products in its branch's warehouses (by priority), plus any
    warehouse it holds reservations in or ships from. Loading them in one call lets SQL stores lock in order.
    With `at` (a command that reserves), what carts other than `holder` hold unexpired then is not available.
    An order of services alone touches no stock: nothing is read."""
    products = order.product_ids()
    others = {r.warehouse_id for r in order.reservations} | ({extra_warehouse} if extra_warehouse else set())
    if not products and not others:
        return Inventory({}, [], {})
    priority = [w.id for w in uow.masterdata.warehouses.for_branch(order.branch_id)]
    warehouse_ids = [*priority, *sorted(others - set(priority))]
    levels = uow.stock.levels(products, warehouse_ids) if products else []
    held = held_by_others(uow, order.branch_id, products, holder, at) if at is not None else {}
    return Inventory({(level.product_id, level.warehouse_id): level for level in levels}, priority, held)


def create_sales_order(cmd: CreateSalesOrder, uow: SalesUnitOfWork, clock: Clock) -> str:
    now = clock.now()
    order = new_document(uow, cmd, DocumentType.SALES_ORDER, now, SalesOrder, allow_backorder=cmd.allow_backorder,
                         over_delivery_percent=cmd.over_delivery_percent,
                         customer_reference=cmd.customer_reference)
    if cmd.confirm:
        order.confirm(load_inventory(uow, order, at=now), now, cmd.actor)
    uow.sales.orders.add(order)
    return order.id


def set_order_discount(cmd: SetOrderDiscount, uow: SalesUnitOfWork, clock: Clock) -> None:
    order_by_ref(uow, cmd.order_id).set_order_discount(cmd.discount)


def confirm_sales_order(cmd: ConfirmSalesOrder, uow: SalesUnitOfWork, clock: Clock) -> None:
    order = order_by_ref(uow, cmd.order_id)
    now = clock.now()
    order.confirm(load_inventory(uow, order, at=now), now, cmd.actor)


def reserve_backorders(cmd: ReserveBackorders, uow: SalesUnitOfWork, clock: Clock) -> Decimal:
    order = order_by_ref(uow, cmd.order_id)
    now = clock.now()
    return order.reserve_backorders(load_inventory(uow, order, at=now), now)


def hold_sales_order(cmd: HoldSalesOrder, uow: SalesUnitOfWork, clock: Clock) -> None:
    order_by_ref(uow, cmd.order_id).hold(clock.now(), cmd.actor, cmd.reason)


def release_sales_order(cmd: ReleaseSalesOrder, uow: SalesUnitOfWork, clock: Clock) -> None:
    order_by_ref(uow, cmd.order_id).release(clock.now(), cmd.actor, cmd.reason)


def cancel_sales_order(cmd: CancelSalesOrder, uow: SalesUnitOfWork, clock: Clock) -> None:
    order = order_by_ref(uow, cmd.order_id)
    order.cancel(load_inventory(uow, order), clock.now(), cmd.actor, cmd.reason)


def issue_goods(cmd: IssueGoods, uow: SalesUnitOfWork, clock: Clock) -> str:
    order = order_by_ref(uow, cmd.order_id)
    warehouse = warehouse_by_code(uow, cmd.warehouse_code, "warehouse_code")
    if warehouse.branch_id != order.branch_id:
        raise refuse("WarehouseMustBelongToBranch",
                     f"warehouse {warehouse.code} does not belong to the branch of {order.number}")
    number = next_number(uow, DocumentType.GOODS_ISSUE)
    order.issue_goods(number=number, warehouse_id=warehouse.id, quantities=_quantities(order, cmd.lines),
                      inventory=load_inventory(uow, order, warehouse.id), at=clock.now(), actor=cmd.actor)
    return number


def _quantities(order: SalesOrder, entries: tuple[IssueLine, ...]) -> dict[str, Decimal]:
    """The quantity to issue of each line: the entries naming it add up. Each entry is checked as given, so an
    error names the entry at fault (`lines[1].quantity`) even when a line is given twice."""
    quantities: dict[str, Decimal] = {}
    for index, entry in enumerate(entries):
        line = order.line(entry.line_id, f"lines[{index}].line_id")
        check_quantity(entry.quantity, unit_of_measure(line.uom), f"lines[{index}].quantity")
        quantities[line.id] = quantities.get(line.id, Decimal(0)) + entry.quantity
    return quantities


def complete_sales_order(cmd: CompleteSalesOrder, uow: SalesUnitOfWork, clock: Clock) -> None:
    order = order_by_ref(uow, cmd.order_id)
    order.complete(load_inventory(uow, order), clock.now(), cmd.actor, cmd.reason)


LINES: LineEditing[SalesOrder] = LineEditing(lambda uow: uow.sales.orders, KIND, attrgetter("order_id"))

HANDLERS: Handlers = {
    CreateSalesOrder: create_sales_order,
    **LINES.handlers(AddOrderLine, UpdateOrderLine, RemoveOrderLine),
    SetOrderDiscount: set_order_discount,
    ConfirmSalesOrder: confirm_sales_order,
    ReserveBackorders: reserve_backorders,
    HoldSalesOrder: hold_sales_order,
    ReleaseSalesOrder: release_sales_order,
    CancelSalesOrder: cancel_sales_order,
    IssueGoods: issue_goods,
    CompleteSalesOrder: complete_sales_order,
}
