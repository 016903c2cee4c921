"""Listings of documents: filtered by status, customer, branch and creation time, paged by keyset (an opaque cursor).

Pages are ordered by (created_at, id), oldest first unless `newest_first`. A page's `next_cursor` is the position of
its last item: the next page starts strictly after it, so page 1000 costs what page 1 does, and documents created
meanwhile never shift or repeat items.
"""

from __future__ import annotations

import base64
import binascii
import enum
import json
from datetime import datetime
from decimal import Decimal
from typing import Protocol, TypeVar

from attrs import field, frozen

from oms.domain.shared.errors import InvalidValue

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
S = TypeVar("S", bound=enum.StrEnum)


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.utcoffset() is None:
        raise InvalidValue("created", "give the time with a timezone (e.g. 2026-01-31T00:00:00Z)")
    return value


@frozen(kw_only=True)
class ListingQuery:
    """What to list. `statuses` empty means any; `created_from` is inclusive, `created_until` exclusive."""

    statuses: tuple[str, ...] = ()
    customer_id: str | None = None
    branch_id: str | None = None
    created_from: datetime | None = field(default=None, converter=_aware)
    created_until: datetime | None = field(default=None, converter=_aware)
    newest_first: bool = False
    limit: int = DEFAULT_LIMIT
    cursor: str | None = None

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_LIMIT:
            raise InvalidValue("limit", f"must be from 1 to {MAX_LIMIT}")
        if self.created_from and self.created_until and self.created_from > self.created_until:
            raise InvalidValue("created_until", "must not be before created_from")


@frozen(kw_only=True)
class DocumentSummary:
    """One row of a listing: enough to show and to open the document."""

    id: str
    number: str
    status: str
    customer_id: str
    customer_code: str
    branch_id: str
    branch_code: str
    currency: str
    grand_total: Decimal
    created_at: datetime


@frozen(kw_only=True)
class Page:
    items: tuple[DocumentSummary, ...]
    next_cursor: str | None  # None on the last page


class DocumentListing(Protocol):
    def sales_orders(self, query: ListingQuery) -> Page: ...
    def quotations(self, query: ListingQuery) -> Page: ...


def parse_statuses(query: ListingQuery, statuses: type[S]) -> list[S]:
    """The query's statuses as the document's enum; an unknown one is an InvalidValue naming the allowed ones."""
    try:
        return [statuses(value) for value in query.statuses]
    except ValueError:
        allowed = ", ".join(s.value for s in statuses)
        raise InvalidValue("status", f"must be one of {allowed}") from None


def encode_cursor(item: DocumentSummary, newest_first: bool) -> str:
    raw = json.dumps([item.created_at.isoformat(), item.id, newest_first]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(query: ListingQuery) -> tuple[datetime, str] | None:
    """The (created_at, id) after which the page starts; refuses a cursor that is not one of ours."""
    if query.cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(query.cursor + "=" * (-len(query.cursor) % 4))
        created, document_id, newest_first = json.loads(raw)
        position = (datetime.fromisoformat(created), str(document_id))
    except (binascii.Error, ValueError, TypeError) as error:
        raise InvalidValue("cursor", "is not a cursor this listing returned") from error
    if newest_first is not query.newest_first or position[0].utcoffset() is None:
        raise InvalidValue("cursor", "belongs to a listing in the other order")
    return position


def page_of(rows: list[DocumentSummary], query: ListingQuery) -> Page:
    """A page from up to limit + 1 rows in listing order: the extra row only says that there is a next page."""
    items = tuple(rows[: query.limit])
    more = len(rows) > query.limit
    return Page(items=items, next_cursor=encode_cursor(items[-1], query.newest_first) if more else None)
