"""The metadata every table of oms belongs to, its naming convention, and the sizes of the common columns."""

from __future__ import annotations

import importlib
import pkgutil

from sqlalchemy import JSON, BigInteger, Integer, MetaData
from sqlalchemy.dialects import postgresql

# Explicit constraint names, so migrations can refer to them and errors can be told apart.
metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

TABLE_MODULES = "tables"  # each context's tables live in oms.adapters.sql.<context>.tables


def complete_metadata() -> MetaData:
    """The metadata with every table of the package: each context's `tables` module (and the API tokens' store)
    is imported here, so migrations and schema checks never miss one."""
    package = importlib.import_module("oms.adapters.sql")
    for context in pkgutil.iter_modules(package.__path__, "oms.adapters.sql."):
        if not context.ispkg or context.name.endswith(".migrations"):
            continue
        for module in pkgutil.iter_modules(importlib.import_module(context.name).__path__, context.name + "."):
            if module.name.rsplit(".", 1)[-1] == TABLE_MODULES:
                importlib.import_module(module.name)
    return metadata


ID = 64  # ids are UUID hex (32 characters); room for ids given by an integration
CODE = 64  # SKUs and codes: 1-64 characters (oms.domain.shared.codes.check_code)

QUANTITY = 6  # decimals kept for quantities, unit prices and rates
RATE = 10  # decimals of an exchange rate (and of the rate a document was converted at)
AMOUNT = 4  # decimals kept for amounts (already rounded to the currency's minor unit)

# An autoincrementing 64-bit key on PostgreSQL; SQLite autoincrements only an INTEGER PRIMARY KEY.
SERIAL = BigInteger().with_variant(Integer(), "sqlite")
PAYLOAD = JSON().with_variant(postgresql.JSONB(), "postgresql")
