"""Purchase order use cases: create and edit a draft, send, order (or submit for approval), approve, cancel, close
the open remainder, receive goods into a warehouse of the branch and return received goods to the supplier."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lines import LineInput, line_draft, line_drafts
from oms.application.masterdata.lookups import branch_by_code, warehouse_by_code
from oms.application.procurement.suppliers import exchange_rate, supplier_by_code
from oms.application.shared.commands import Command, Handlers, to_optional_price, to_optional_quantity, to_quantity
from oms.application.shared.documents import find, next_number
from oms.domain.masterdata.parties import Branch, Warehouse
from oms.domain.procurement.purchase_order import PurchaseOrder
from oms.domain.shared.discounts import Discount
from oms.domain.shared.errors import InvalidValue, refuse
from oms.domain.shared.ids import DocumentType, new_id
from oms.domain.shared.items import check_quantity, unit_of_measure
from oms.domain.shared.money import Currency
from oms.domain.shared.tax import TaxRounding
from oms.ports.procurement.repositories import ProcurementUnitOfWork
from oms.ports.shared.clock import Clock
from oms.ports.shared.documents import DocumentRef

KIND = "purchase_order"


@frozen(kw_only=True)
class CreatePurchaseOrder(Command[str]):
    """A draft purchase order from a supplier, in the supplier's currency, for a branch, received into a warehouse of
    the branch (its first by priority unless `warehouse_code` says), taxed as the branch's purchases are. Each line
    needs the supplier's `unit_price`. Returns the new order's id."""

    supplier_code: str
    branch_code: str
    warehouse_code: str | None = None
    lines: tuple[LineInput, ...] = ()
    supplier_reference: str = ""
    prices_include_tax: bool = False
    tax_rounding: TaxRounding = TaxRounding.PER_LINE
    order_discount: Discount | None = None


@frozen(kw_only=True)
class AddPurchaseOrderLine(Command[str]):
    """Add a line to a draft; returns the new line's id."""

    order_id: DocumentRef
    line: LineInput


@frozen(kw_only=True)
class UpdatePurchaseOrderLine(Command[None]):
    """Change a draft's line: its quantity, unit price or discount (`clear_discount` removes it)."""

    order_id: DocumentRef
    line_id: str
    quantity: Decimal | None = field(default=None, converter=to_optional_quantity)
    unit_price: Decimal | None = field(default=None, converter=to_optional_price)
    discount: Discount | None = None
    clear_discount: bool = False


@frozen(kw_only=True)
class RemovePurchaseOrderLine(Command[None]):
    order_id: DocumentRef
    line_id: str


@frozen(kw_only=True)
class SendPurchaseOrder(Command[None]):
    order_id: DocumentRef


@frozen(kw_only=True)
class PlacePurchaseOrder(Command[None]):
    """Order a draft or sent order from the supplier; at or above the branch's approval threshold it waits for a
    manager's approval instead (to_approve)."""

    order_id: DocumentRef


@frozen(kw_only=True)
class ApprovePurchaseOrder(Command[None]):
    order_id: DocumentRef


@frozen(kw_only=True)
class CancelPurchaseOrder(Command[None]):
    """Cancel an order nothing was received or billed of (otherwise close its open remainder)."""

    order_id: DocumentRef
    reason: str = ""


@frozen(kw_only=True)
class ClosePurchaseOrder(Command[None]):
    """Close the open remainder of an ordered order: nothing more will be received (a reason is needed unless all
    arrived)."""

    order_id: DocumentRef
    reason: str = ""


@frozen(kw_only=True)
class ReceiptLine:
    line_id: str
    quantity: Decimal = field(converter=to_quantity)


@frozen(kw_only=True)
class ReceiveGoods(Command[str]):
    """Post a goods receipt of quantities of an order's lines into a warehouse of its branch (the order's warehouse
    unless `warehouse_code` says), at the order's unit costs in the branch's currency; returns its number
    (GR-000001)."""

    order_id: DocumentRef
    lines: tuple[ReceiptLine, ...]
    warehouse_code: str | None = None


@frozen(kw_only=True)
class ReturnToSupplier(Command[str]):
    """Send received units of a line back to the supplier from a warehouse (the order's unless `warehouse_code`
    says), at the cost they came in at; returns the return's number (RTS-000001)."""

    order_id: DocumentRef
    line_id: str
    quantity: Decimal = field(converter=to_quantity)
    reason: str
    warehouse_code: str | None = None


