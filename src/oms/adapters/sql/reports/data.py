"""Every family of report figures, read in one SQL transaction."""

from __future__ import annotations

from oms.adapters.sql.reports.orders import SqlOrderFigures
from oms.adapters.sql.reports.sales import SqlSalesFigures
from oms.adapters.sql.shared.transaction import Transaction


class SqlReportData(SqlSalesFigures, SqlOrderFigures):
    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction
