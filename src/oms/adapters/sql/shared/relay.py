"""The SQL event log the relay and the event feed read: outbox rows in the order they committed, and each
subscriber's progress with its lease.

The trap: `outbox.seq` is taken when a row is inserted, but on PostgreSQL transactions commit out of `seq` order, so
a reader going by "seq above the last one seen" can pass over a row whose transaction commits later with a lower seq.
The way out here is a second number given only to committed rows, by one sequencer at a time:

- `read` first sequences: in a transaction of its own it locks the sequencer's row of `relay_progress` (an UPDATE,
  so on PostgreSQL a row lock held to the commit, on SQLite the write lock), takes up to a batch of the rows that are
  committed and not yet sequenced (`published_at IS NULL`, in `seq` order; rows of running transactions are not
  visible, so they are left for a later pass) and numbers them on from the last number given (`published_seq`,
  `published_at`). The lock makes sequencing passes follow each other, each committing before the next starts, so
  `published_seq` grows in commit order: once a reader sees number n, every number below n is committed and visible.
  A cursor on `published_seq` therefore never skips.
- Events of one document keep their order: two transactions that both commit events of one document are ordered by
  its version check (the second read the document after the first committed), so the second's rows are inserted,
  hence committed and sequenced, after the first's.
- The `PublishedEvent.id` comes from the row's `seq` (`evt_` and 12 digits), stable from the insert; its `seq` is
  the `published_seq`.

SQLite has one writer, so `seq` order is commit order already; the same code runs there. Each subscriber's row holds
its progress (the `published_seq` it took last) and a lease: a claim is a conditional UPDATE (free, or the lease
ran out, and not backing off), which on PostgreSQL waits for a concurrent claim's commit and then finds the row
taken, so two relays never deliver to one subscriber at once; an advance applies only while the claimer still holds
the lease.

Wake-ups (PostgreSQL): every transaction that writes events sends a notice on `OUTBOX_CHANNEL` (outbox.py), and
`OutboxWakeups` listens for it on a connection of its own in a thread, so an idle relay steps as soon as events are
committed. While it is not connected (at start, after a lost connection) the relay's poll is all there is.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import psycopg
from sqlalchemy import Engine, and_, bindparam, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from oms.adapters.sql.shared.outbox import OUTBOX_CHANNEL
from oms.adapters.sql.shared.tables import outbox, relay_progress
from oms.ports.shared.relay import EventWakeups, PublishedEvent

logger = logging.getLogger(__name__)

SEQUENCER = "(sequencer)"  # relay_progress row locked while sequencing (its seq: the last published_seq given)
SEQUENCE_BATCH = 500
RECONNECT_SECONDS = (0.5, 1, 2, 5, 10)  # waits before each new attempt to listen, the last one repeated


def event_id(seq: int) -> str:
    return f"evt_{seq:012d}"


class SqlEventLog:
    def __init__(self, engine: Engine, now: Callable[[], datetime]) -> None:
        self._engine = engine
        self._now = now

    def wakeups(self) -> EventWakeups | None:
        """What wakes an idle relay when events are committed: a listener on PostgreSQL, None elsewhere (SQLite has
        no notices; its relay polls)."""
        return OutboxWakeups(self._engine) if self._engine.dialect.name == "postgresql" else None

    def sequence(self, limit: int = SEQUENCE_BATCH) -> int:
        """Numbers up to `limit` committed rows not numbered yet; answers how many. Takes no lock (writes nothing)
        while every row is numbered: an idle relay or a feed read only reads."""
        with self._engine.connect().execution_options(oms_read_only=True) as connection:
            if connection.execute(select(outbox.c.seq).where(outbox.c.published_at.is_(None)).limit(1)).first() is None:
                return 0
        self._ensure(SEQUENCER)
        with self._engine.begin() as connection:
            connection.execute(update(relay_progress).where(relay_progress.c.subscriber == SEQUENCER)
                               .values(leased_until=self._now()))  # the lock, held to the commit
            last = connection.execute(select(func.coalesce(func.max(outbox.c.published_seq), 0))).scalar_one()
            pending = connection.execute(select(outbox.c.seq).where(outbox.c.published_at.is_(None))
                                         .order_by(outbox.c.seq).limit(limit)).scalars().all()
            if not pending:
                return 0
            now = self._now()
            connection.execute(update(outbox).where(outbox.c.seq == bindparam("row_seq"))
                               .values(published_seq=bindparam("number"), published_at=now),
                               [{"row_seq": seq, "number": last + i} for i, seq in enumerate(pending, 1)])
            connection.execute(update(relay_progress).where(relay_progress.c.subscriber == SEQUENCER)
                               .values(seq=last + len(pending)))
            return len(pending)

    def read(self, after: int, limit: int, types: Sequence[str] = ()) -> Sequence[PublishedEvent]:
        self.sequence()
        statement = (select(outbox.c.seq, outbox.c.published_seq, outbox.c.event_type, outbox.c.aggregate_id,
                            outbox.c.occurred_at, outbox.c.payload)
                     .where(outbox.c.published_seq > after).order_by(outbox.c.published_seq).limit(limit))
        if types:
            statement = statement.where(outbox.c.event_type.in_(list(types)))
        with self._engine.connect().execution_options(oms_read_only=True) as connection:
            rows = connection.execute(statement).mappings().all()
        return [PublishedEvent(id=event_id(row["seq"]), seq=row["published_seq"], type=row["event_type"],
                               aggregate_id=row["aggregate_id"], occurred_at=row["occurred_at"],
                               payload=row["payload"]) for row in rows]

    def claim(self, subscriber: str, owner: str, now: datetime, lease_seconds: float) -> int | None:
        self._ensure(subscriber)
        row = relay_progress.c
        with self._engine.begin() as connection:
            taken = connection.execute(
                update(relay_progress)
                .where(row.subscriber == subscriber, or_(row.leased_until.is_(None), row.leased_until <= now),
                       or_(row.retry_at.is_(None), row.retry_at <= now))
                .values(owner=owner, leased_until=now + timedelta(seconds=lease_seconds)))
            if taken.rowcount != 1:
                return None
            seq: int = connection.execute(select(row.seq).where(row.subscriber == subscriber)).scalar_one()
            return seq

    def advance(self, subscriber: str, owner: str, seq: int) -> bool:
        return self._end_lease(subscriber, owner, seq=seq, retry_at=None, failures=0) == 1

    def fail(self, subscriber: str, owner: str, retry_at: Callable[[int], datetime]) -> int:
        row = relay_progress.c
        with self._engine.begin() as connection:
            failures: int = connection.execute(select(row.failures).where(row.subscriber == subscriber)).scalar_one()
        self._end_lease(subscriber, owner, retry_at=retry_at(failures + 1), failures=failures + 1)
        return failures + 1

    def _end_lease(self, subscriber: str, owner: str, **values: Any) -> int:
        row = relay_progress.c
        with self._engine.begin() as connection:
            result = connection.execute(update(relay_progress)
                                        .where(and_(row.subscriber == subscriber, row.owner == owner))
                                        .values(owner=None, leased_until=None, **values))
            return int(result.rowcount)

    def _ensure(self, subscriber: str) -> None:
        """The subscriber's row, made at its first claim: a new subscriber starts with the first event."""
        with self._engine.connect().execution_options(oms_read_only=True) as connection:
            if connection.execute(select(func.count()).select_from(relay_progress)
                                  .where(relay_progress.c.subscriber == subscriber)).scalar_one():
                return
        try:
            with self._engine.begin() as connection:
                connection.execute(insert(relay_progress).values(subscriber=subscriber, seq=0, failures=0))
        except IntegrityError:  # another relay made it meanwhile
            pass


