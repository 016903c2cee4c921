"""Stock: levels per warehouse and movements (viewers), receipts (clerks) and adjustments after a count (managers)."""

from __future__ import annotations

import attrs
from attrs import frozen

from oms.application.masterdata.lookups import product_by_sku, warehouse_by_code
from oms.application.service import OrderManagement
from oms.application.stock.commands import AdjustStock, ReceiveStock
from oms.domain.access.tokens import Role
from oms.entrypoints.http import presenters as present
from oms.entrypoints.http import views as v
from oms.entrypoints.http.endpoints import ApiBlueprint, Call
from oms.entrypoints.http.listing import CODE

bp = ApiBlueprint("stock", __name__, tag="stock")


@frozen(kw_only=True)
class MovementFilter:
    """Movements of one product, or in one warehouse, or both; oldest first."""

    sku: str | None = attrs.field(default=None, metadata=CODE)
    warehouse: str | None = attrs.field(default=None, metadata=CODE)


def _change(system: OrderManagement, number: str, sku: str, warehouse_code: str) -> v.StockChange:
    with present.reading(system) as (uow, codes):
        level = uow.stock.level(product_by_sku(uow, sku).id, warehouse_by_code(uow, warehouse_code).id)
        return v.StockChange(number=number, level=present.stock_level(level, codes))


@bp.operation("GET", "/products/<sku>/stock", summary="The product's stock in every warehouse that has had some",
              role=Role.VIEWER, response=v.StockLevelList)
def product_stock(call: Call) -> v.StockLevelList:
    levels = call.system.stock(call.args["sku"])
    with present.reading(call.system) as (_, codes):
        items = sorted((present.stock_level(level, codes) for level in levels), key=lambda s: s.warehouse_code)
        return v.StockLevelList(items=items)


@bp.operation("GET", "/stock/movements", summary="Stock movements, oldest first", role=Role.VIEWER,
              response=v.MovementList, query=MovementFilter)
def list_movements(call: Call) -> v.MovementList:
    wanted = call.query(MovementFilter)
    movements = call.system.movements(wanted.sku, wanted.warehouse)
    with present.reading(call.system) as (_, codes):
        return v.MovementList(items=[present.movement(m, codes) for m in movements])


@bp.operation("POST", "/stock/receipts", summary="Receive goods into a warehouse", role=Role.CLERK,
              response=v.StockChange, status=201, command=ReceiveStock)
def receive_stock(call: Call) -> v.StockChange:
    command = call.command(ReceiveStock)
    number = call.handle(command)
    return _change(call.system, number, command.sku, command.warehouse_code)


@bp.operation("POST", "/stock/adjustments", summary="Correct on-hand stock after a count by a signed quantity",
              role=Role.MANAGER, response=v.StockChange, status=201, command=AdjustStock)
def adjust_stock(call: Call) -> v.StockChange:
    command = call.command(AdjustStock)
    number = call.handle(command)
    return _change(call.system, number, command.sku, command.warehouse_code)
