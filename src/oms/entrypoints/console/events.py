"""The global event feed in the console: every committed event in the feed's order, after a cursor, of the types
chosen, a page at a time; each row links to the page of the document it happened to, where the console has one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, render_template, request, url_for
from werkzeug.wrappers import Response

from oms.application.shared.relay import event_feed
from oms.domain.event_types import EVENT_TYPES, schema_version
from oms.domain.shared.errors import DomainError
from oms.entrypoints.console.actions import DETAIL_PAGES
from oms.entrypoints.console.auth import require
from oms.entrypoints.console.paging import PAGE_SIZE, next_page_url
from oms.entrypoints.event_schemas import BASE_FIELDS
from oms.entrypoints.http.config import api
from oms.ports.shared.relay import PublishedEvent

# The resource whose page shows the document an event of this type happened to (its aggregate_id); the events of
# document families name their document's type in the payload instead.
DOCUMENT_OF = {"QuotationRevised": "quotation", "QuotationConverted": "quotation", "GoodsIssued": "sales_order",
               "ReturnAuthorised": "sales_order", "GoodsReturned": "sales_order", "StockReserved": "sales_order",
               "ReservationReleased": "sales_order", "InvoicePosted": "invoice", "PaymentReceived": "payment",
               "JournalEntryPosted": "journal_entry"}


def document_url(event: PublishedEvent) -> str | None:
    """The console page of the event's document, or None (a stock level's movement, a type with no page)."""
    resource = DOCUMENT_OF.get(event.type) or str(event.payload.get("document_type", "")).replace(" ", "_")
    endpoint = DETAIL_PAGES.get(resource)
    return None if endpoint is None else url_for(endpoint, ref=event.aggregate_id)


def details(payload: Mapping[str, Any]) -> str:
    """The event's own fields in one line (`number=SO-000001, to_status=confirmed`)."""
    return ", ".join(f"{name}={value}" for name, value in payload.items() if name not in BASE_FIELDS)


def events_page() -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    cursor = request.args.get("cursor", "").strip()
    types = [name for name in request.args.getlist("type") if name]
    page, error = None, None
    unknown = [name for name in types if name not in EVENT_TYPES]
    try:
        if unknown:
            raise ValueError(f"type: no event type is called {', '.join(unknown)}")
        if cursor and not cursor.isdigit():
            raise ValueError("cursor: a position in the feed (digits), as the Next page link gives")
        page = event_feed(api().events, cursor or None, types, PAGE_SIZE)
    except (DomainError, ValueError) as refused:
        error = str(refused)
    full = page is not None and len(page.items) == PAGE_SIZE
    return render_template(
        "console/events.html", page=page, error=error, cursor=cursor, types=types, type_names=sorted(EVENT_TYPES),
        rows=[(event, schema_version(event.type), document_url(event), details(event.payload))
              for event in (page.items if page else ())],
        next_url=next_page_url("console.events", page.next_cursor if full and page else None),
        newer_url=None if page is None or full else url_for("console.events", type=types, cursor=page.next_cursor))


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/events", "events", events_page)
