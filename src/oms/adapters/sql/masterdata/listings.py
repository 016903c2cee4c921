"""How the listings of products, customers and suppliers are read: by SKU or code, filtered by activity and a search
(and products by category)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, Row, select

from oms.adapters.sql.masterdata.repositories import CUSTOMER, PRODUCT, SUPPLIER
from oms.adapters.sql.shared.listings import Filter, SqlListing, containing
from oms.adapters.sql.shared.mapping import Aggregate
from oms.ports.masterdata.listings import CUSTOMERS, PRODUCTS, SUPPLIERS
from oms.ports.shared.listings import Listing


def _by_key(listing: Listing[Any], aggregate: Aggregate, key: str,
            more: Mapping[str, Filter] | None = None) -> SqlListing:
    table = aggregate.root.table

    def row(result: Row[Any]) -> Any:
        return aggregate.root.build(dict(result._mapping))

    return SqlListing(
        listing=listing, query=lambda: select(table), order=(table.c[key],), row=row,
        position=lambda obj: (getattr(obj, key),),
        filters={"active": lambda active: table.c.active.is_(bool(active)),
                 "search": lambda text: containing(str(text), table.c[key], table.c.name), **(more or {})})


def _in_category(category: Any) -> ColumnElement[bool]:
    """The products of exactly that category (along the index on category and SKU)."""
    return PRODUCT.root.table.c.category == str(category)


LISTINGS = (_by_key(PRODUCTS, PRODUCT, "sku", {"category": _in_category}), _by_key(CUSTOMERS, CUSTOMER, "code"),
            _by_key(SUPPLIERS, SUPPLIER, "code"))
