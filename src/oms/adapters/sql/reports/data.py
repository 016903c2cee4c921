"""Every family of report figures, read in one SQL transaction."""

from __future__ import annotations

from oms.adapters.sql.reports.backlog import SqlBacklogFigures
from oms.adapters.sql.reports.ledgers import SqlLedgerFigures
from oms.adapters.sql.reports.orders import SqlOrderFigures
from oms.adapters.sql.reports.quotation_days import SqlQuotationDays
from oms.adapters.sql.reports.sales import SqlSalesFigures
from oms.adapters.sql.reports.stock import SqlStockFigures
from oms.adapters.sql.shared.transaction import Transaction


class SqlReportData(SqlSalesFigures, SqlOrderFigures, SqlQuotationDays, SqlBacklogFigures, SqlLedgerFigures,
                    SqlStockFigures):
    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction
