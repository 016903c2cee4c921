"""The global event feed: every committed event of every document, in order, a page at a time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs
from attrs import frozen

from oms.application.shared.relay import FEED_LIMIT, event_feed
from oms.domain.access.tokens import Role
from oms.domain.event_types import schema_version
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import ApiBlueprint, Call
from oms.entrypoints.http.listing import CURSOR, LIMIT, STATUSES, parameters

bp = ApiBlueprint("events", __name__, tag="events")


@frozen(kw_only=True)
class EventFeedQuery:
    """`after`: a page's `next_cursor` (from the first event when left out); `type` may be repeated (any of them)."""

    after: str | None = attrs.field(default=None, metadata=CURSOR)
    type: tuple[str, ...] = attrs.field(default=(), metadata=STATUSES)
    limit: int = attrs.field(default=FEED_LIMIT, metadata=LIMIT)


@frozen(kw_only=True)
class PublishedEventView:
    """An event as it leaves oms (as webhooks and the broker carry it): `payload` follows the schema of its `type`
    and `version` (the OpenAPI document's webhooks, docs/events.md)."""

    id: str
    seq: int
    type: str
    version: int
    aggregate_id: str
    occurred_at: datetime
    payload: dict[str, Any]


@frozen(kw_only=True)
class EventFeedPage:
    items: list[PublishedEventView]
    next_cursor: str


@bp.operation("GET", "/events", summary="Every committed event, in order, a page at a time (the global event feed)",
              role=Role.VIEWER, response=EventFeedPage, query=EventFeedQuery)
def list_events(call: Call) -> EventFeedPage:
    wanted = call.query(EventFeedQuery)
    with parameters({}):
        page = event_feed(api().events, wanted.after, wanted.type, wanted.limit)
    return EventFeedPage(items=[PublishedEventView(id=e.id, seq=e.seq, type=e.type, version=schema_version(e.type),
                                                   aggregate_id=e.aggregate_id,
                                                   occurred_at=e.occurred_at, payload=dict(e.payload))
                                for e in page.items], next_cursor=page.next_cursor)
