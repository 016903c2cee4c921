"""Reads for the Python API and the entrypoints: documents by id or number, stock, movements, events."""

from __future__ import annotations

from collections.abc import Sequence

from oms.application.catalog import product_by_sku, warehouse_by_code
from oms.application.quotations import quotation_by_ref
from oms.application.sales_orders import order_by_ref
from oms.domain.events import DomainEvent
from oms.domain.quotation import Quotation
from oms.domain.sales_order import SalesOrder
from oms.domain.stock import StockLevel, StockMovement
from oms.ports.unit_of_work import UnitOfWork


def get_quotation(uow: UnitOfWork, ref: str) -> Quotation:
    with uow:
        return quotation_by_ref(uow, ref)


def get_sales_order(uow: UnitOfWork, ref: str) -> SalesOrder:
    with uow:
        return order_by_ref(uow, ref)


def stock_of(uow: UnitOfWork, sku: str) -> list[StockLevel]:
    with uow:
        return sorted(uow.stock.for_product(product_by_sku(uow, sku).id), key=lambda level: level.warehouse_id)


def movements_of(uow: UnitOfWork, sku: str | None = None, warehouse_code: str | None = None) -> Sequence[StockMovement]:
    with uow:
        product_id = product_by_sku(uow, sku).id if sku else None
        warehouse_id = warehouse_by_code(uow, warehouse_code).id if warehouse_code else None
        return uow.stock.movements(product_id, warehouse_id)


def events_of(uow: UnitOfWork, aggregate_id: str) -> Sequence[DomainEvent]:
    with uow:
        return uow.outbox.for_aggregate(aggregate_id)
