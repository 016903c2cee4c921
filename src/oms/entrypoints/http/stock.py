"""Stock: levels per warehouse and movements (viewers); receipts and adjustments as their actions declare."""

from __future__ import annotations

from oms.application.stock import queries
from oms.application.stock import valuation as valuation_report
from oms.application.stock.actions import ACTIONS
from oms.application.stock.valuation import StockValuationView
from oms.application.stock.views import MovementList, StockLevelList
from oms.domain.access.tokens import Role
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import ApiBlueprint, Call
from oms.entrypoints.http.listing import (
    MOVEMENT_PARAMETERS,
    LowStockFilter,
    MovementFilter,
    Order,
    ValuationFilter,
    parameters,
)

bp = ApiBlueprint("stock", __name__, tag="stock")


@bp.operation("GET", "/products/<sku>/stock", summary="The product's stock in every warehouse that has had some",
              role=Role.VIEWER, response=StockLevelList)
def product_stock(call: Call) -> StockLevelList:
    return call.system.read(queries.product_stock, call.args["sku"])


@bp.operation("GET", "/stock/movements", summary="Stock movements, oldest first, a page at a time",
              role=Role.VIEWER, response=MovementList, query=MovementFilter)
def list_movements(call: Call) -> MovementList:
    wanted = call.query(MovementFilter)
    with parameters(MOVEMENT_PARAMETERS):
        return call.system.read(queries.movement_page, api().listings, sku=wanted.sku,
                                warehouse_code=wanted.warehouse, document=wanted.document, at_from=wanted.at_from,
                                at_until=wanted.at_until, newest_first=wanted.order is Order.NEWEST,
                                limit=wanted.limit, cursor=wanted.cursor)


@bp.operation("GET", "/stock/low", summary="Stock running low: levels at or below a threshold, least available "
              "first", role=Role.VIEWER, response=StockLevelList, query=LowStockFilter)
def low_stock(call: Call) -> StockLevelList:
    wanted = call.query(LowStockFilter)
    with parameters({"warehouse_id": "warehouse"}):
        return call.system.read(queries.low_stock, api().listings, threshold=wanted.threshold,
                                warehouse_code=wanted.warehouse, limit=wanted.limit)


@bp.operation("GET", "/stock/valuation", summary="Stock valuation: quantity, value and average cost per product and "
              "warehouse as of a day, with totals per warehouse and currency", role=Role.VIEWER,
              response=StockValuationView, query=ValuationFilter)
def stock_valuation(call: Call) -> StockValuationView:
    wanted = call.query(ValuationFilter)
    return call.system.read(valuation_report.stock_valuation, at=wanted.at, warehouse_code=wanted.warehouse)


bp.actions(ACTIONS)
