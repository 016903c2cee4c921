"""Database errors as the domain's: a duplicate natural key, a conflict that is safe to retry, a store held too long.

The adapter talks to the drivers (sqlite3, psycopg) directly, so their own exceptions are translated here: a unique
violation of a natural key is AlreadyExists, of a primary key (a row someone else inserted first), a deadlock, a
serialization failure or a lost connection is a ConcurrencyConflict (the bus runs the command again, the failed
attempt having rolled back whole), and SQLite's write lock still held after the busy timeout is StoreBusy.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping

import psycopg

from oms.domain.shared.errors import AlreadyExists, ConcurrencyConflict, DomainError, StoreBusy

UNIQUE_VIOLATION = "23505"
RETRYABLE_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected
SQLITE_LOCKED = ("database is locked", "database table is locked", "database is busy")
_PG_DETAIL = re.compile(r"Key \((?P<columns>[^)]*)\)=\((?P<values>.*)\) already exists")


def _unique_violation(error: Exception) -> tuple[str, set[str], str | None] | None:
    """(table, columns, the duplicate value if the database says it) of a unique violation, else None."""
    if isinstance(error, psycopg.errors.UniqueViolation):
        diag = error.diag
        found = _PG_DETAIL.match(diag.message_detail or "")
        columns = {c.strip() for c in found["columns"].split(",")} if found else set()
        return diag.table_name or "", columns, found["values"] if found else None
    if isinstance(error, sqlite3.IntegrityError) and str(error).startswith("UNIQUE constraint failed: "):
        names = [part.strip() for part in str(error).removeprefix("UNIQUE constraint failed: ").split(",")]
        return names[0].split(".")[0], {name.split(".", 1)[-1] for name in names}, None
    return None


def translate(error: Exception, natural_keys: Mapping[str, tuple[str, str]], pending: Mapping[str, str]
              ) -> DomainError | None:
    """The domain's error for a driver's, or None when it is not one of those above.

    `natural_keys` maps a table to (the kind errors name, its natural-key column); `pending` maps a table to the
    natural key of a row this transaction was inserting into it, for databases that do not say which it was."""
    violated = _unique_violation(error)
    if violated is not None:
        table, columns, value = violated
        kind, column = natural_keys.get(table, ("", ""))
        if column and columns == {column}:
            return AlreadyExists(kind, value or pending.get(table, "?"))
        return ConcurrencyConflict(f"a {table} row was inserted by another transaction first")
    if isinstance(error, psycopg.Error):
        if error.sqlstate in RETRYABLE_SQLSTATES:
            return ConcurrencyConflict("the database asked to retry (a deadlock or serialization failure)")
        if connection_lost(error):
            return ConcurrencyConflict("the connection to the database was lost")
    if isinstance(error, sqlite3.OperationalError) and any(text in str(error) for text in SQLITE_LOCKED):
        return StoreBusy("the database is busy with another writer; try again shortly")
    return None


def connection_lost(error: Exception) -> bool:
    """Whether the connection is broken (the server went away or shut down): it must not be used again."""
    return isinstance(error, psycopg.OperationalError) and (error.sqlstate or "08").startswith(("08", "57P"))