class OutboxWakeups:
    """Notices of committed events, heard by a thread on a connection of its own (started at the first `wait`),
    reconnecting after a lost connection."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._heard = threading.Event()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.listening = threading.Event()  # set while connected and listening (for tests and logs)

    def wait(self, seconds: float) -> bool:
        self._start()
        if not self._heard.wait(seconds):
            return False
        self._heard.clear()  # a notice arriving after this wakes the next wait: nothing committed is passed by
        return True

    def close(self) -> None:
        self._stopped.set()

    def _start(self) -> None:
        with self._lock:
            if self._thread is None and not self._stopped.is_set():
                self._thread = threading.Thread(target=self._listen, name="oms-outbox-listener", daemon=True)
                self._thread.start()

    def _listen(self) -> None:
        attempt = 0
        while not self._stopped.is_set():
            try:
                self._listen_once()
                attempt = 0
            except Exception as error:  # lost or refused: the relay polls meanwhile
                logger.info("not listening to %s (%s); the relay polls meanwhile", OUTBOX_CHANNEL, error)
            self.listening.clear()
            self._stopped.wait(RECONNECT_SECONDS[min(attempt, len(RECONNECT_SECONDS) - 1)])
            attempt += 1

    def _listen_once(self) -> None:
        url = self._engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as connection:
            connection.execute(f"LISTEN {OUTBOX_CHANNEL}")
            self.listening.set()
            self._heard.set()  # events may have come while it was not listening: look once
            while not self._stopped.is_set():
                for _ in connection.notifies(timeout=1.0, stop_after=1):
                    self._heard.set()
