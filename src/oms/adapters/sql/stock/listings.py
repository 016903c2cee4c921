"""How the listings of stock are read: movements with the SKU and warehouse code joined in, in the order made;
levels running low, least available first."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Row, or_, select

from oms.adapters.sql.masterdata.tables import products, warehouses
from oms.adapters.sql.shared.listings import TOLERANCE, SqlListing, escaped, number
from oms.adapters.sql.stock.repositories import movement_of
from oms.adapters.sql.stock.tables import stock_levels, stock_movements
from oms.domain.shared.items import ProductKind
from oms.domain.stock.levels import StockLevel
from oms.ports.stock.listings import LOW_STOCK, MOVEMENTS, LevelRow, MovementRow

m = stock_movements.c


def _row(row: Row[Any]) -> MovementRow:
    return MovementRow(movement=movement_of(row._mapping), sku=row.sku, warehouse_code=row.warehouse_code,
                       uom=row.uom)


def _document(document: str) -> Any:
    """The movements a document made: its number is the movement's reference, or begins it (GR-000001 <note>)."""
    return or_(m.reference == document, m.reference.like(escaped(document) + " %", escape="\\"))


MOVEMENT_LISTING = SqlListing(
    listing=MOVEMENTS,
    query=lambda: select(stock_movements, products.c.sku, products.c.uom,
                         warehouses.c.code.label("warehouse_code"))
    .join(products, products.c.id == m.product_id).join(warehouses, warehouses.c.id == m.warehouse_id),
    order=(m.at, m.id), row=_row, position=lambda row: (row.movement.at, row.movement.id),
    filters={"product_id": lambda product_id: m.product_id == product_id,
             "warehouse_id": lambda warehouse_id: m.warehouse_id == warehouse_id,
             "document": _document, "from": lambda start: m.at >= start, "until": lambda end: m.at < end})


def _level(row: Row[Any]) -> LevelRow:
    return LevelRow(level=StockLevel(product_id=row.product_id, warehouse_id=row.warehouse_id, on_hand=row.on_hand,
                                     reserved=row.reserved, value=row.value, unit_cost=row.unit_cost,
                                     version=row.version),
                    sku=row.sku, warehouse_code=row.warehouse_code, uom=row.uom)


_available = number(stock_levels.c.on_hand) - number(stock_levels.c.reserved)

LISTINGS = (MOVEMENT_LISTING, SqlListing(
    listing=LOW_STOCK,
    query=lambda: select(stock_levels, products.c.sku, products.c.uom, warehouses.c.code.label("warehouse_code"))
    .join(products, products.c.id == stock_levels.c.product_id)
    .join(warehouses, warehouses.c.id == stock_levels.c.warehouse_id)
    .where(products.c.kind == ProductKind.STOCKED),
    order=(_available, products.c.sku, warehouses.c.code), row=_level, position=lambda row: (row.sku,),
    filters={"available_at_most": lambda most: _available <= number(Decimal(most)) + number(TOLERANCE),
             "warehouse_id": lambda warehouse_id: stock_levels.c.warehouse_id == warehouse_id}))
