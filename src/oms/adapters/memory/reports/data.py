"""Every family of report figures over one in-memory store."""

from __future__ import annotations

from oms.adapters.memory.reports.orders import InMemoryOrderFigures
from oms.adapters.memory.reports.sales import InMemorySalesFigures
from oms.adapters.memory.store import InMemoryStore


class InMemoryReportData(InMemorySalesFigures, InMemoryOrderFigures):
    def __init__(self, store: InMemoryStore) -> None:
        self._store = store
