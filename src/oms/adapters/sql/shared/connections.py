"""The driver connections oms's transactions run on, kept out of SQLAlchemy's pool between transactions.

Checking a connection out of SQLAlchemy's pool and back in goes through a queue and its lock, a weak reference and
the pool's events: about a twentieth of an order created and confirmed on SQLite. A transaction takes a connection
from this shelf instead (from the pool when the shelf has none idle) and puts it back when it ends. The shelf keeps
at most as many idle as the pool would (its `pool_size`; none for a pool that keeps none, as NullPool): the others
go back to the pool, which closes its overflow. One that failed is not put back either: the transaction
invalidates it and returns it to the pool, which connects afresh when it is given out again.
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
        size = getattr(engine.pool, "size", None)  # QueuePool's; other pools keep no set number
        self._keep: int = size() if callable(size) else 0

    def take(self) -> Any:
        """An idle connection, or a new one from the pool (which may wait for one, up to its timeout)."""
        try:
            return self._idle.pop()
        except IndexError:
            return self._engine.raw_connection()

    def put_back(self, pooled: Any) -> None:
        """A connection whose transaction ended (committed or rolled back), for the next transaction; back to the
        pool if the shelf holds as many as it keeps."""
        if len(self._idle) < self._keep:
            self._idle.append(pooled)
        else:
            pooled.close()

    def close(self) -> None:
        """Return the idle connections to the pool (before it is disposed of)."""
        while self._idle:
            self._idle.pop().close()
