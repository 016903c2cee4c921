"""Stock: levels per warehouse and movements (viewers); receipts and adjustments as their actions declare."""

from __future__ import annotations

import attrs
from attrs import frozen

from oms.application.stock import queries
from oms.application.stock.actions import ACTIONS
from oms.application.stock.views import MovementList, StockLevelList
from oms.domain.access.tokens import Role
from oms.entrypoints.http.endpoints import ApiBlueprint, Call
from oms.entrypoints.http.listing import CODE

bp = ApiBlueprint("stock", __name__, tag="stock")


@frozen(kw_only=True)
class MovementFilter:
    """Movements of one product, or in one warehouse, or both; oldest first."""

    sku: str | None = attrs.field(default=None, metadata=CODE)
    warehouse: str | None = attrs.field(default=None, metadata=CODE)


@bp.operation("GET", "/products/<sku>/stock", summary="The product's stock in every warehouse that has had some",
              role=Role.VIEWER, response=StockLevelList)
def product_stock(call: Call) -> StockLevelList:
    return call.system.read(queries.product_stock, call.args["sku"])


@bp.operation("GET", "/stock/movements", summary="Stock movements, oldest first", role=Role.VIEWER,
              response=MovementList, query=MovementFilter)
def list_movements(call: Call) -> MovementList:
    wanted = call.query(MovementFilter)
    return call.system.read(queries.movement_list, wanted.sku, wanted.warehouse)


bp.actions(ACTIONS)