def purchase_order_by_ref(uow: ProcurementUnitOfWork, ref: DocumentRef) -> PurchaseOrder:
    return find(uow.procurement.orders, ref, KIND)


def _warehouse(uow: ProcurementUnitOfWork, branch: Branch, code: str | None) -> Warehouse:
    if code is None:
        warehouses = [w for w in uow.masterdata.warehouses.for_branch(branch.id) if w.active]
        if not warehouses:
            raise refuse("BranchMustHaveWarehouse", f"branch {branch.code} has no active warehouse")
        return warehouses[0]
    warehouse = warehouse_by_code(uow, code, "warehouse_code")
    if warehouse.branch_id != branch.id:
        raise refuse("WarehouseMustBelongToBranch", f"warehouse {warehouse.code} does not belong to branch "
                     f"{branch.code}")
    return warehouse


def _priced(lines: Sequence[LineInput], prefix: str) -> None:
    """A purchase line needs the supplier's price: a product's list price is what we sell it for."""
    for index, line in enumerate(lines):
        if line.unit_price is None:
            raise InvalidValue(f"{prefix}[{index}].unit_price" if prefix else "line.unit_price",
                               "give the supplier's unit price")


def create_purchase_order(cmd: CreatePurchaseOrder, uow: ProcurementUnitOfWork, clock: Clock) -> str:
    supplier = supplier_by_code(uow, cmd.supplier_code, "supplier_code")
    branch = branch_by_code(uow, cmd.branch_code, "branch_code")
    warehouse = _warehouse(uow, branch, cmd.warehouse_code)
    _priced(cmd.lines, "lines")
    order = PurchaseOrder(id=new_id(), number=next_number(uow, DocumentType.PURCHASE_ORDER), supplier_id=supplier.id,
                          branch_id=branch.id, warehouse_id=warehouse.id, currency=supplier.currency,
                          created_at=clock.now(), prices_include_tax=cmd.prices_include_tax,
                          tax_rounding=cmd.tax_rounding, order_discount=cmd.order_discount,
                          supplier_reference=cmd.supplier_reference)
    order.add_lines(line_drafts(uow, branch, cmd.lines))
    uow.procurement.orders.add(order)
    return order.id


def add_purchase_order_line(cmd: AddPurchaseOrderLine, uow: ProcurementUnitOfWork, clock: Clock) -> str:
    order = purchase_order_by_ref(uow, cmd.order_id)
    _priced([cmd.line], "")
    return order.add_line(line_draft(uow, uow.masterdata.branches.get(order.branch_id), cmd.line)).id


def update_purchase_order_line(cmd: UpdatePurchaseOrderLine, uow: ProcurementUnitOfWork, clock: Clock) -> None:
    order = purchase_order_by_ref(uow, cmd.order_id)
    order.line(cmd.line_id)
    order.update_line(cmd.line_id, quantity=cmd.quantity, unit_price=cmd.unit_price, discount=cmd.discount,
                      clear_discount=cmd.clear_discount)


def remove_purchase_order_line(cmd: RemovePurchaseOrderLine, uow: ProcurementUnitOfWork, clock: Clock) -> None:
    order = purchase_order_by_ref(uow, cmd.order_id)
    order.line(cmd.line_id)
    order.remove_line(cmd.line_id)


def send_purchase_order(cmd: SendPurchaseOrder, uow: ProcurementUnitOfWork, clock: Clock) -> None:
    purchase_order_by_ref(uow, cmd.order_id).send(clock.now(), cmd.actor)


def _to_branch_currency(uow: ProcurementUnitOfWork, order: PurchaseOrder, day: date) -> tuple[Decimal, Currency]:
    branch = uow.masterdata.branches.get(order.branch_id)
    return exchange_rate(uow, order.currency, branch.currency, day), Currency.of(branch.currency)


def place_purchase_order(cmd: PlacePurchaseOrder, uow: ProcurementUnitOfWork, clock: Clock) -> None:
    order = purchase_order_by_ref(uow, cmd.order_id)
    now = clock.now()
    settings = uow.procurement.settings.find(order.branch_id)
    threshold = settings.approval_threshold if settings is not None else None
    total = order.grand_total
    if threshold is not None:
        rate, currency = _to_branch_currency(uow, order, now.date())
        total = currency.round(order.grand_total * rate)
    order.place(total_in_branch_currency=total, threshold=threshold, at=now, actor=cmd.actor)


