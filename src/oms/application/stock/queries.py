"""Reads of stock: a product's levels and the movement ledger."""

from __future__ import annotations

from collections.abc import Sequence

from oms.application.masterdata.lookups import product_by_sku, warehouse_by_code
from oms.domain.stock.levels import StockLevel, StockMovement
from oms.ports.unit_of_work import UnitOfWork


def stock_of(uow: UnitOfWork, sku: str) -> list[StockLevel]:
    with uow:
        return sorted(uow.stock.for_product(product_by_sku(uow, sku).id), key=lambda level: level.warehouse_id)


def movements_of(uow: UnitOfWork, sku: str | None = None, warehouse_code: str | None = None) -> Sequence[StockMovement]:
    with uow:
        product_id = product_by_sku(uow, sku).id if sku else None
        warehouse_id = warehouse_by_code(uow, warehouse_code).id if warehouse_code else None
        return uow.stock.movements(product_id, warehouse_id)
