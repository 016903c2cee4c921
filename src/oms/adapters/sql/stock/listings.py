"""How the listing of stock movements is read: with the SKU and warehouse code joined in, in the order made."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, or_, select

from oms.adapters.sql.masterdata.tables import products, warehouses
from oms.adapters.sql.shared.listings import SqlListing
from oms.adapters.sql.stock.tables import stock_movements
from oms.domain.stock.levels import StockMovement
from oms.ports.stock.listings import MOVEMENTS, MovementRow

m = stock_movements.c


def _row(row: Row[Any]) -> MovementRow:
    return MovementRow(movement=StockMovement(id=row.id, product_id=row.product_id, warehouse_id=row.warehouse_id,
                                              kind=row.kind, quantity=row.quantity, reference=row.reference,
                                              at=row.at, actor=row.actor, reason=row.reason),
                       sku=row.sku, warehouse_code=row.warehouse_code, uom=row.uom)


def _document(number: str) -> Any:
    """The movements a document made: its number is the movement's reference, or begins it (GR-000001 <note>)."""
    escaped = number.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(m.reference == number, m.reference.like(escaped + " %", escape="\\"))


LISTINGS = (SqlListing(
    listing=MOVEMENTS,
    query=lambda: select(stock_movements, products.c.sku, products.c.uom,
                         warehouses.c.code.label("warehouse_code"))
    .join(products, products.c.id == m.product_id).join(warehouses, warehouses.c.id == m.warehouse_id),
    order=(m.at, m.id), row=_row, position=lambda row: (row.movement.at, row.movement.id),
    filters={"product_id": lambda product_id: m.product_id == product_id,
             "warehouse_id": lambda warehouse_id: m.warehouse_id == warehouse_id,
             "document": _document, "from": lambda start: m.at >= start, "until": lambda end: m.at < end}),)
