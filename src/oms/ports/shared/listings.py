"""Listings: any kind of row a store can page through by keyset, one general port for all of them.

A `Listing` declares what is listed (its name, its row type, the filters it takes, its order); each context
declares its own (sales orders, quotations, products, customers, stock movements) and the stores implement them.
Pages are ordered by (time, id) for documents and movements, or by a key (a SKU, a code) for master data; a page's
`next_cursor` is the position of its last row, so the next page starts strictly after it: page 1000 costs what page
1 does, and rows added meanwhile never shift or repeat rows. A cursor names its listing and its order, and is
refused (InvalidValue naming `cursor`) by any other, or when it was tampered with.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Generic, Protocol, TypeVar

from attrs import field, frozen

from oms.domain.shared.errors import InvalidValue

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_CURSOR = 400  # characters
NO_MATCH = "-"  # an id no row has: what a filter by a code that does not exist looks for
T = TypeVar("T")
_ID = re.compile(r"[0-9A-Za-z_.:@+-]{1,128}")  # an id or key in a cursor: never a control character or surrogate


@frozen(kw_only=True)
class Listing(Generic[T]):
    """A listing a store can page through. `by_time`: ordered by (time, id), else by a key. `filters`: the names
    it takes (what each means is said where the listing is declared). `pageable`: False for a listing ordered by
    a value that changes all the time (stock available), whose first `limit` rows are all it gives: a cursor into
    it would skip or repeat rows."""

    name: str
    filters: frozenset[str]
    by_time: bool = True
    pageable: bool = True
    choices: Mapping[str, frozenset[str]] = field(factory=dict)  # the values a filter of a few takes (statuses)


def _aware(value: object) -> object:
    if isinstance(value, datetime) and value.utcoffset() is None:
        raise InvalidValue("created_from", "give the time with a timezone (e.g. 2026-01-31T00:00:00Z)")
    return value


@frozen(kw_only=True)
class ListingQuery:
    """What to list: `filters` by name (a listing refuses names it does not take); `newest_first` (documents and
    movements) or descending keys; `limit` rows (1 to 500) from `cursor`, a page's `next_cursor` of the same
    listing, order and filters."""

    filters: Mapping[str, Any] = field(factory=dict)
    newest_first: bool = False
    limit: int = DEFAULT_LIMIT
    cursor: str | None = None

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_LIMIT:
            raise InvalidValue("limit", f"must be from 1 to {MAX_LIMIT}")
        for value in self.filters.values():
            _aware(value)
        start, end = self.filters.get("from"), self.filters.get("until")
        if start is not None and end is not None and start > end:
            raise InvalidValue("created_until", "must not be before created_from")

    def checked(self, listing: Listing[Any]) -> ListingQuery:
        unknown = sorted(set(self.filters) - listing.filters)
        if unknown:
            raise InvalidValue(unknown[0], f"is not a filter of the {listing.name} listing")
        if self.cursor is not None and not listing.pageable:
            raise InvalidValue("cursor", f"the {listing.name} listing has one page only")
        for name, allowed in listing.choices.items():
            given = self.filters.get(name) or ()
            if not set(given) <= allowed:
                raise InvalidValue(name, f"must be one of {', '.join(sorted(allowed))}")
        return self


@frozen(kw_only=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    next_cursor: str | None  # None on the last page


class Listings(Protocol):
    def page(self, listing: Listing[T], query: ListingQuery) -> Page[T]:
        """A page of the listing; raises InvalidValue naming a filter or the cursor it cannot take."""
        ...


Position = tuple[datetime, str] | tuple[str]


def encode_cursor(listing: Listing[Any], position: Position, newest_first: bool) -> str:
    first = position[0]
    values: list[Any] = [first.isoformat(), position[-1]] if isinstance(first, datetime) else [first]
    raw = json.dumps([listing.name, newest_first, *values]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(listing: Listing[Any], query: ListingQuery) -> Position | None:
    """Where the page starts (after this position); refuses a cursor that this listing, in this order, did not
    make: another listing's, another order's, or one tampered with (a time out of range, an id that is not one)."""
    if query.cursor is None:
        return None
    try:
        if len(query.cursor) > MAX_CURSOR:
            raise ValueError("too long")
        decoded = json.loads(base64.urlsafe_b64decode(query.cursor + "=" * (-len(query.cursor) % 4)))
        name, newest_first, *values = decoded
        position = _position(listing, values)
    except (binascii.Error, ValueError, TypeError, OverflowError, UnicodeError, RecursionError):
        raise InvalidValue("cursor", "is not a cursor this listing returned") from None
    if name != listing.name:
        raise InvalidValue("cursor", f"belongs to another listing, not to {listing.name}")
    if newest_first is not query.newest_first:
        raise InvalidValue("cursor", "belongs to a listing in the other order")
    return position


def _position(listing: Listing[Any], values: list[Any]) -> Position:
    if listing.by_time:
        at, key = values
        if not isinstance(at, str) or not isinstance(key, str) or not _ID.fullmatch(key):
            raise ValueError("not a position")
        moment = datetime.fromisoformat(at)
        if moment.utcoffset() is None:
            raise ValueError("a naive time")
        return moment.astimezone(UTC), key
    [key] = values
    if not isinstance(key, str) or not key or len(key) > 128 or not key.isprintable():
        raise ValueError("not a key")
    key.encode("utf-8")
    return (key,)


def page_of(listing: Listing[T], rows: Sequence[T], query: ListingQuery,
            position: Any) -> Page[T]:
    """A page from up to limit + 1 rows in listing order: the extra row only says that there is a next page.
    `position(row)` is where a row stands (what `decode_cursor` gives back)."""
    items = tuple(rows[: query.limit])
    more = len(rows) > query.limit
    return Page(items=items, next_cursor=encode_cursor(listing, position(items[-1]), query.newest_first)
                if more and listing.pageable else None)
