"""Optimistic locking per aggregate: the root's version goes up by one in each transaction that changes any part.

SQLAlchemy's version_id_col only sees the root's own row; an order whose lines or reservations alone changed would
not be guarded. So versions are managed here (version_id_generator=False): before each flush, every new or changed
aggregate gets version + 1, once per transaction. The UPDATE of the root then says WHERE version = <as read>, and a
transaction that read an older version gets StaleDataError (a ConcurrencyConflict for the application).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session, UOWTransaction

from oms.adapters.sql.history import SAVED
from oms.domain.masterdata.parties import Branch, Customer, Warehouse
from oms.domain.masterdata.products import Product
from oms.domain.sales.quotation import Quotation
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.tax import TaxRate
from oms.domain.stock.levels import StockLevel

VERSIONED = (Product, Customer, Branch, Warehouse, TaxRate, StockLevel, Quotation, SalesOrder)
BUMPED = "oms_versions_bumped"


def _parts(root: Any) -> Iterator[Any]:
    """The entities inside an aggregate, besides its root."""
    if isinstance(root, Quotation):
        yield from root.lines
    elif isinstance(root, SalesOrder):
        yield from root.lines
        yield from root.reservations
        for issue in root.goods_issues:
            yield issue
            yield from issue.lines


def _changed(session: Session, root: Any) -> bool:
    if session.is_modified(root, include_collections=True):
        return True
    if len(getattr(root, "history", ())) > inspect(root).info.get(SAVED, 0):
        return True
    return any(session.is_modified(part, include_collections=True) for part in _parts(root))


def bump_versions(session: Session, _flush: UOWTransaction, _instances: object) -> None:
    """before_flush: new aggregates become version 1, changed ones version + 1, once per transaction."""
    bumped: set[int] = session.info.setdefault(BUMPED, set())
    for obj in [*session.new, *session.identity_map.values()]:
        if not isinstance(obj, VERSIONED) or id(obj) in bumped:
            continue
        if inspect(obj).pending or _changed(session, obj):
            obj.version += 1
            bumped.add(id(obj))


def forget_bumps(session: Session, _transaction: object) -> None:
    """after_transaction_end: the next transaction bumps again."""
    session.info.pop(BUMPED, None)
