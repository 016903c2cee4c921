"""Sales order use cases: create and edit, confirm (reserve), hold, release, cancel, issue goods, complete."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lines import LineInput, line_draft, line_drafts
from oms.application.masterdata.lookups import parties, warehouse_by_code
from oms.application.shared.commands import (
    Command,
    Handlers,
    to_optional_price,
    to_optional_quantity,
    to_percent,
    to_quantity,
)
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.discounts import Discount
from oms.domain.shared.errors import refuse
from oms.domain.shared.ids import DocumentType, document_number, new_id
from oms.domain.shared.tax import TaxRounding
from oms.domain.stock.reservations import Inventory
from oms.ports.shared.clock import Clock
from oms.ports.unit_of_work import UnitOfWork


@frozen(kw_only=True)
class CreateSalesOrder(Command[str]):
    """A draft sales order; returns its id."""

    customer_code: str
    branch_code: str
    lines: tuple[LineInput, ...] = ()
    prices_include_tax: bool = False
    tax_rounding: TaxRounding = TaxRounding.PER_LINE
    order_discount: Discount | None = None
    allow_backorder: bool = False
    over_delivery_percent: Decimal = field(default=Decimal(0), converter=to_percent)
    customer_reference: str = ""


@frozen(kw_only=True)
class AddOrderLine(Command[str]):
    """Returns the new line's id. `order_id` takes the id or the number, as every order command does."""

    order_id: str
    line: LineInput


@frozen(kw_only=True)
class UpdateOrderLine(Command[None]):
    order_id: str
    line_id: str
    quantity: Decimal | None = field(default=None, converter=to_optional_quantity)
    unit_price: Decimal | None = field(default=None, converter=to_optional_price)
    discount: Discount | None = None
    clear_discount: bool = False


@frozen(kw_only=True)
class RemoveOrderLine(Command[None]):
    order_id: str
    line_id: str


@frozen(kw_only=True)
class SetOrderDiscount(Command[None]):
    order_id: str
    discount: Discount | None


@frozen(kw_only=True)
class ConfirmSalesOrder(Command[None]):
    order_id: str


@frozen(kw_only=True)
class ReserveBackorders(Command[Decimal]):
    """Reserve stock that has arrived for what an order could not reserve; returns the quantity reserved."""

    order_id: str


@frozen(kw_only=True)
class HoldSalesOrder(Command[None]):
    order_id: str
    reason: str = ""


@frozen(kw_only=True)
class ReleaseSalesOrder(Command[None]):
    order_id: str
    reason: str = ""


@frozen(kw_only=True)
class CancelSalesOrder(Command[None]):
    order_id: str
    reason: str = ""


@frozen(kw_only=True)
class IssueLine:
    line_id: str
    quantity: Decimal = field(converter=to_quantity)


@frozen(kw_only=True)
class IssueGoods(Command[str]):
    """Ship quantities of an order's lines from one warehouse; returns the goods issue number (GI-000001)."""

    order_id: str
    warehouse_code: str
    lines: tuple[IssueLine, ...]


@frozen(kw_only=True)
class CompleteSalesOrder(Command[None]):
    """Complete an issued order, or close a partially issued one short (a reason is then required)."""

    order_id: str
    reason: str = ""


def order_by_ref(uow: UnitOfWork, ref: str) -> SalesOrder:
    if "-" not in ref:  # numbers read SO-000001, Q-000001-R2; oms's own ids have no hyphen
        return uow.sales_orders.get(ref)
    return uow.sales_orders.by_number(ref) or uow.sales_orders.get(ref)


def load_inventory(uow: UnitOfWork, order: SalesOrder, extra_warehouse: str | None = None) -> Inventory:
    """The stock levels an order may touch: its products in its branch's warehouses (by priority), plus any
    warehouse it holds reservations in or ships from. Loading them in one call lets SQL stores lock in order."""
    priority = [w.id for w in uow.warehouses.for_branch(order.branch_id)]
    others = {r.warehouse_id for r in order.reservations} | ({extra_warehouse} if extra_warehouse else set())
    warehouse_ids = [*priority, *sorted(others - set(priority))]
    levels = uow.stock.levels(order.product_ids(), warehouse_ids) if order.product_ids() else []
    return Inventory({(level.product_id, level.warehouse_id): level for level in levels}, priority)


