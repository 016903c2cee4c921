"""Tables of master data: products, customers, branches, warehouses and tax rates."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint

from oms.adapters.sql.shared.metadata import CODE, ID, QUANTITY, metadata
from oms.adapters.sql.shared.types import ExactDecimal, StrEnumType
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
    Column("version", Integer, nullable=False),
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
