"""What the event relay hands to its subscribers (webhooks, the message broker, later carts and subscriptions):
the events of the outbox as they leave oms, and the port every subscriber implements.

The relay reads the outbox in order and gives each subscriber every committed event at least once, keeping each
subscriber's progress apart, so one that fails or is slow holds back only itself. A subscriber must take an event it
has seen before as harmless: `PublishedEvent.id` is stable, for receivers to drop duplicates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

from attrs import frozen


@frozen(kw_only=True)
class PublishedEvent:
    """An event as it leaves oms.

    `id`: stable and unique (the same on every delivery of the event); `seq`: its place in the outbox (increasing in
    commit order as the relay hands events out); `type`: the event's name (`SalesOrderConfirmed`); `aggregate_id`: the
    document it is about (events of one document are handed out in the order they happened); `payload`: the event's
    fields as JSON values (ids, numbers, amounts as strings; never secrets)."""

    id: str
    seq: int
    type: str
    aggregate_id: str
    occurred_at: datetime
    payload: Mapping[str, Any]


class EventSubscriber(Protocol):
    @property
    def name(self) -> str:
        """A stable name: the relay keeps the subscriber's progress under it."""
        ...

    def deliver(self, events: Sequence[PublishedEvent]) -> None:
        """Take a batch of events, in outbox order. Raising means none of the batch counts as delivered: the relay
        hands it over again later (at least once)."""
        ...


class EventLog(Protocol):
    """The committed events in the order the relay hands them out (their `seq`), and each subscriber's progress.

    `read` hands out only events that are safe: no event with a lower `seq` can appear later (commits that end out of
    order are sequenced by the adapter, see `oms.adapters.sql.shared.relay`). The progress of a subscriber is the
    `seq` of the last event it took; a relay claims a subscriber (a lease: one relay at a time delivers to it),
    delivers, then advances the progress or, on failure, leaves it and backs off."""

    def read(self, after: int, limit: int, types: Sequence[str] = ()) -> Sequence[PublishedEvent]:
        """Up to `limit` events with `seq` above `after`, in order (only of `types`, if any)."""
        ...

    def claim(self, subscriber: str, owner: str, now: datetime, lease_seconds: float) -> int | None:
        """Take the subscriber for `owner` until `now` + `lease_seconds` and answer its progress; None while another
        relay holds it or while it backs off after a failure."""
        ...

    def advance(self, subscriber: str, owner: str, seq: int) -> bool:
        """The subscriber took every event up to `seq`: keep that and end the lease (False if `owner` lost it)."""
        ...

    def fail(self, subscriber: str, owner: str, retry_at: Callable[[int], datetime]) -> int:
        """The delivery failed: progress stays, the lease ends, and no claim succeeds before `retry_at(failures)`
        (`failures`: in a row, this one included); answers `failures`."""
        ...


class EventWakeups(Protocol):
    """Tells an idle relay that events were committed since it last looked (on PostgreSQL: LISTEN/NOTIFY, a notice
    sent by every transaction that wrote events), so it need not sleep out its poll; the poll stays as the fallback
    for a notice lost or a listener not connected."""

    def wait(self, seconds: float) -> bool:
        """Block until a notice came (True; forgotten once answered) or `seconds` passed (False)."""
        ...

    def close(self) -> None:
        """Stop listening (the next `wait` only sleeps)."""
        ...
