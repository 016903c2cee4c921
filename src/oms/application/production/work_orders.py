"""Production work order use cases: create (with child orders for stocked sub-assemblies), release, reserve what
arrived, report an output, close, cancel. Each loads the order first (on SQL stores its row is locked until the
commit), then the stock levels of its products in its warehouse, in (product, warehouse) order, as sales does."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lookups import product_by_sku, warehouse_by_code
from oms.application.production.boms import bom_revision
from oms.application.shared.commands import Command, Handlers
from oms.application.shared.documents import find, next_number
from oms.domain.production.records import OPEN, BackflushBasis
from oms.domain.production.requirements import explode
from oms.domain.production.work_orders import WorkOrder
from oms.domain.shared.errors import refuse
from oms.domain.shared.ids import DocumentType, new_id
from oms.domain.shared.money import to_decimal
from oms.domain.stock.levels import StockLevel
from oms.ports.production.repositories import ProductionUnitOfWork
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef

KIND = "work_order"


def _quantity(value: object) -> Decimal:
    return to_decimal(value, "quantity")


def _tolerance(value: object) -> Decimal:
    return to_decimal(value, "overproduction_percent")


@frozen(kw_only=True)
class CreateWorkOrder(Command[str]):
    """A draft work order making `quantity` of product `sku` by its active BOM in a warehouse, with an
    over-production tolerance; each stocked sub-assembly gets a child work order for what the order needs of it.
    Outputs backflush by the BOM, or a share of the material transferred to the order (`backflush`). Released at
    once (components reserved) if `release`. Returns the order's id."""

    sku: str
    quantity: Decimal = field(converter=_quantity)
    warehouse_code: str
    overproduction_percent: Decimal = field(default=Decimal(0), converter=_tolerance)
    backflush: BackflushBasis = BackflushBasis.BOM
    release: bool = False


@frozen(kw_only=True)
class ReleaseWorkOrder(Command[None]):
    """Release a draft for production: its components are reserved as far as stock allows (what is missing shows)."""

    order_id: DocumentRef


@frozen(kw_only=True)
class ReserveMissingComponents(Command[Decimal]):
    """Reserve for an open order what is missing of its components from what is available now; returns how much."""

    order_id: DocumentRef


@frozen(kw_only=True)
class ConsumedInput:
    sku: str
    quantity: Decimal = field(converter=_quantity)


@frozen(kw_only=True)
class TransferMaterial(Command[None]):
    """Transfer material of components to an open order: held for it (beyond its requirement if need be), what a
    backflush by transferred quantities shares out."""

    order_id: DocumentRef
    lines: tuple[ConsumedInput, ...]


@frozen(kw_only=True)
class ReportOutput(Command[str]):
    """Put `quantity` good units made into stock, consuming their components: backflushed by the BOM, or as
    `consumed` says (the BOM's consumption mode judges a difference). Returns the output's reference."""

    order_id: DocumentRef
    quantity: Decimal = field(converter=_quantity)
    consumed: tuple[ConsumedInput, ...] | None = None


@frozen(kw_only=True)
class CloseWorkOrder(Command[None]):
    """Close an order: done once its quantity is made, else closed short (a reason is needed); its open
    reservations are released."""

    order_id: DocumentRef
    reason: str = ""


@frozen(kw_only=True)
class CancelWorkOrder(Command[None]):
    """Cancel an order nothing was made or consumed of; its reservations are released."""

    order_id: DocumentRef
    reason: str = ""


def work_order_by_ref(uow: ProductionUnitOfWork, ref: DocumentRef) -> WorkOrder:
    return find(uow.production.work_orders, ref, KIND)


def levels_of(uow: ProductionUnitOfWork, *orders: WorkOrder) -> dict[str, StockLevel]:
    """The stock levels of the orders' products in their warehouse (one warehouse: theirs), locked in order."""
    products = sorted({p for order in orders for p in order.product_ids()})
    return {level.product_id: level for level in uow.stock.levels(products, [orders[0].warehouse_id])}


