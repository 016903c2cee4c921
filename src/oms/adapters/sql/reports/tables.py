"""What the reports add to the documents' tables: the indexes their statements range over (the day a goods issue,
a return receipt or a posted invoice counts on; orders are ranged by `ix_sales_orders_created`)."""

from __future__ import annotations

from sqlalchemy import Index

from oms.adapters.sql.invoicing.tables import invoices
from oms.adapters.sql.sales.tables import goods_issues, return_receipts

REPORT_INDEXES = (
    Index(None, goods_issues.c.issued_at),
    Index(None, return_receipts.c.received_at),
    Index(None, invoices.c.status, invoices.c.invoice_date),
)
