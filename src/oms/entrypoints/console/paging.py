"""The link to a list's next page: the same filters, the cursor the listing answered."""

from __future__ import annotations

from typing import Any

from flask import request, url_for


def next_page_url(endpoint: str, next_cursor: str | None, **path: Any) -> str | None:
    """The URL of the page after this one (None on the last page), keeping every filter of this request."""
    if not next_cursor:
        return None
    kept: dict[str, Any] = {name: values for name, values in request.args.lists() if name != "cursor"}
    return url_for(endpoint, **path, **kept, cursor=next_cursor)
