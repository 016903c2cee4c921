"""Stock use cases: receipts and adjustments of a product in a warehouse, valued in the warehouse's branch currency.

A receipt (or a positive adjustment) brings value at its `unit_cost`; without one, at the level's moving-average
cost, or the last one it had when it holds nothing (ERPNext's fallback to the last valuation rate), or zero for a
level never valued (Odoo's default cost). See `oms.domain.stock.valuation`."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lookups import product_by_sku, warehouse_by_code
from oms.application.shared.commands import Command, Handlers, to_quantity
from oms.application.shared.documents import next_number
from oms.domain.masterdata.parties import Warehouse
from oms.domain.masterdata.products import Product
from oms.domain.shared.errors import refuse
from oms.domain.shared.ids import DocumentType
from oms.domain.shared.money import Currency, to_decimal
from oms.ports.shared.clock import Clock
from oms.ports.stock.repositories import StockUnitOfWork


def to_optional_cost(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "unit_cost")


@frozen(kw_only=True)
class ReceiveStock(Command[str]):
    """Goods arrive in a warehouse, worth `unit_cost` each (the level's average cost if not given); returns the
    receipt number (GR-000001)."""

    sku: str
    warehouse_code: str
    quantity: Decimal = field(converter=to_quantity)
    reference: str = ""
    unit_cost: Decimal | None = field(default=None, converter=to_optional_cost)


@frozen(kw_only=True)
class AdjustStock(Command[str]):
    """Correct on_hand after a count by a signed quantity; units found come in at `unit_cost` (the average cost if
    not given), units lost leave at the average cost. Returns the adjustment number (ADJ-000001)."""

    sku: str
    warehouse_code: str
    quantity: Decimal = field(converter=to_quantity)
    reason: str
    unit_cost: Decimal | None = field(default=None, converter=to_optional_cost)


def _stocked_product_and_warehouse(uow: StockUnitOfWork, sku: str, warehouse_code: str) -> tuple[Product, Warehouse]:
    product = product_by_sku(uow, sku, "sku")
    if not product.kind.tracks_stock:
        raise refuse("ProductMustBeStocked", f"{sku} is a {product.kind} product; its stock is not counted")
    return product, warehouse_by_code(uow, warehouse_code, "warehouse_code")


def warehouse_currency(uow: StockUnitOfWork, warehouse: Warehouse) -> Currency:
    """Stock is valued in the currency of its warehouse's branch."""
    return Currency.of(uow.masterdata.branches.get(warehouse.branch_id).currency)


def receive_stock(cmd: ReceiveStock, uow: StockUnitOfWork, clock: Clock) -> str:
    product, warehouse = _stocked_product_and_warehouse(uow, cmd.sku, cmd.warehouse_code)
    product.unit.check(cmd.quantity, "quantity")
    number = next_number(uow, DocumentType.GOODS_RECEIPT)
    reference = f"{number} {cmd.reference}".strip()
    uow.stock.level(product.id, warehouse.id).receive(cmd.quantity, reference, clock.now(), cmd.actor,
                                                      currency=warehouse_currency(uow, warehouse),
                                                      unit_cost=cmd.unit_cost)
    return number


def adjust_stock(cmd: AdjustStock, uow: StockUnitOfWork, clock: Clock) -> str:
    product, warehouse = _stocked_product_and_warehouse(uow, cmd.sku, cmd.warehouse_code)
    product.unit.check(abs(cmd.quantity), "quantity")
    number = next_number(uow, DocumentType.STOCK_ADJUSTMENT)
    uow.stock.level(product.id, warehouse.id).adjust(cmd.quantity, number, cmd.reason, clock.now(), cmd.actor,
                                                     currency=warehouse_currency(uow, warehouse),
                                                     unit_cost=cmd.unit_cost)
    return number


HANDLERS: Handlers = {ReceiveStock: receive_stock, AdjustStock: adjust_stock}
