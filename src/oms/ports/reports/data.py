"""Every family of report figures a store provides, and the unit of work that carries them."""

from __future__ import annotations

from typing import Protocol

from oms.ports.reports.ledgers import LedgerFigures
from oms.ports.reports.orders import OrderFigures
from oms.ports.reports.sales import SalesFigures
from oms.ports.reports.stock import StockFigures


class ReportData(SalesFigures, OrderFigures, LedgerFigures, StockFigures, Protocol):
    """The figures of every report family, read in the unit of work's transaction."""


class ReportsUnitOfWork(Protocol):
    @property
    def reports(self) -> ReportData: ...
