"""Tables of the documents: quotations and sales orders, their lines, reservations, goods issues and audit trails."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, Integer, String, Table, Text, false, text
from sqlalchemy.schema import SchemaItem

from oms.adapters.sql.shared.metadata import AMOUNT, CODE, ID, QUANTITY, metadata
from oms.adapters.sql.shared.tables import history_table
from oms.adapters.sql.shared.types import ExactDecimal, StrEnumType, UtcDateTime
from oms.domain.sales.quotation import OPEN as OPEN_QUOTATION
from oms.domain.sales.quotation import QuotationStatus
from oms.domain.sales.sales_order import ISSUABLE, SalesOrderStatus
from oms.domain.shared.discounts import DiscountKind
from oms.domain.shared.items import InvoicePolicy, ProductKind
from oms.domain.shared.tax import TaxCategory, TaxRounding


def _discount(prefix: str) -> list[SchemaItem]:
    """A nullable discount, flattened: both columns are NULL when there is none."""
    return [Column(f"{prefix}_kind", StrEnumType(DiscountKind), nullable=True),
            Column(f"{prefix}_value", ExactDecimal(QUANTITY), nullable=True)]


def _totals() -> list[SchemaItem]:
    return [Column(name, ExactDecimal(AMOUNT), nullable=False)
            for name in ("gross_amount", "discount_total", "net_total", "tax_total", "grand_total")]


def _header(*, status: type[QuotationStatus] | type[SalesOrderStatus]) -> list[SchemaItem]:
    return [
        Column("id", String(ID), primary_key=True),
        Column("number", String(CODE), nullable=False, unique=True),
        Column("customer_id", String(ID), ForeignKey("customers.id"), nullable=False),
        Column("branch_id", String(ID), ForeignKey("branches.id"), nullable=False),
        Column("currency", String(3), nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("tax_exempt", Boolean, nullable=False),
        Column("prices_include_tax", Boolean, nullable=False),
        Column("tax_rounding", StrEnumType(TaxRounding), nullable=False),
        *_discount("order_discount"),
        Column("status", StrEnumType(status), nullable=False),
        *_totals(),
        Column("version", Integer, nullable=False),
    ]


def _listing_indexes(table: str) -> list[Index]:
    """Listings filter by status, customer or branch and page by (created_at, id): one index per filter."""
    return [Index(f"ix_{table}_created", "created_at", "id"),
            Index(f"ix_{table}_status_created", "status", "created_at", "id"),
            Index(f"ix_{table}_customer_created", "customer_id", "created_at", "id"),
            Index(f"ix_{table}_branch_created", "branch_id", "created_at", "id")]


def _in(column: str, values: Iterable[str]) -> str:
    return f"{column} IN ({', '.join(repr(str(value)) for value in sorted(values))})"


# What the overview's worklists wait on: open quotations, and orders open to issue (confirmed, partially issued, or
# on hold after either), each in a partial index by (created_at, id), so that a worklist reads its first rows
# through what is open instead of every document since the first one. The listings write these conditions with
# the statuses in the statement (sales/listings.py), as the planner must see them to take the index.
OPEN_QUOTATIONS = _in("status", OPEN_QUOTATION)
OPEN_ORDERS = f"{_in('status', ISSUABLE)} OR (status = 'on_hold' AND {_in('held_from', ISSUABLE)})"


def _open_index(table: str, condition: str) -> Index:
    return Index(f"ix_{table}_open_created", "created_at", "id", postgresql_where=text(condition),
                 sqlite_where=text(condition))


def _line(parent: str) -> list[SchemaItem]:
    return [
        Column("id", String(ID), primary_key=True),
        Column(f"{parent}_id", String(ID), ForeignKey(f"{parent}s.id", ondelete="CASCADE"), nullable=False),
        Column("position", Integer, nullable=False),
        Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
        Column("sku", String(CODE), nullable=False),
        Column("description", Text, nullable=False),
        Column("kind", StrEnumType(ProductKind), nullable=False),
        Column("uom", String(16), nullable=False),
        Column("quantity", ExactDecimal(QUANTITY), nullable=False),
        Column("unit_price", ExactDecimal(QUANTITY), nullable=False),
        Column("tax_category", StrEnumType(TaxCategory), nullable=False),
        Column("tax_rate", ExactDecimal(QUANTITY), nullable=False),
        Column("invoice_policy", StrEnumType(InvoicePolicy), nullable=False),
        *_discount("discount"),
        Column("gross_amount", ExactDecimal(AMOUNT), nullable=False),
        Column("line_discount", ExactDecimal(AMOUNT), nullable=False),
        Column("order_discount", ExactDecimal(AMOUNT), nullable=False),
        Column("net", ExactDecimal(AMOUNT), nullable=False),
        Column("tax", ExactDecimal(AMOUNT), nullable=False),
        Column("total", ExactDecimal(AMOUNT), nullable=False),
        Index(None, f"{parent}_id", "position"),
    ]


quotations = Table(
    "quotations", metadata,
    *_header(status=QuotationStatus),
    Column("valid_until", Date, nullable=False),
    Column("notes", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("revision_of", String(ID), nullable=True, index=True),
    Column("superseded_by", String(ID), nullable=True),
    Column("sales_order_id", String(ID), nullable=True),
    *_listing_indexes("quotations"),
    Index("ix_quotations_status_valid_until", "status", "valid_until"),
    _open_index("quotations", OPEN_QUOTATIONS),
)

quotation_lines = Table("quotation_lines", metadata, *_line("quotation"))

quotation_history = history_table("quotation_history", "quotations")

sales_orders = Table(
    "sales_orders", metadata,
    *_header(status=SalesOrderStatus),
    Column("allow_backorder", Boolean, nullable=False),
    Column("over_delivery_percent", ExactDecimal(QUANTITY), nullable=False),
    Column("customer_reference", Text, nullable=False),
    Column("quotation_id", String(ID), nullable=True, index=True),
    Column("held_from", StrEnumType(SalesOrderStatus), nullable=True),
    *_listing_indexes("sales_orders"),
    _open_index("sales_orders", OPEN_ORDERS),
)

order_lines = Table(
    "order_lines", metadata,
    *_line("sales_order"),
    Column("quantity_issued", ExactDecimal(QUANTITY), nullable=False),
    Column("quantity_returned", ExactDecimal(QUANTITY), nullable=False),
    # set by the database when the line's order is cancelled or completed (a trigger of migration 0042), so that
    # the backlog's index of lines to ship (reports/tables.py) drops them; never read nor written by the mapping
    Column("order_closed", Boolean, nullable=False, server_default=false()),
)

sales_order_history = history_table("sales_order_history", "sales_orders")

# `position` keeps the domain's list order; it is not an attribute of the domain classes (see mapping.py).
reservations = Table(
    "reservations", metadata,
    Column("id", String(ID), primary_key=True),
    Column("sales_order_id", String(ID), ForeignKey("sales_orders.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("line_id", String(ID), nullable=False),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("warehouse_id", String(ID), ForeignKey("warehouses.id"), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("issued", ExactDecimal(QUANTITY), nullable=False),
    Column("released", ExactDecimal(QUANTITY), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Index(None, "sales_order_id", "position"),
    Index(None, "product_id", "warehouse_id"),
)

goods_issues = Table(
    "goods_issues", metadata,
    Column("id", String(ID), primary_key=True),
    Column("sales_order_id", String(ID), ForeignKey("sales_orders.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("number", String(CODE), nullable=False, unique=True),
    Column("warehouse_id", String(ID), ForeignKey("warehouses.id"), nullable=False),
    Column("issued_at", UtcDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Index(None, "sales_order_id", "position"),
)

goods_issue_lines = Table(
    "goods_issue_lines", metadata,
    Column("id", String(ID), primary_key=True),
    Column("goods_issue_id", String(ID), ForeignKey("goods_issues.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("line_id", String(ID), nullable=False),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("value", ExactDecimal(AMOUNT), nullable=False),  # the cost of the goods issued
    Index(None, "goods_issue_id", "position"),
)

# Return authorisations of an order's lines (RMA-000001) and the receipts of what came back (GR-000001).
customer_returns = Table(
    "customer_returns", metadata,
    Column("id", String(ID), primary_key=True),
    Column("sales_order_id", String(ID), ForeignKey("sales_orders.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("number", String(CODE), nullable=False, unique=True),
    Column("line_id", String(ID), nullable=False),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("reason", Text, nullable=False),
    Column("authorised_at", UtcDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Index(None, "sales_order_id", "position"),
)

return_receipts = Table(
    "return_receipts", metadata,
    Column("id", String(ID), primary_key=True),
    Column("return_id", String(ID), ForeignKey("customer_returns.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("number", String(CODE), nullable=False, unique=True),
    Column("warehouse_id", String(ID), ForeignKey("warehouses.id"), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("value", ExactDecimal(AMOUNT), nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Index(None, "return_id", "position"),
)
