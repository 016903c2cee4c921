"""The driver connections oms's transactions run on, kept out of SQLAlchemy's pool between transactions.

Checking a connection out of SQLAlchemy's pool and back in goes through a queue and its lock, a weak reference and
the pool's events: about a twentieth of an order created and confirmed on SQLite. A transaction takes a connection
from this shelf instead (from the pool when the shelf has none idle) and puts it back when it ends, so a process
keeps as many as it ran transactions at once, never more than the pool gives out. One that failed is not put back:
the transaction invalidates it and returns it to the pool, which connects afresh when it is given out again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine


class ConnectionShelf:
    """Pooled connections (SQLAlchemy's, checked out) idle between transactions; thread-safe (a list's append and
    pop are atomic)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._idle: list[Any] = []

    def take(self) -> Any:
        """An idle connection, or a new one from the pool (which may wait for one, up to its timeout)."""
        try:
            return self._idle.pop()
        except IndexError:
            return self._engine.raw_connection()

    def put_back(self, pooled: Any) -> None:
        """A connection whose transaction ended (committed or rolled back), for the next transaction."""
        self._idle.append(pooled)

    def close(self) -> None:
        """Return the idle connections to the pool (before it is disposed of)."""
        while self._idle:
            self._idle.pop().close()
