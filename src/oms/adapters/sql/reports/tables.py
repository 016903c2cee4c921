"""What the reports keep in the database: the indexes their statements range over (the day a goods issue, a return
receipt or a posted invoice counts on; orders are ranged by `ix_sales_orders_created`; posted bills by bill date for
purchase spend; receipts by the time they arrived for supplier on-time; the open items of receivables and payables
that owe on a day, for the ageing), and the daily sales summary with the outbox position it is up to date with (see
summary.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Column, Date, Index, String, Table, func

from oms.adapters.sql.invoicing.tables import invoices, payable_items, receivable_items, vendor_bills
from oms.adapters.sql.procurement.tables import goods_receipts
from oms.adapters.sql.sales.tables import goods_issues, return_receipts
from oms.adapters.sql.shared.metadata import CODE, ID, metadata
from oms.adapters.sql.shared.types import ExactDecimal

BILLS_BY_DATE = Index("ix_vendor_bills_status_date", vendor_bills.c.status, vendor_bills.c.bill_date)
RECEIPTS_BY_TIME = Index("ix_goods_receipts_received", goods_receipts.c.received_at)

REPORT_INDEXES = (
    Index(None, goods_issues.c.issued_at),
    Index(None, return_receipts.c.received_at),
    Index(None, invoices.c.status, invoices.c.invoice_date),
)
AGED = ("document_id", "party_id", "branch_id", "currency", "due_date", "total", "reduced", "reduced_from",
        "reduced_until")


def _open_item_indexes(items: Table) -> tuple[Index, ...]:
    """The items owing on a day, found without reading the settled history (see ledgers.py): the ones still open,
    by date, carrying what the ageing reads (PostgreSQL answers from the index alone); on PostgreSQL the ones settled
    since, by the days they were open (a GiST index of date ranges finds the ranges holding a day among all of them;
    SQLite has no such index and reads the settled items for a day past)."""
    c = items.c
    still_open = c.settled_on.is_(None)
    return (
        Index(f"ix_{items.name}_open", c.document_date, postgresql_include=list(AGED),
              postgresql_where=still_open, sqlite_where=still_open),
        Index(f"ix_{items.name}_open_days", func.daterange(c.document_date, c.settled_on), postgresql_using="gist",
              postgresql_where=c.settled_on.is_not(None)).ddl_if(dialect="postgresql"),
    )


OPEN_ITEM_INDEXES = (*_open_item_indexes(receivable_items), *_open_item_indexes(payable_items))
SUMMED = 20  # decimals a summed amount may carry (a shipment's share of a line's net is not rounded)


def _day_keys() -> list[Column[Any]]:
    return [Column("basis", String(16), primary_key=True), Column("day", Date, primary_key=True),
            Column("branch_id", String(ID), primary_key=True), Column("currency", String(3), primary_key=True)]


def _sums() -> list[Column[Any]]:
    return [Column(name, ExactDecimal(SUMMED), nullable=False) for name in ("quantity", "amount", "cost")]


# The sales of one day per basis (bookings, shipments, revenue), branch, currency, customer and product (its id, or
# an invoice line's SKU that names no product): the lines' summed quantity, net amount and, for shipments, cost.
report_sales_daily = Table(
    "report_sales_daily", metadata, *_day_keys(),
    Column("customer_id", String(ID), primary_key=True),
    Column("product_id", String(CODE), primary_key=True),
    *_sums(),
)

# The same days summed per branch and currency only: what reports by period read (a day's few rows instead of one
# per customer and product), recomputed from `report_sales_daily` whenever its days are.
report_sales_day_totals = Table(
    "report_sales_day_totals", metadata, *_day_keys(), *_sums(),
)

# The `published_seq` of the last outbox event the summary applied, written in the transaction of its update.
report_summary_cursors = Table(
    "report_summary_cursors", metadata,
    Column("name", String(64), primary_key=True),
    Column("seq", BigInteger, nullable=False),
)
