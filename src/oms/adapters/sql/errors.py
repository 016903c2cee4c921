"""Database errors as the domain's: duplicates of a natural key, and conflicts that are safe to retry."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy.exc import DBAPIError, IntegrityError

from oms.adapters.sql.tables import metadata
from oms.domain.masterdata.parties import Branch, Customer, Warehouse
from oms.domain.masterdata.products import Product
from oms.domain.sales.goods_issues import GoodsIssue
from oms.domain.sales.quotation import Quotation
from oms.domain.sales.sales_order import SalesOrder
from oms.domain.shared.errors import AlreadyExists, ConcurrencyConflict, DomainError
from oms.domain.shared.tax import TaxRate

# table -> (kind the in-memory adapter reports, class, natural key of an instance)
NATURAL_KEYS: dict[str, tuple[str, type[Any], Callable[[Any], str]]] = {
    "products": ("product", Product, lambda p: p.sku),
    "customers": ("customer", Customer, lambda c: c.code),
    "branches": ("branch", Branch, lambda b: b.code),
    "warehouses": ("warehouse", Warehouse, lambda w: w.code),
    "tax_rates": ("tax_rate", TaxRate, lambda r: f"{r.jurisdiction}|{r.category}"),
    "quotations": ("quotation", Quotation, lambda q: q.number),
    "sales_orders": ("sales_order", SalesOrder, lambda o: o.number),
    "goods_issues": ("goods_issue", GoodsIssue, lambda g: g.number),
}

UNIQUE_VIOLATION = "23505"
RETRYABLE_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected
RETRYABLE_SQLITE = ("database is locked", "database table is locked", "database is busy")


def _violated_unique(error: IntegrityError) -> tuple[str, bool] | None:
    """(table, whether it is the primary key) of a unique violation; None for other integrity errors."""
    orig = error.orig
    if getattr(orig, "sqlstate", None) == UNIQUE_VIOLATION:
        diag = getattr(orig, "diag", None)
        table = str(getattr(diag, "table_name", "") or "")
        constraint = str(getattr(diag, "constraint_name", "") or "")
        return table, constraint.startswith("pk_")
    message = str(orig)
    prefix = "UNIQUE constraint failed: "
    if not message.startswith(prefix):
        return None
    columns = [part.strip() for part in message[len(prefix):].split(",")]
    table = columns[0].split(".")[0]
    names = {column.split(".", 1)[-1] for column in columns}
    primary = metadata.tables.get(table)
    is_pk = primary is not None and names == {c.name for c in primary.primary_key.columns}
    return table, is_pk


def translate_integrity_error(error: IntegrityError, pending: Iterable[object]) -> DomainError | None:
    """AlreadyExists for a duplicate natural key (naming one of the `pending` new objects that has it),
    ConcurrencyConflict for a row someone else inserted first; None when it is neither."""
    violated = _violated_unique(error)
    if violated is None:
        return None
    table, is_pk = violated
    if not is_pk and table in NATURAL_KEYS:
        kind, cls, key = NATURAL_KEYS[table]
        duplicates = [key(obj) for obj in pending if isinstance(obj, cls)]
        return AlreadyExists(kind, duplicates[0] if duplicates else "?")
    return ConcurrencyConflict(f"a {table} row was inserted by another transaction first")


def is_retryable(error: BaseException) -> bool:
    """A deadlock, a serialization failure, or a SQLite lock still held after the busy timeout."""
    if not isinstance(error, DBAPIError):
        return False
    if getattr(error.orig, "sqlstate", None) in RETRYABLE_SQLSTATES:
        return True
    return any(text in str(error.orig) for text in RETRYABLE_SQLITE)
