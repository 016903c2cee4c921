"""Every family of report figures over one in-memory store."""

from __future__ import annotations

from oms.adapters.memory.reports.ledgers import InMemoryLedgerFigures
from oms.adapters.memory.reports.orders import InMemoryOrderFigures
from oms.adapters.memory.reports.sales import InMemorySalesFigures
from oms.adapters.memory.reports.stock import InMemoryStockFigures
from oms.adapters.memory.store import InMemoryStore


class InMemoryReportData(InMemorySalesFigures, InMemoryOrderFigures, InMemoryLedgerFigures, InMemoryStockFigures):
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
