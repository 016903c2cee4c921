"""Tables of master data, stock, number sequences and the event outbox (documents are in document_tables)."""

from __future__ import annotations

import importlib
import pkgutil

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects import postgresql

from oms.adapters.sql.types import ExactDecimal, StrEnumType, UtcDateTime
from oms.domain.shared.items import ProductKind
from oms.domain.shared.tax import TaxCategory
from oms.domain.stock.levels import MovementKind

# Explicit constraint names, so migrations can refer to them and errors can be told apart.
metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})



def complete_metadata() -> MetaData:
    """The metadata with every table of the package: each module of oms.adapters.sql may define some (documents,
    API tokens, ...), and each is imported here, so migrations and schema checks never miss one."""
    package = importlib.import_module("oms.adapters.sql")
    for module in pkgutil.iter_modules(package.__path__, "oms.adapters.sql."):
        importlib.import_module(module.name)
    return metadata


ID = 64  # ids are UUID hex (32 characters); room for ids given by an integration
CODE = 64  # SKUs and codes: 1-64 characters (oms.domain.catalog.check_code)

QUANTITY = 6  # decimals kept for quantities, unit prices and rates
AMOUNT = 4  # decimals kept for amounts (already rounded to the currency's minor unit)

# An autoincrementing 64-bit key on PostgreSQL; SQLite autoincrements only an INTEGER PRIMARY KEY.
SERIAL = BigInteger().with_variant(Integer(), "sqlite")
PAYLOAD = JSON().with_variant(postgresql.JSONB(), "postgresql")

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

stock_levels = Table(
    "stock_levels", metadata,
    Column("product_id", String(ID), ForeignKey("products.id"), primary_key=True),
    Column("warehouse_id", String(ID), ForeignKey("warehouses.id"), primary_key=True, index=True),
    Column("on_hand", ExactDecimal(QUANTITY), nullable=False),
    Column("reserved", ExactDecimal(QUANTITY), nullable=False),
    Column("version", Integer, nullable=False),
)

# Immutable: rows are only ever inserted (the migration adds triggers that refuse UPDATE and DELETE).
stock_movements = Table(
    "stock_movements", metadata,
    Column("seq", SERIAL, primary_key=True, autoincrement=True),
    Column("id", String(ID), nullable=False, unique=True),
    Column("product_id", String(ID), nullable=False),
    Column("warehouse_id", String(ID), nullable=False),
    Column("kind", StrEnumType(MovementKind), nullable=False),
    Column("quantity", ExactDecimal(QUANTITY), nullable=False),
    Column("reference", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("reason", Text, nullable=False),
    ForeignKeyConstraint(["product_id", "warehouse_id"], ["stock_levels.product_id", "stock_levels.warehouse_id"],
                         name="fk_stock_movements_level"),
    Index(None, "product_id", "warehouse_id", "seq"),
    Index(None, "warehouse_id", "seq"),
)

sequences = Table(
    "sequences", metadata,
    Column("kind", String(8), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

outbox = Table(
    "outbox", metadata,
    Column("seq", SERIAL, primary_key=True, autoincrement=True),
    Column("aggregate_id", String(2 * ID + 1), nullable=False),
    Column("event_type", String(64), nullable=False),
    Column("occurred_at", UtcDateTime, nullable=False),
    Column("payload", PAYLOAD, nullable=False),
    Column("published_at", UtcDateTime, nullable=True),
    Index(None, "aggregate_id", "seq"),
    Index(None, "published_at", "seq"),
)
