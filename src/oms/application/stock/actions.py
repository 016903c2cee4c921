"""The stock commands, declared once: receipts and adjustments."""

from __future__ import annotations

from typing import Any

from oms.application.shared.actions import Action, Resource
from oms.application.stock.commands import AdjustStock, ReceiveStock
from oms.application.stock.queries import stock_change
from oms.application.stock.views import StockChange
from oms.domain.access.tokens import Role

ARGUMENTS = ("sku", "warehouse_code", "quantity")  # `oms stock receive DESK BER-1 5`
STOCK = Resource(name="stock", title="stock", path="/stock", cli="stock", tag="stock")


def _change(uow: Any, command: ReceiveStock | AdjustStock, number: str) -> StockChange:
    return stock_change(uow, number, command.sku, command.warehouse_code)


ACTIONS = [
    Action(STOCK, "receive", ReceiveStock, Role.CLERK, "Receive goods into a warehouse", path="receipts",
           collection=True, status=201, answer=_change, arguments=ARGUMENTS),
    Action(STOCK, "adjust", AdjustStock, Role.MANAGER, "Correct on-hand stock after a count by a signed quantity",
           path="adjustments", collection=True, status=201, answer=_change, arguments=ARGUMENTS),
]
