"""The indexes the purchasing and ageing reports read by, on the documents' own tables (reports keep no table of
their own yet): posted bills by bill date (purchase spend), receipts by the time they arrived (supplier on-time)."""

from __future__ import annotations

from sqlalchemy import Index

from oms.adapters.sql.invoicing.tables import vendor_bills
from oms.adapters.sql.procurement.tables import goods_receipts

BILLS_BY_DATE = Index("ix_vendor_bills_status_date", vendor_bills.c.status, vendor_bills.c.bill_date)
RECEIPTS_BY_TIME = Index("ix_goods_receipts_received", goods_receipts.c.received_at)
