"""Reads of stock: a product's levels and the movement ledger, as domain objects and as views."""

from __future__ import annotations

from collections.abc import Sequence

from oms.application.masterdata.codes import Codes
from oms.application.masterdata.lookups import product_by_sku, warehouse_by_code
from oms.application.shared.views import quantity
from oms.application.stock.views import MovementList, MovementView, StockChange, StockLevelList, StockLevelView
from oms.domain.stock.levels import StockLevel, StockMovement
from oms.ports.stock.repositories import StockUnitOfWork


def stock_of(uow: StockUnitOfWork, sku: str) -> list[StockLevel]:
    return sorted(uow.stock.for_product(product_by_sku(uow, sku).id), key=lambda level: level.warehouse_id)


def movements_of(uow: StockUnitOfWork, sku: str | None = None,
                 warehouse_code: str | None = None) -> Sequence[StockMovement]:
    product_id = product_by_sku(uow, sku).id if sku else None
    warehouse_id = warehouse_by_code(uow, warehouse_code).id if warehouse_code else None
    return uow.stock.movements(product_id, warehouse_id)


def level_view(level: StockLevel, codes: Codes) -> StockLevelView:
    uom = codes.uom(level.product_id)
    return StockLevelView(sku=codes.product(level.product_id), warehouse_code=codes.warehouse(level.warehouse_id),
                          on_hand=quantity(level.on_hand, uom), reserved=quantity(level.reserved, uom),
                          available=quantity(level.available, uom))


def movement_view(m: StockMovement, codes: Codes) -> MovementView:
    return MovementView(id=m.id, sku=codes.product(m.product_id), warehouse_code=codes.warehouse(m.warehouse_id),
                        kind=m.kind, quantity=quantity(m.quantity, codes.uom(m.product_id)), reference=m.reference,
                        at=m.at, actor=m.actor, reason=m.reason)


def product_stock(uow: StockUnitOfWork, sku: str) -> StockLevelList:
    """The product's stock in every warehouse that has had some, by warehouse code."""
    codes = Codes(uow)
    return StockLevelList(items=sorted((level_view(level, codes) for level in stock_of(uow, sku)),
                                       key=lambda view: view.warehouse_code))


def movement_list(uow: StockUnitOfWork, sku: str | None = None, warehouse_code: str | None = None) -> MovementList:
    codes = Codes(uow)
    return MovementList(items=[movement_view(m, codes) for m in movements_of(uow, sku, warehouse_code)])


def stock_change(uow: StockUnitOfWork, number: str, sku: str, warehouse_code: str) -> StockChange:
    """A receipt's or an adjustment's number with the level after it, from the level the command holds."""
    level = uow.stock.level(product_by_sku(uow, sku).id, warehouse_by_code(uow, warehouse_code).id)
    return StockChange(number=number, level=level_view(level, Codes(uow)))
