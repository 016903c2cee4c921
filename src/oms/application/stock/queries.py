"""Reads of stock: a product's levels and the movement ledger, as domain objects and as views."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from oms.application.masterdata.codes import Codes
from oms.application.masterdata.lookups import product_by_sku, warehouse_by_code
from oms.application.shared.views import money, quantity
from oms.application.stock.views import MovementList, MovementView, StockChange, StockLevelList, StockLevelView
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.items import UNITS
from oms.domain.shared.money import check_decimals, to_decimal
from oms.domain.stock.levels import StockLevel, StockMovement
from oms.ports.shared.listings import DEFAULT_LIMIT, ListingQuery, Listings
from oms.ports.stock.listings import LOW_STOCK, MOVEMENTS
from oms.ports.stock.repositories import StockUnitOfWork


def stock_of(uow: StockUnitOfWork, sku: str) -> list[StockLevel]:
    return sorted(uow.stock.for_product(product_by_sku(uow, sku).id), key=lambda level: level.warehouse_id)


def movements_of(uow: StockUnitOfWork, sku: str | None = None,
                 warehouse_code: str | None = None) -> Sequence[StockMovement]:
    product_id = product_by_sku(uow, sku).id if sku else None
    warehouse_id = warehouse_by_code(uow, warehouse_code).id if warehouse_code else None
    return uow.stock.movements(product_id, warehouse_id)


def level_view(level: StockLevel, codes: Codes) -> StockLevelView:
    return _level_view(level, codes.product(level.product_id), codes.warehouse(level.warehouse_id),
                       codes.uom(level.product_id), codes.currency(level.warehouse_id))


def _level_view(level: StockLevel, sku: str, warehouse_code: str, uom: str, currency: str) -> StockLevelView:
    average = level.average_cost
    return StockLevelView(sku=sku, warehouse_code=warehouse_code, on_hand=quantity(level.on_hand, uom),
                          reserved=quantity(level.reserved, uom), available=quantity(level.available, uom),
                          value=money(level.value, currency),
                          average_cost=None if average is None else money(average, currency))


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
    codes = Codes(uow)
    page = listings.page(MOVEMENTS, ListingQuery(
        filters={"product_id": product_id, "warehouse_id": warehouse_id, "document": document or None,
                 "from": at_from, "until": at_until}, newest_first=newest_first, limit=limit, cursor=cursor))
    return MovementList(items=[MovementView(id=row.movement.id, sku=row.sku, warehouse_code=row.warehouse_code,
                                            kind=row.movement.kind, quantity=quantity(row.movement.quantity, row.uom),
                                            reference=row.movement.reference, at=row.movement.at,
                                            actor=row.movement.actor, reason=row.movement.reason,
                                            value=money(row.movement.value, codes.currency(row.movement.warehouse_id)),
                                            unit_cost=money(row.movement.unit_cost,
                                                            codes.currency(row.movement.warehouse_id)))
                               for row in page.items], next_cursor=page.next_cursor)


FINEST = max(unit.decimals for unit in UNITS.values())  # a quantity has no more decimals than its unit allows


def _threshold(given: object) -> Decimal:
    threshold = check_decimals(to_decimal(given, "threshold"), FINEST, "threshold")
    if threshold < 0:
        raise InvalidValue("threshold", "must not be negative: no stock level has less than nothing available")
    return threshold


def low_stock(uow: StockUnitOfWork, listings: Listings, *, threshold: Decimal, warehouse_code: str | None = None,
              limit: int = DEFAULT_LIMIT) -> StockLevelList:
    """Where stock runs low, to reorder or chase: the levels of stocked products whose available quantity (on hand
    less reserved) is at or below `threshold`, least available first, then by SKU; of one warehouse if its code is
    given (an unknown code is NotFound)."""
    threshold = _threshold(threshold)
    warehouse_id = warehouse_by_code(uow, warehouse_code).id if warehouse_code else None
    page = listings.page(LOW_STOCK, ListingQuery(filters={"available_at_most": threshold,
                                                          "warehouse_id": warehouse_id}, limit=limit))
    codes = Codes(uow)
    return StockLevelList(items=[_level_view(row.level, row.sku, row.warehouse_code, row.uom,
                                             codes.currency(row.level.warehouse_id)) for row in page.items])


def stock_change(uow: StockUnitOfWork, number: str, sku: str, warehouse_code: str) -> StockChange:
    """A receipt's or an adjustment's number with the level after it, from the level the command holds."""
    level = uow.stock.level(product_by_sku(uow, sku).id, warehouse_by_code(uow, warehouse_code).id)
    return StockChange(number=number, level=level_view(level, Codes(uow)))
