"""What the reports keep in the database: the indexes their statements range over (the day a goods issue, a return
receipt or a posted invoice counts on; orders are ranged by `ix_sales_orders_created`; posted bills by bill date for
purchase spend; receipts by the time they arrived for supplier on-time; the open items of receivables and payables
that owe on a day, for the ageing; the open orders for the backlog), the daily sales summary, its day totals and
monthly rollups, with the outbox position they are up to date with (see summary.py), and the quotations' days
(see quotation_days.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    Index,
    Numeric,
    SmallInteger,
    String,
    Table,
    and_,
    cast,
    func,
    literal_column,
    or_,
)
from sqlalchemy.sql import ColumnElement

from oms.adapters.sql.invoicing.tables import invoices, payable_items, receivable_items, vendor_bills
from oms.adapters.sql.procurement.tables import goods_receipts
from oms.adapters.sql.sales.tables import goods_issues, order_lines, return_receipts, sales_orders
from oms.adapters.sql.shared.metadata import CODE, ID, metadata
from oms.adapters.sql.shared.types import ExactDecimal, StrEnumType
from oms.domain.sales.quotation import QuotationStatus
from oms.domain.sales.sales_order import SalesOrderStatus
from oms.domain.shared.items import ProductKind

OPEN_STATUSES = (SalesOrderStatus.CONFIRMED, SalesOrderStatus.PARTIALLY_ISSUED)

BILLS_BY_DATE = Index("ix_vendor_bills_status_date", vendor_bills.c.status, vendor_bills.c.bill_date)
RECEIPTS_BY_TIME = Index("ix_goods_receipts_received", goods_receipts.c.received_at)

REPORT_INDEXES = (
    Index(None, goods_issues.c.issued_at),
    Index(None, return_receipts.c.received_at),
    Index(None, invoices.c.status, invoices.c.invoice_date),
)
AGED = ("document_id", "party_id", "branch_id", "currency", "due_date", "total", "reduced", "reduced_from",
        "reduced_until")
DUE = ("party_id", "branch_id", "currency", "document_date", "total", "reduced", "reduced_from", "reduced_until")


def _open_item_indexes(items: Table) -> tuple[Index, ...]:
    """The items owing on a day, found without reading the settled history (see ledgers.py): the ones still open,
    by date, carrying what the ageing reads (PostgreSQL answers from the index alone); on PostgreSQL the ones settled
    since, by the days they were open (a GiST index of date ranges finds the ranges holding a day among all of them;
    SQLite has no such index and reads the settled items for a day past)."""
    c = items.c
    still_open = c.settled_on.is_(None)
    reduced = and_(c.settled_on.is_(None), c.reduced_until.is_not(None))
    return (
        Index(f"ix_{items.name}_open", c.document_date, postgresql_include=list(AGED),
              postgresql_where=still_open, sqlite_where=still_open),
        # the open items by due date (those due in a day's last 90 days or later) and by their last reduction's
        # day (those changed after a day), with what the ageing reads of them (migration 0039)
        Index(f"ix_{items.name}_open_due", c.due_date, postgresql_include=list(DUE), postgresql_where=still_open,
              sqlite_where=still_open),
        Index(f"ix_{items.name}_open_reduced", c.reduced_until, postgresql_include=["document_id", "due_date", *DUE],
              postgresql_where=reduced, sqlite_where=reduced),
        Index(f"ix_{items.name}_open_days", func.daterange(c.document_date, c.settled_on), postgresql_using="gist",
              postgresql_where=c.settled_on.is_not(None)).ddl_if(dialect="postgresql"),
    )


OPEN_ITEM_INDEXES = (*_open_item_indexes(receivable_items), *_open_item_indexes(payable_items))


def _open_order() -> ColumnElement[bool]:
    """Still to ship (`adapters.memory.reports.orders.is_open`): confirmed, partially issued, or on hold after either.
    Its values are written into the SQL, so that a statement with this condition can use the index below."""
    o = sales_orders.c
    open_: list[ColumnElement[str]] = [literal_column(f"'{status.value}'") for status in OPEN_STATUSES]
    return or_(*(o.status == status for status in open_),
               and_(o.status == literal_column(f"'{SalesOrderStatus.ON_HOLD.value}'"),
                    or_(*(o.held_from == status for status in open_))))


OPEN_ORDER = _open_order()
# The open orders in order of order date (and number, as the backlog lists them), with what the backlog reads of
# them: the backlog reads what is open, never the history. A row enters and leaves it as its order's status changes.
OPEN_ORDERS = Index("ix_sales_orders_open", sales_orders.c.created_at, sales_orders.c.number,
                    postgresql_include=["id", "status", "customer_id", "branch_id", "currency"],
                    postgresql_where=OPEN_ORDER, sqlite_where=OPEN_ORDER)

# The lines of orders with goods still to ship, with what the backlog reads of them, found by their order's id: on
# PostgreSQL each open order's lines are read from this index alone (a line leaves it once issued in full). Its
# statements say `quantity > quantity_issued`, exact on PostgreSQL's NUMERIC; SQLite keeps quantities as text.
# Lines of cancelled or completed orders leave it (`order_closed`, kept by a trigger): it holds the lines of the
# orders still open (and of drafts), not the history's.
OPEN_LINE = {"postgresql": and_(~order_lines.c.order_closed, order_lines.c.quantity > order_lines.c.quantity_issued,
                                order_lines.c.kind != literal_column(f"'{ProductKind.SERVICE.value}'")),
             "sqlite": and_(~order_lines.c.order_closed,
                            cast(order_lines.c.quantity, Numeric) > cast(order_lines.c.quantity_issued, Numeric),
                            order_lines.c.kind != literal_column(f"'{ProductKind.SERVICE.value}'"))}
# On PostgreSQL the order ids are compared byte by byte (varchar_pattern_ops, which serves equality too): the
# backlog looks its ~30,000 open orders' lines up one by one, and comparing ids in the database's locale (C.UTF-8,
# through strcoll) took 15 % of its time. SQLite compares text bytewise anyway.
OPEN_LINES = Index("ix_order_lines_open", order_lines.c.sales_order_id, order_lines.c.position,
                   postgresql_ops={"sales_order_id": "varchar_pattern_ops"},
                   postgresql_include=["product_id", "sku", "quantity", "quantity_issued", "net"],
                   postgresql_where=OPEN_LINE["postgresql"], sqlite_where=OPEN_LINE["sqlite"])

SUMMED = 20  # decimals a summed amount may carry (a shipment's share of a line's net is not rounded)


def _keys(dated: str) -> list[Column[Any]]:
    """The basis, the date (`day`, or `month`: its first day), the branch and the currency."""
    return [Column("basis", String(16), primary_key=True), Column(dated, Date, primary_key=True),
            Column("branch_id", String(ID), primary_key=True), Column("currency", String(3), primary_key=True)]


def _sums() -> list[Column[Any]]:
    return [Column(name, ExactDecimal(SUMMED), nullable=False) for name in ("quantity", "amount", "cost")]


# The sales of one day per basis (bookings, shipments, revenue), branch, currency, customer and product (its id, or
# an invoice line's SKU that names no product): the lines' summed quantity, net amount and, for shipments, cost.
report_sales_daily = Table(
    "report_sales_daily", metadata, *_keys("day"),
    Column("customer_id", String(ID), primary_key=True),
    Column("product_id", String(CODE), primary_key=True),
    *_sums(),
)

# The same days summed per branch and currency only: what reports by period read (a day's few rows instead of one
# per customer and product), recomputed from `report_sales_daily` whenever its days are.
report_sales_day_totals = Table(
    "report_sales_day_totals", metadata, *_keys("day"), *_sums(),
)

# The summary's whole months (`month`: the first day) per basis, branch, currency and product, and per basis, branch,
# currency and customer: what reports by product or by customer read for the whole months of their range (a
# month's thousand rows instead of one per day, customer and product), recomputed from `report_sales_daily` for
# every month whose days are.
report_sales_monthly_products = Table(
    "report_sales_monthly_products", metadata, *_keys("month"),
    Column("product_id", String(CODE), primary_key=True),
    *_sums(),
)
report_sales_monthly_customers = Table(
    "report_sales_monthly_customers", metadata, *_keys("month"),
    Column("customer_id", String(ID), primary_key=True),
    *_sums(),
)

# The `published_seq` of the last outbox event the summary applied, written in the transaction of its update.
report_summary_cursors = Table(
    "report_summary_cursors", metadata,
    Column("name", String(64), primary_key=True),
    Column("seq", BigInteger, nullable=False),
)

# The quotations created on each day (UTC) per branch, currency and status: how many and their net totals summed
# (`net`, in ten-thousandths), each in one of a few `slot`s by its id, so that quotations written at once by
# different transactions seldom wait for the same row; the quotation-conversion report adds the slots up. Kept by
# triggers on `quotations` in the statement that writes a quotation, by difference (migration 0041; rows reaching
# zero documents stay, at zero; see quotation_days.py).
report_quotation_days = Table(
    "report_quotation_days", metadata,
    Column("day", Date, primary_key=True),
    Column("branch_id", String(ID), primary_key=True),
    Column("currency", String(3), primary_key=True),
    Column("status", StrEnumType(QuotationStatus), primary_key=True),
    Column("slot", SmallInteger, primary_key=True),
    Column("documents", BigInteger, nullable=False),
    Column("net", BigInteger, nullable=False),
)