def add_work_order(uow: ProductionUnitOfWork, sku: str, quantity: Decimal, warehouse_id: str, clock: Clock, *,
                   tolerance: Decimal = Decimal(0), backflush: BackflushBasis = BackflushBasis.BOM,
                   parent_id: str | None = None,
                   sales_order_id: str | None = None, sales_line_id: str | None = None) -> WorkOrder:
    """A new numbered draft work order by the product's active BOM, in the warehouse's branch currency, kept in the
    unit of work with the child orders of its stocked sub-assemblies."""
    bom = bom_revision(uow, sku)
    warehouse = uow.masterdata.warehouses.get(warehouse_id)
    order = WorkOrder.from_bom(bom, explode(bom, uow.production.boms.active), id=new_id(),
                               number=next_number(uow, DocumentType.WORK_ORDER), quantity=quantity,
                               warehouse_id=warehouse_id, currency=uow.masterdata.branches.get(
                                   warehouse.branch_id).currency, at=clock.now(),
                               overproduction_percent=tolerance, backflush=backflush, parent_id=parent_id,
                               sales_order_id=sales_order_id, sales_line_id=sales_line_id)
    uow.production.work_orders.add(order)
    for component in order.subassemblies():
        add_work_order(uow, component.sku, component.required, warehouse_id, clock, parent_id=order.id)
    return order


def create_work_order(cmd: CreateWorkOrder, uow: ProductionUnitOfWork, clock: Clock) -> str:
    product = product_by_sku(uow, cmd.sku, "sku")
    if not product.kind.tracks_stock:
        raise refuse("ProductMustBeStocked", f"{product.sku} is {product.kind}: work orders make stocked products "
                     "(a kit is made inline, by the orders of the products it is part of)")
    warehouse = warehouse_by_code(uow, cmd.warehouse_code, "warehouse_code")
    order = add_work_order(uow, cmd.sku, cmd.quantity, warehouse.id, clock, tolerance=cmd.overproduction_percent,
                           backflush=cmd.backflush)
    if cmd.release:
        order.release(levels_of(uow, order), clock.now(), cmd.actor)
    return order.id


def release_work_order(cmd: ReleaseWorkOrder, uow: ProductionUnitOfWork, clock: Clock) -> None:
    order = work_order_by_ref(uow, cmd.order_id)
    order.release(levels_of(uow, order), clock.now(), cmd.actor)


def reserve_missing_components(cmd: ReserveMissingComponents, uow: ProductionUnitOfWork, clock: Clock) -> Decimal:
    order = work_order_by_ref(uow, cmd.order_id)
    return order.reserve_missing(levels_of(uow, order), clock.now())


def _by_product(uow: ProductionUnitOfWork, lines: tuple[ConsumedInput, ...], field_name: str) -> dict[str, Decimal]:
    return {product_by_sku(uow, line.sku, f"{field_name}[{index}].sku").id: line.quantity
            for index, line in enumerate(lines)}


def transfer_material(cmd: TransferMaterial, uow: ProductionUnitOfWork, clock: Clock) -> None:
    order = work_order_by_ref(uow, cmd.order_id)
    order.transfer(_by_product(uow, cmd.lines, "lines"), levels_of(uow, order), clock.now(), cmd.actor)


def report_output(cmd: ReportOutput, uow: ProductionUnitOfWork, clock: Clock) -> str:
    """An output; the order it makes a sub-assembly for (if open) then reserves what it made."""
    order = work_order_by_ref(uow, cmd.order_id)
    parent = uow.production.work_orders.get(order.parent_id) if order.parent_id else None
    if parent is not None and parent.status not in OPEN:
        parent = None
    levels = levels_of(uow, order) if parent is None else levels_of(uow, order, parent)
    consumed = None if cmd.consumed is None else _by_product(uow, cmd.consumed, "consumed")
    output = order.report_output(cmd.quantity, levels, clock.now(), cmd.actor, consumed=consumed)
    if parent is not None:
        parent.reserve_missing(levels, clock.now())
    return output.reference


def close_work_order(cmd: CloseWorkOrder, uow: ProductionUnitOfWork, clock: Clock) -> None:
    order = work_order_by_ref(uow, cmd.order_id)
    order.close(levels_of(uow, order), clock.now(), cmd.actor, cmd.reason)


def cancel_work_order(cmd: CancelWorkOrder, uow: ProductionUnitOfWork, clock: Clock) -> None:
    order = work_order_by_ref(uow, cmd.order_id)
    order.cancel(levels_of(uow, order), clock.now(), cmd.actor, cmd.reason)


HANDLERS: Handlers = {
    CreateWorkOrder: create_work_order,
    ReleaseWorkOrder: release_work_order,
    ReserveMissingComponents: reserve_missing_components,
    TransferMaterial: transfer_material,
    ReportOutput: report_output,
    CloseWorkOrder: close_work_order,
    CancelWorkOrder: cancel_work_order,
}
