"""Stock use cases: receipts and adjustments of a product in a warehouse."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lookups import product_by_sku, warehouse_by_code
from oms.application.shared.commands import Command, Handlers, to_quantity
from oms.domain.shared.errors import refuse
from oms.domain.shared.ids import DocumentType, document_number
from oms.ports.shared.clock import Clock
from oms.ports.unit_of_work import UnitOfWork


@frozen(kw_only=True)
class ReceiveStock(Command[str]):
    """Goods arrive in a warehouse; returns the receipt number (GR-000001)."""

    sku: str
    warehouse_code: str
    quantity: Decimal = field(converter=to_quantity)
    reference: str = ""


@frozen(kw_only=True)
class AdjustStock(Command[str]):
    """Correct on_hand after a count by a signed quantity; returns the adjustment number (ADJ-000001)."""

    sku: str
    warehouse_code: str
    quantity: Decimal = field(converter=to_quantity)
    reason: str


def _stocked_product_and_warehouse(uow: UnitOfWork, sku: str, warehouse_code: str) -> tuple[str, str]:
    product = product_by_sku(uow, sku)
    if not product.kind.tracks_stock:
        raise refuse("ProductMustBeStocked", f"{sku} is a {product.kind} product; its stock is not counted")
    warehouse = warehouse_by_code(uow, warehouse_code)
    return product.id, warehouse.id


def receive_stock(cmd: ReceiveStock, uow: UnitOfWork, clock: Clock) -> str:
    with uow:
        product_id, warehouse_id = _stocked_product_and_warehouse(uow, cmd.sku, cmd.warehouse_code)
        product_by_sku(uow, cmd.sku).unit.check(cmd.quantity, "quantity")
        number = document_number(DocumentType.GOODS_RECEIPT, uow.sequences.next_value(DocumentType.GOODS_RECEIPT))
        reference = f"{number} {cmd.reference}".strip()
        uow.stock.level(product_id, warehouse_id).receive(cmd.quantity, reference, clock.now(), cmd.actor)
        uow.commit()
        return number


def adjust_stock(cmd: AdjustStock, uow: UnitOfWork, clock: Clock) -> str:
    with uow:
        product_id, warehouse_id = _stocked_product_and_warehouse(uow, cmd.sku, cmd.warehouse_code)
        product_by_sku(uow, cmd.sku).unit.check(abs(cmd.quantity), "quantity")
        number = document_number(DocumentType.STOCK_ADJUSTMENT,
                                 uow.sequences.next_value(DocumentType.STOCK_ADJUSTMENT))
        uow.stock.level(product_id, warehouse_id).adjust(cmd.quantity, number, cmd.reason, clock.now(), cmd.actor)
        uow.commit()
        return number


HANDLERS: Handlers = {
    ReceiveStock: receive_stock,
    AdjustStock: adjust_stock,
}