def create_sales_order(cmd: CreateSalesOrder, uow: UnitOfWork, clock: Clock) -> str:
    with uow:
        customer, branch = parties(uow, cmd.customer_code, cmd.branch_code)
        number = document_number(DocumentType.SALES_ORDER, uow.sequences.next_value(DocumentType.SALES_ORDER))
        order = SalesOrder(
            id=new_id(), number=number, customer_id=customer.id, branch_id=branch.id, currency=branch.currency,
            created_at=clock.now(), tax_exempt=customer.tax_exempt, prices_include_tax=cmd.prices_include_tax,
            tax_rounding=cmd.tax_rounding, order_discount=cmd.order_discount, allow_backorder=cmd.allow_backorder,
            over_delivery_percent=cmd.over_delivery_percent, customer_reference=cmd.customer_reference,
        )
        for draft in line_drafts(uow, branch, cmd.lines):
            order.add_line(draft)
        uow.sales_orders.add(order)
        uow.commit()
        return order.id


def add_order_line(cmd: AddOrderLine, uow: UnitOfWork, clock: Clock) -> str:
    with uow:
        order = order_by_ref(uow, cmd.order_id)
        line = order.add_line(line_draft(uow, uow.branches.get(order.branch_id), cmd.line))
        uow.commit()
        return line.id


def update_order_line(cmd: UpdateOrderLine, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        order_by_ref(uow, cmd.order_id).update_line(cmd.line_id, quantity=cmd.quantity, unit_price=cmd.unit_price,
                                                    discount=cmd.discount, clear_discount=cmd.clear_discount)
        uow.commit()


def remove_order_line(cmd: RemoveOrderLine, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        order_by_ref(uow, cmd.order_id).remove_line(cmd.line_id)
        uow.commit()


def set_order_discount(cmd: SetOrderDiscount, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        order_by_ref(uow, cmd.order_id).set_order_discount(cmd.discount)
        uow.commit()


def confirm_sales_order(cmd: ConfirmSalesOrder, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        order = order_by_ref(uow, cmd.order_id)
        order.confirm(load_inventory(uow, order), clock.now(), cmd.actor)
        uow.commit()


def reserve_backorders(cmd: ReserveBackorders, uow: UnitOfWork, clock: Clock) -> Decimal:
    with uow:
        order = order_by_ref(uow, cmd.order_id)
        reserved = order.reserve_backorders(load_inventory(uow, order), clock.now())
        uow.commit()
        return reserved


def hold_sales_order(cmd: HoldSalesOrder, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        order_by_ref(uow, cmd.order_id).hold(clock.now(), cmd.actor, cmd.reason)
        uow.commit()


def release_sales_order(cmd: ReleaseSalesOrder, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        order_by_ref(uow, cmd.order_id).release(clock.now(), cmd.actor, cmd.reason)
        uow.commit()


def cancel_sales_order(cmd: CancelSalesOrder, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        order = order_by_ref(uow, cmd.order_id)
        order.cancel(load_inventory(uow, order), clock.now(), cmd.actor, cmd.reason)
        uow.commit()


def issue_goods(cmd: IssueGoods, uow: UnitOfWork, clock: Clock) -> str:
    with uow:
        order = order_by_ref(uow, cmd.order_id)
        warehouse = warehouse_by_code(uow, cmd.warehouse_code)
        if warehouse.branch_id != order.branch_id:
            raise refuse("WarehouseMustBelongToBranch",
                         f"warehouse {warehouse.code} does not belong to the branch of {order.number}")
        quantities: dict[str, Decimal] = {}
        for line in cmd.lines:
            quantities[line.line_id] = quantities.get(line.line_id, Decimal(0)) + line.quantity
        number = document_number(DocumentType.GOODS_ISSUE, uow.sequences.next_value(DocumentType.GOODS_ISSUE))
        order.issue_goods(number=number, warehouse_id=warehouse.id, quantities=quantities,
                          inventory=load_inventory(uow, order, warehouse.id), at=clock.now(), actor=cmd.actor)
        uow.commit()
        return number


def complete_sales_order(cmd: CompleteSalesOrder, uow: UnitOfWork, clock: Clock) -> None:
    with uow:
        order = order_by_ref(uow, cmd.order_id)
        order.complete(load_inventory(uow, order), clock.now(), cmd.actor, cmd.reason)
        uow.commit()


HANDLERS: Handlers = {
    CreateSalesOrder: create_sales_order,
    AddOrderLine: add_order_line,
    UpdateOrderLine: update_order_line,
    RemoveOrderLine: remove_order_line,
    SetOrderDiscount: set_order_discount,
    ConfirmSalesOrder: confirm_sales_order,
    ReserveBackorders: reserve_backorders,
    HoldSalesOrder: hold_sales_order,
    ReleaseSalesOrder: release_sales_order,
    CancelSalesOrder: cancel_sales_order,
    IssueGoods: issue_goods,
    CompleteSalesOrder: complete_sales_order,
}
