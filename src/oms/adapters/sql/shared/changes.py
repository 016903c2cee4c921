"""Change counters: what a process may keep in memory (master data, API tokens) is valid while its counter stands.

Every transaction that changes master data or tokens raises the counter of that topic, in the same transaction
(`bump`). A process asks `current(topic)` before trusting what it keeps: on SQLite that reads the counter (a row
in the same file: cheaper than the reads it saves); on PostgreSQL a listener thread hears every raise at once
(LISTEN/NOTIFY: the notice is sent when the raising transaction commits, and carries the new value), so
`current` answers from memory without a round trip. While the listener is not connected (at start, after a lost
connection) `current` reads the counter instead, so a process never trusts a cache it cannot vouch for.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import psycopg
from sqlalchemy import Engine, String, bindparam, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from oms.adapters.sql.shared.tables import change_counters
from oms.adapters.sql.shared.transaction import Transaction

logger = logging.getLogger(__name__)

CHANNEL = "oms_changes"
MASTER_DATA = "masterdata"
TOKENS = "tokens"
TOPICS = (MASTER_DATA, TOKENS)
RECONNECT_SECONDS = (0.5, 1, 2, 5, 10)  # waits before each new attempt to listen, the last one repeated


class ChangeWatch:
    """The counters of one database, as this process knows them."""

    def __init__(self, engine: Engine, *, listen: bool = True) -> None:
        """`listen`: on PostgreSQL, start the listener thread (for long-running processes that keep caches)."""
        self._engine = engine
        self._known: dict[str, int] = {}
        self._listening = False
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._listen_wanted = listen and engine.dialect.name == "postgresql"

    def _start(self) -> None:
        """Start listening on first use (so a process that never asks, or a refused start, never connects)."""
        with self._lock:
            if self._thread is None and self._listen_wanted and not self._stopped.is_set():
                self._thread = threading.Thread(target=self._listen, name="oms-change-listener", daemon=True)
                self._thread.start()

    def known(self, topic: str) -> int | None:
        """The counter's value as the listener heard it, or None while it does not listen (then read it)."""
        if self._thread is None and self._listen_wanted:
            self._start()
        with self._lock:
            return self._known.get(topic) if self._listening else None

    def current(self, transaction: Transaction, topic: str) -> int:
        """The counter's value: from the listener while it listens, else read in `transaction`."""
        known = self.known(topic)
        if known is not None:
            return known
        statement = transaction.compiler.get(("change_counters", "read"), lambda: select(change_counters.c.value)
                                             .where(change_counters.c.name == bindparam("name")))
        rows = transaction.run(statement, {"name": topic})
        return int(rows[0]["value"]) if rows else 0

    def heard(self, topic: str, value: int) -> None:
        """A counter this process raised itself, committed: known at once, without waiting for the notice."""
        with self._lock:
            if self._listening:
                self._known[topic] = max(self._known.get(topic, 0), value)

    @staticmethod
    def bump(transaction: Transaction, topic: str) -> int:
        """Raise the counter in `transaction` (announced to every listener when it commits); the new value."""
        statement = transaction.compiler.get(("change_counters", "bump"), lambda: update(change_counters)
                                             .where(change_counters.c.name == bindparam("name"))
                                             .values(value=change_counters.c.value + 1)
                                             .returning(change_counters.c.value))
        rows = transaction.run(statement, {"name": topic})
        if not rows:  # a database whose counters were emptied: start the topic again
            dialect = postgresql if transaction.is_postgres else sqlite
            create = transaction.compiler.get(("change_counters", "create"), lambda: dialect.insert(change_counters)
                                              .values(name=bindparam("name"), value=0).on_conflict_do_nothing())
            transaction.run(create, {"name": topic})
            rows = transaction.run(statement, {"name": topic})
        value = int(rows[0]["value"])
        if transaction.is_postgres:
            notify = transaction.compiler.get(("change_counters", "notify"), lambda: select(
                func.pg_notify(bindparam("channel", type_=String()), bindparam("payload", type_=String()))))
            transaction.queue(notify, [{"channel": CHANNEL, "payload": f"{topic}:{value}"}])
        return value

    def stop(self) -> None:
        self._stopped.set()

    def _listen(self) -> None:
        attempt = 0
        while not self._stopped.is_set():
            try:
                self._listen_once()
                attempt = 0
            except Exception as error:  # the connection was lost or refused: trust nothing until listening again
                logger.info("not listening to %s changes (%s); reading the counters meanwhile", CHANNEL, error)
            with self._lock:
                self._listening = False
            self._stopped.wait(RECONNECT_SECONDS[min(attempt, len(RECONNECT_SECONDS) - 1)])
            attempt += 1

    def _listen_once(self) -> None:
        url = self._engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as connection:
            connection.execute(f"LISTEN {CHANNEL}")
            rows: Any = connection.execute("SELECT name, value FROM change_counters").fetchall()
            with self._lock:
                self._known = {name: int(value) for name, value in rows}
                self._listening = True
            while not self._stopped.is_set():
                for notice in connection.notifies(timeout=1.0, stop_after=100):
                    topic, _, value = notice.payload.partition(":")
                    with self._lock:
                        self._known[topic] = max(self._known.get(topic, 0), int(value))
