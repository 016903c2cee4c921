"""The listing of stock movements, in the order they were made: by product, warehouse, the document that made them
(its number: GR-000001, GI-000002, ADJ-000003) and time (`from` inclusive, `until` exclusive)."""

from __future__ import annotations

from attrs import frozen

from oms.domain.stock.levels import StockMovement
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
