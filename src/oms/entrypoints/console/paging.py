"""Lists page by page: their size, the days their filters take, and the link to the next page (the same filters,
the cursor the listing answered)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask import request, url_for

PAGE_SIZE = 25


def next_page_url(endpoint: str, next_cursor: str | None, **path: Any) -> str | None:
    """The URL of the page after this one (None on the last page), keeping every filter of this request."""
    if not next_cursor:
        return None
    kept: dict[str, Any] = {name: values for name, values in request.args.lists() if name != "cursor"}
    return url_for(endpoint, **path, **kept, cursor=next_cursor)


def day(value: str, field: str, *, next_day: bool = False) -> datetime | None:
    """A day of a filter (YYYY-MM-DD) as the time it starts in UTC, or the next one's start (an end that excludes)."""
    if not value:
        return None
    try:
        given = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{field}: must be a date as YYYY-MM-DD") from None
    return datetime.combine(given + timedelta(days=1) if next_day else given, time(), tzinfo=UTC)
