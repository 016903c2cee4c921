"""Every family of report figures a store provides, and the unit of work that carries them."""

from __future__ import annotations

from typing import Protocol

from oms.ports.reports.orders import OrderFigures
from oms.ports.reports.sales import SalesFigures


class ReportData(SalesFigures, OrderFigures, Protocol):
    """The figures of every report family, read in the unit of work's transaction."""


class ReportsUnitOfWork(Protocol):
    @property
    def reports(self) -> ReportData: ...