def approve_purchase_order(cmd: ApprovePurchaseOrder, uow: ProcurementUnitOfWork, clock: Clock) -> None:
    purchase_order_by_ref(uow, cmd.order_id).approve(clock.now(), cmd.actor)


def cancel_purchase_order(cmd: CancelPurchaseOrder, uow: ProcurementUnitOfWork, clock: Clock) -> None:
    purchase_order_by_ref(uow, cmd.order_id).cancel(clock.now(), cmd.actor, cmd.reason)


def close_purchase_order(cmd: ClosePurchaseOrder, uow: ProcurementUnitOfWork, clock: Clock) -> None:
    purchase_order_by_ref(uow, cmd.order_id).close(clock.now(), cmd.actor, cmd.reason)


def _quantities(order: PurchaseOrder, entries: tuple[ReceiptLine, ...]) -> dict[str, Decimal]:
    """The quantity received of each line: entries naming one line add up (so the same line twice in one receipt
    is checked as its sum); each entry is checked as given, so an error names it (`lines[1].quantity`)."""
    quantities: dict[str, Decimal] = {}
    for index, entry in enumerate(entries):
        line = order.line(entry.line_id, f"lines[{index}].line_id")
        check_quantity(entry.quantity, unit_of_measure(line.uom), f"lines[{index}].quantity")
        quantities[line.id] = quantities.get(line.id, Decimal(0)) + entry.quantity
    return quantities


def receive_goods(cmd: ReceiveGoods, uow: ProcurementUnitOfWork, clock: Clock) -> str:
    order = purchase_order_by_ref(uow, cmd.order_id)  # on SQL stores its row is locked until the commit
    branch = uow.masterdata.branches.get(order.branch_id)
    warehouse = _warehouse(uow, branch, cmd.warehouse_code) if cmd.warehouse_code else \
        uow.masterdata.warehouses.get(order.warehouse_id)
    quantities = _quantities(order, cmd.lines)
    now = clock.now()
    settings = uow.procurement.settings.find(order.branch_id)
    products = sorted({order.line(line_id).product_id for line_id in quantities})
    tolerances = {p: settings.tolerance(p) if settings is not None else Decimal(0) for p in products}
    rate, currency = _to_branch_currency(uow, order, now.date())
    stocked = sorted({order.line(i).product_id for i in quantities if order.line(i).kind.tracks_stock})
    levels = {level.product_id: level for level in uow.stock.levels(stocked, [warehouse.id])} if stocked else {}
    number = next_number(uow, DocumentType.GOODS_RECEIPT)
    order.receive(number=number, warehouse_id=warehouse.id, quantities=quantities, tolerances=tolerances,
                  levels=levels, rate=rate, branch_currency=currency, at=now, actor=cmd.actor)
    return number


def return_to_supplier(cmd: ReturnToSupplier, uow: ProcurementUnitOfWork, clock: Clock) -> str:
    order = purchase_order_by_ref(uow, cmd.order_id)
    branch = uow.masterdata.branches.get(order.branch_id)
    warehouse = _warehouse(uow, branch, cmd.warehouse_code) if cmd.warehouse_code else \
        uow.masterdata.warehouses.get(order.warehouse_id)
    line = order.line(cmd.line_id)
    level = uow.stock.level(line.product_id, warehouse.id) if line.kind.tracks_stock else None
    number = next_number(uow, DocumentType.SUPPLIER_RETURN)
    order.return_to_supplier(number=number, line_id=line.id, quantity=cmd.quantity, warehouse_id=warehouse.id,
                             level=level, branch_currency=Currency.of(branch.currency), reason=cmd.reason,
                             at=clock.now(), actor=cmd.actor)
    return number


HANDLERS: Handlers = {
    CreatePurchaseOrder: create_purchase_order,
    AddPurchaseOrderLine: add_purchase_order_line,
    UpdatePurchaseOrderLine: update_purchase_order_line,
    RemovePurchaseOrderLine: remove_purchase_order_line,
    SendPurchaseOrder: send_purchase_order,
    PlacePurchaseOrder: place_purchase_order,
    ApprovePurchaseOrder: approve_purchase_order,
    CancelPurchaseOrder: cancel_purchase_order,
    ClosePurchaseOrder: close_purchase_order,
    ReceiveGoods: receive_goods,
    ReturnToSupplier: return_to_supplier,
}
