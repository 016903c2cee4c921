"""The event relay: hands every committed event of the outbox at least once to every registered subscriber.

Each subscriber has its own progress (the `seq` of the last event it took), kept by the event log, so a crash or a
restart never loses or skips an event: what was not acknowledged is handed over again. A relay claims a subscriber
before delivering (a lease), so several relay processes never deliver to one subscriber at the same time; a
subscriber that raises keeps its progress and is tried again after a backoff (doubling, capped) while the others go
on. Events reach a subscriber in `seq` order, so the events of one document arrive in the order they happened.

An idle relay sleeps `poll_seconds` between looks, unless it has wake-ups (`EventWakeups`: on PostgreSQL a notice
from every transaction that wrote events), which end the sleep as soon as events were committed: the delay from a
commit to its hand-over is then a round trip, not up to a poll.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from attrs import frozen

from oms.domain.shared.errors import InvalidValue
from oms.ports.shared.relay import EventLog, EventSubscriber, EventWakeups, PublishedEvent

logger = logging.getLogger("oms.relay")

BATCH_SIZE = 100
LEASE_SECONDS = 60.0  # a relay that dies mid-delivery holds its subscribers this long
FIRST_BACKOFF_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 300.0
POLL_SECONDS = 1.0  # the sleep between polls when nothing was handed out
STOP_CHECK_SECONDS = 0.25  # while waiting for a wake-up, how often a relay looks whether it was stopped


def backoff_seconds(failures: int) -> float:
    """How long a subscriber that failed `failures` times in a row waits: 1 s, 2 s, 4 s, ... at most 5 minutes."""
    return float(min(MAX_BACKOFF_SECONDS, FIRST_BACKOFF_SECONDS * 2 ** min(max(failures - 1, 0), 30)))


class EventRelay:
    def __init__(self, log: EventLog, subscribers: Sequence[EventSubscriber], now: Callable[[], datetime], *,
                 batch_size: int = BATCH_SIZE, lease_seconds: float = LEASE_SECONDS,
                 wakeups: EventWakeups | None = None) -> None:
        self._log = log
        self._wakeups = wakeups
        self._subscribers = list(subscribers)
        self._now = now
        self._batch_size = batch_size
        self._lease_seconds = lease_seconds
        self.owner = f"relay-{uuid.uuid4().hex}"

    def step(self) -> int:
        """One batch to each subscriber that is free and has events waiting; answers how many events were taken."""
        return sum(self._deliver(subscriber) for subscriber in self._subscribers)

    def drain(self) -> int:
        """Steps until a step hands nothing out (subscribers backing off are left for later)."""
        total = 0
        while delivered := self.step():
            total += delivered
        return total

    def run(self, stop: threading.Event, poll_seconds: float = POLL_SECONDS) -> None:
        """Steps until `stop` is set, sleeping `poll_seconds` whenever a step had nothing to hand out (woken
        earlier by a wake-up when it has them). With no subscriber it only sleeps."""
        logger.info("relay %s: %d subscriber(s): %s", self.owner, len(self._subscribers),
                    ", ".join(s.name for s in self._subscribers) or "none")
        while not stop.is_set():
            try:
                delivered = self.step()
            except Exception:  # the store is unreachable: try again after the pause
                logger.exception("relay %s: a step failed", self.owner)
                delivered = 0
            if not delivered:
                self._idle(stop, poll_seconds)
        if self._wakeups is not None:
            self._wakeups.close()

    def _idle(self, stop: threading.Event, seconds: float) -> None:
        if self._wakeups is None or not self._subscribers:
            stop.wait(seconds)
            return
        deadline = time.monotonic() + seconds
        while not stop.is_set() and (left := deadline - time.monotonic()) > 0:
            if self._wakeups.wait(min(left, STOP_CHECK_SECONDS)):
                return

    def _deliver(self, subscriber: EventSubscriber) -> int:
        progress = self._log.claim(subscriber.name, self.owner, self._now(), self._lease_seconds)
        if progress is None:
            return 0
        events = self._log.read(progress, self._batch_size)
        if not events:
            self._log.advance(subscriber.name, self.owner, progress)
            return 0
        try:
            subscriber.deliver(events)
        except Exception:
            now = self._now()
            failures = self._log.fail(subscriber.name, self.owner,
                                      lambda count: now + timedelta(seconds=backoff_seconds(count)))
            logger.exception("relay: subscriber %s failed on events %d-%d (%d in a row)",
                             subscriber.name, events[0].seq, events[-1].seq, failures)
            return 0
        if not self._log.advance(subscriber.name, self.owner, events[-1].seq):
            logger.warning("relay: the lease on %s ran out during a delivery; another relay delivers again",
                           subscriber.name)
        return len(events)


FEED_LIMIT = 100
FEED_MAX_LIMIT = 500


@frozen(kw_only=True)
class EventPage:
    """A page of the global event feed: `items` in order, and `next_cursor` to ask for the next page with (the last
    item's seq, or the cursor asked with when the page is empty: ask again later)."""

    items: Sequence[PublishedEvent]
    next_cursor: str


def event_feed(log: EventLog, after: str | None = None, types: Sequence[str] = (),
               limit: int = FEED_LIMIT) -> EventPage:
    """The committed events after the cursor `after` (from the first when None), of `types` if any, at most `limit`
    (1 to 500). Hands out only what is safe, as the relay does: a later page never holds an event that belongs
    before the cursor."""
    try:
        position = 0 if after in (None, "") else int(str(after))
    except ValueError:
        raise InvalidValue("after", "a cursor from next_cursor (digits)") from None
    if position < 0:
        raise InvalidValue("after", "a cursor from next_cursor (digits)")
    if not 1 <= limit <= FEED_MAX_LIMIT:
        raise InvalidValue("limit", f"1 to {FEED_MAX_LIMIT}")
    items = log.read(position, limit, types)
    return EventPage(items=items, next_cursor=str(items[-1].seq if items else position))
