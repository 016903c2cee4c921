"""Every command's handler, in one registry for the message bus."""

from __future__ import annotations

from oms.application import catalog, housekeeping, imports, quotations, sales_orders, stock
from oms.application.commands import Handlers

COMMAND_HANDLERS: Handlers = {
    **catalog.HANDLERS,
    **stock.HANDLERS,
    **quotations.HANDLERS,
    **sales_orders.HANDLERS,
    **imports.HANDLERS,
    **housekeeping.HANDLERS,
}
