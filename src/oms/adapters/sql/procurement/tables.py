"""Tables of procurement: purchase orders, their lines, goods receipts, returns to the supplier and audit trails, and
the procurement settings of branches (approval threshold, over-receipt tolerances); purchase planning: reorder rules
(one per product and warehouse) and the prepared proposals (one per day, its key the day: the daily job's claim)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, Integer, String, Table, Text

from oms.adapters.sql.shared.metadata import AMOUNT, CODE, ID, QUANTITY, RATE, metadata
from oms.adapters.sql.shared.tables import history_table
from oms.adapters.sql.shared.types import ExactDecimal, StrEnumType, UtcDateTime
from oms.domain.procurement.purchase_order import PurchaseOrderStatus
from oms.domain.shared.discounts import DiscountKind
from oms.domain.shared.items import InvoicePolicy, ProductKind
from oms.domain.shared.tax import TaxCategory, TaxRounding

purchase_orders = Table(
    "purchase_orders", metadata,
    Column("id", String(ID), primary_key=True),
    Column("number", String(CODE), nullable=False, unique=True),
    Column("supplier_id", String(ID), ForeignKey("suppliers.id"), nullable=False),
    Column("branch_id", String(ID), ForeignKey("branches.id"), nullable=False),
    Column("warehouse_id", String(ID), ForeignKey("warehouses.id"), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("tax_exempt", Boolean, nullable=False),
    Column("prices_include_tax", Boolean, nullable=False),
    Column("tax_rounding", StrEnumType(TaxRounding), nullable=False),
    Column("order_discount_kind", StrEnumType(DiscountKind), nullable=True),
    Column("order_discount_value", ExactDecimal(QUANTITY), nullable=True),
    Column("supplier_reference", Text, nullable=False),
    Column("status", StrEnumType(PurchaseOrderStatus), nullable=False),
    *[Column(name, ExactDecimal(AMOUNT), nullable=False)
      for name in ("gross_amount", "discount_total", "net_total", "tax_total", "grand_total")],
    Column("version", Integer, nullable=False),
    # listings filter by status, supplier or branch and page by (created_at, id)
    Index("ix_purchase_orders_created", "created_at", "id"),
    Index("ix_purchase_orders_status_created", "status", "created_at", "id"),
    Index("ix_purchase_orders_supplier_created", "supplier_id", "created_at", "id"),
    Index("ix_purchase_orders_branch_created", "branch_id", "created_at", "id"),
)

purchase_order_lines = Table(
    "purchase_order_lines", metadata,
    Column("id", String(ID), primary_key=True),
    Column("purchase_order_id", String(ID), ForeignKey("purchase_orders.id", ondelete="CASCADE"), nullable=False),
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
    Column("discount_kind", StrEnumType(DiscountKind), nullable=True),
    Column("discount_value", ExactDecimal(QUANTITY), nullable=True),
    *[Column(name, ExactDecimal(AMOUNT), nullable=False)
      for name in ("gross_amount", "line_discount", "order_discount", "net", "tax", "total")],
    Column("billed", ExactDecimal(QUANTITY), nullable=False),
    Index(None, "purchase_order_id", "position"),
)

purchase_order_history = history_table("purchase_order_history", "purchase_orders")

goods_receipts = Table(
    "goods_receipts", metadata,
    Column("id", String(ID), primary_key=True),
    Column("purchase_order_id", String(ID), ForeignKey("purchase_orders.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("number", String(CODE), nullable=False, unique=True),
    Column("warehouse_id", String(ID), ForeignKey("warehouses.id"), nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("rate", ExactDecimal(RATE), nullable=False),  # the exchange rate the receipt's value was converted at
    Index(None, "purchase_order_id", "position"),
)

goods_receipt_lines = Table(
    "goods_receipt_lines", metadata,
    Column("id", String(ID), primary_key=True),
    Column("goods_receipt_id", String(ID), ForeignKey("goods_receipts.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("line_id", String(ID), nullable=False, index=True),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("value", ExactDecimal(AMOUNT), nullable=False),  # in the branch's currency
    Index(None, "goods_receipt_id", "position"),
)

supplier_returns = Table(
    "supplier_returns", metadata,
    Column("id", String(ID), primary_key=True),
    Column("purchase_order_id", String(ID), ForeignKey("purchase_orders.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("number", String(CODE), nullable=False, unique=True),
    Column("line_id", String(ID), nullable=False),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("warehouse_id", String(ID), ForeignKey("warehouses.id"), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("value", ExactDecimal(AMOUNT), nullable=False),
    Column("reason", Text, nullable=False),
    Column("returned_at", UtcDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Index(None, "purchase_order_id", "position"),
)

procurement_settings = Table(
    "procurement_settings", metadata,
    Column("id", String(ID), ForeignKey("branches.id"), primary_key=True),  # the branch's id
    Column("approval_threshold", ExactDecimal(AMOUNT), nullable=True),
    Column("over_receipt_percent", ExactDecimal(QUANTITY), nullable=False),
    Column("price_tolerance_percent", ExactDecimal(QUANTITY), nullable=False),
    Column("version", Integer, nullable=False),
)

receipt_tolerances = Table(
    "receipt_tolerances", metadata,
    Column("id", String(ID), primary_key=True),
    Column("settings_id", String(ID), ForeignKey("procurement_settings.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("percent", ExactDecimal(QUANTITY), nullable=False),
    Index(None, "settings_id", "position"),
)

reorder_rules = Table(
    "reorder_rules", metadata,
    Column("id", String(ID), primary_key=True),
    Column("key", String(2 * ID + 1), nullable=False, unique=True),  # product_id/warehouse_id
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("warehouse_id", String(ID), ForeignKey("warehouses.id"), nullable=False),
    Column("minimum", ExactDecimal(QUANTITY), nullable=False),
    Column("maximum", ExactDecimal(QUANTITY), nullable=False),
    Column("multiple", ExactDecimal(QUANTITY), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
)

proposal_runs = Table(
    "proposal_runs", metadata,
    Column("id", String(ID), primary_key=True),  # the day, ISO: a second run of the day cannot insert its row
    Column("day", Date, nullable=False, unique=True),
    Column("prepared_at", UtcDateTime(), nullable=False),
    Column("actor", Text, nullable=False),
    Column("version", Integer, nullable=False),
)

proposal_lines = Table(
    "proposal_lines", metadata,
    Column("id", String(ID), primary_key=True),
    Column("run_id", String(ID), ForeignKey("proposal_runs.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("product_id", String(ID), nullable=False),
    Column("sku", String(CODE), nullable=False),
    Column("warehouse_id", String(ID), nullable=False),
    Column("warehouse_code", String(CODE), nullable=False),
    Column("available", ExactDecimal(QUANTITY), nullable=False),
    Column("incoming", ExactDecimal(QUANTITY), nullable=False),
    Column("demand", ExactDecimal(QUANTITY), nullable=False),
    Column("minimum", ExactDecimal(QUANTITY), nullable=False),
    Column("maximum", ExactDecimal(QUANTITY), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("supplier_id", String(ID), nullable=True),
    Column("supplier_code", String(CODE), nullable=True),
    Column("unit_price", ExactDecimal(QUANTITY), nullable=True),
    Column("currency", String(3), nullable=True),
    Column("purchase_order", String(CODE), nullable=True),
    Column("rfq", String(CODE), nullable=True),
)

from oms.adapters.sql.procurement import rfq_tables  # noqa: E402, F401  (the RFQs' tables, in their own module)
