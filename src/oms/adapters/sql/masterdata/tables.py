"""Tables of master data: products, customers, branches, warehouses, tax rates, suppliers, their prices and exchange
rates."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint

from oms.adapters.sql.shared.metadata import CODE, ID, QUANTITY, RATE, metadata
from oms.adapters.sql.shared.types import ExactDecimal, StrEnumType
from oms.domain.masterdata.products import CATEGORY_LENGTH
from oms.domain.shared.items import InvoicePolicy, ProductKind
from oms.domain.shared.tax import TaxCategory

products = Table(
    "products", metadata,
    Column("id", String(ID), primary_key=True),
    Column("sku", String(CODE), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", StrEnumType(ProductKind), nullable=False),
    Column("uom", String(16), nullable=False),
    Column("price", ExactDecimal(QUANTITY), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("tax_category", StrEnumType(TaxCategory), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("invoice_policy", StrEnumType(InvoicePolicy), nullable=False),
    Column("category", String(CATEGORY_LENGTH), nullable=True),
    Column("version", Integer, nullable=False),
    Index("ix_products_category_sku", "category", "sku"),  # a category's products by SKU; reports filter by it
)


customers = Table(
    "customers", metadata,
    Column("id", String(ID), primary_key=True),
    Column("code", String(CODE), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("email", Text, nullable=False),
    *[Column(f"{which}_{part}", Text, nullable=False)
      for which in ("billing", "shipping")
      for part in ("line1", "line2", "city", "postal_code", "region", "country")],
    Column("tax_exempt", Boolean, nullable=False),
    Column("tax_exemption_reference", Text, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("payment_terms", Text, nullable=False),
    Column("version", Integer, nullable=False),
)


branches = Table(
    "branches", metadata,
    Column("id", String(ID), primary_key=True),
    Column("code", String(CODE), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("tax_jurisdiction", String(16), nullable=False),
    Column("version", Integer, nullable=False),
    Column("cart_hold_minutes", Integer, nullable=True),  # 0028
)


warehouses = Table(
    "warehouses", metadata,
    Column("id", String(ID), primary_key=True),
    Column("code", String(CODE), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("branch_id", String(ID), ForeignKey("branches.id"), nullable=False, index=True),
    Column("priority", Integer, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
)


tax_rates = Table(
    "tax_rates", metadata,
    Column("id", String(ID), primary_key=True),
    Column("jurisdiction", String(16), nullable=False),
    Column("category", StrEnumType(TaxCategory), nullable=False),
    Column("rate", ExactDecimal(QUANTITY), nullable=False),
    Column("version", Integer, nullable=False),
    UniqueConstraint("jurisdiction", "category"),
)


suppliers = Table(
    "suppliers", metadata,
    Column("id", String(ID), primary_key=True),
    Column("code", String(CODE), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("payment_terms", Text, nullable=False),
    Column("lead_time_days", Integer, nullable=False),
    Column("email", Text, nullable=False),
    *[Column(f"address_{part}", Text, nullable=False)
      for part in ("line1", "line2", "city", "postal_code", "region", "country")],
    Column("active", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
)


# Found by product (compare offers, preferred supplier) and by supplier (its page, its price list).
supplier_prices = Table(
    "supplier_prices", metadata,
    Column("id", String(ID), primary_key=True),
    Column("supplier_id", String(ID), ForeignKey("suppliers.id"), nullable=False, index=True),
    Column("product_id", String(ID), ForeignKey("products.id"), nullable=False),
    Column("price", ExactDecimal(QUANTITY), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("min_quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("purchase_unit", Text, nullable=False),
    Column("unit_factor", ExactDecimal(QUANTITY), nullable=False),
    Column("lead_time_days", Integer, nullable=True),
    Column("valid_from", Date, nullable=True),
    Column("valid_to", Date, nullable=True),
    Column("preferred", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    Index(None, "product_id", "supplier_id"),
)



# One rate per pair and day; the rate of a day is read as the pair's latest on or before it (the index's order).
exchange_rates = Table(
    "exchange_rates", metadata,
    Column("id", String(ID), primary_key=True),
    Column("from_currency", String(3), nullable=False),
    Column("to_currency", String(3), nullable=False),
    Column("day", Date, nullable=False),
    Column("rate", ExactDecimal(RATE), nullable=False),
    Column("version", Integer, nullable=False),
    UniqueConstraint("from_currency", "to_currency", "day"),
)
