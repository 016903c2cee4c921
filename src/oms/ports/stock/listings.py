"""The listing of stock movements, in the order they were made: by product, warehouse, the document that made them
(its number: GR-000001, GI-000002, ADJ-000003) and time (`from` inclusive, `until` exclusive); and the listing of
stock levels running low."""

from __future__ import annotations

from attrs import frozen

from oms.domain.stock.levels import StockLevel, StockMovement
from oms.ports.shared.listings import Listing


@frozen(kw_only=True)
class MovementRow:
    """A movement with the codes of its product and warehouse, and the product's unit of measure."""

    movement: StockMovement
    sku: str
    warehouse_code: str
    uom: str


MOVEMENTS: Listing[MovementRow] = Listing(
    name="movements", filters=frozenset({"product_id", "warehouse_id", "document", "from", "until"}))


@frozen(kw_only=True)
class LevelRow:
    """A stock level with the codes of its product and warehouse, and the product's unit of measure."""

    level: StockLevel
    sku: str
    warehouse_code: str
    uom: str


# The levels of stocked products, least available first (then by SKU and warehouse code): `available_at_most` (a
# Decimal: on hand - reserved at or below it) and `warehouse_id`. One page only, as stock moves all the time.
LOW_STOCK: Listing[LevelRow] = Listing(
    name="low_stock", filters=frozenset({"available_at_most", "warehouse_id"}), by_time=False, pageable=False)
