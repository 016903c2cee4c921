"""What the event relay hands to its subscribers (webhooks, the message broker, later carts and subscriptions):
the events of the outbox as they leave oms, and the port every subscriber implements.

The relay reads the outbox in order and gives each subscriber every committed event at least once, keeping each
subscriber's progress apart, so one that fails or is slow holds back only itself. A subscriber must take an event it
has seen before as harmless: `PublishedEvent.id` is stable, for receivers to drop duplicates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
