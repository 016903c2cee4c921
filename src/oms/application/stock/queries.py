"""Reads of stock: a product's levels and the movement ledger, as domain objects and as views."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from oms.application.masterdata.codes import Codes
from oms.application.masterdata.lookups import product_by_sku, warehouse_by_code
from oms.application.shared.views import quantity
from oms.application.stock.views import MovementList, MovementView, StockChange, StockLevelList, StockLevelView
from oms.domain.stock.levels import StockLevel, StockMovement
from oms.ports.shared.listings import DEFAULT_LIMIT, ListingQuery, Listings
from oms.ports.stock.listings import MOVEMENTS
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


def product_stock(uow: StockUnitOfWork, sku: str) -> StockLevelList:
    """The product's stock in every warehouse that has had some, by warehouse code."""
    codes = Codes(uow)
    return StockLevelList(items=sorted((level_view(level, codes) for level in stock_of(uow, sku)),
                                       key=lambda view: view.warehouse_code))


def movement_page(uow: StockUnitOfWork, listings: Listings, *, sku: str | None = None,
                  warehouse_code: str | None = None, document: str | None = None, at_from: datetime | None = None,
                  at_until: datetime | None = None, newest_first: bool = False, limit: int = DEFAULT_LIMIT,
                  cursor: str | None = None) -> MovementList:
    """A page of the movement ledger, of a product, a warehouse, a document (its number) or a time span (from
    inclusive, until exclusive); an unknown SKU or warehouse code is NotFound."""
    product_id = product_by_sku(uow, sku).id if sku else None
    warehouse_id = warehouse_by_code(uow, warehouse_code).id if warehouse_code else None
    page = listings.page(MOVEMENTS, ListingQuery(
        filters={"product_id": product_id, "warehouse_id": warehouse_id, "document": document or None,
                 "from": at_from, "until": at_until}, newest_first=newest_first, limit=limit, cursor=cursor))
    return MovementList(items=[MovementView(id=row.movement.id, sku=row.sku, warehouse_code=row.warehouse_code,
                                            kind=row.movement.kind, quantity=quantity(row.movement.quantity, row.uom),
                                            reference=row.movement.reference, at=row.movement.at,
                                            actor=row.movement.actor, reason=row.movement.reason)
                               for row in page.items], next_cursor=page.next_cursor)


def stock_change(uow: StockUnitOfWork, number: str, sku: str, warehouse_code: str) -> StockChange:
    """A receipt's or an adjustment's number with the level after it, from the level the command holds."""
    level = uow.stock.level(product_by_sku(uow, sku).id, warehouse_by_code(uow, warehouse_code).id)
    return StockChange(number=number, level=level_view(level, Codes(uow)))
