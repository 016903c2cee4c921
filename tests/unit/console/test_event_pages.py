"""The global event feed in the console: in the feed's order after a cursor, filtered by type, a page at a time,
each row linking to its document's page; bad filters named."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from oms.domain.access.tokens import Role
from oms.entrypoints.console import events as event_pages
from oms.entrypoints.console.paging import PAGE_SIZE
from oms.entrypoints.http.testing import Caller, app_with_tokens
from tests.unit.console.conftest import Browser, browser, text


def _confirmed_order(app: Flask) -> str:
    api_app, tokens = app_with_tokens(app.extensions["oms"].system)
    created = Caller(api_app.test_client(), tokens[Role.CLERK]).post("/sales-orders", json={
        "customer_code": "ACME", "branch_code": "BER", "confirm": True, "lines": [{"sku": "DESK", "quantity": "2"}]})
    assert created.status_code == 201, created.get_json()
    order_id: str = created.get_json()["id"]
    return order_id


def _feed(app: Flask) -> list[dict[str, object]]:
    api_app, tokens = app_with_tokens(app.extensions["oms"].system)
    items: list[dict[str, object]] = Caller(api_app.test_client(), tokens[Role.VIEWER]).get(
        "/events?limit=500").get_json()["items"]
    return items


def _rows(page: str) -> list[tuple[int, str]]:
    """(seq, type) of each row shown."""
    return [(int(seq), kind) for seq, kind in
            re.findall(r'<tr>\s*<td class="num">(\d+)</td><td>[^<]*</td>\s*<td>(\w+) <small>', page)]


def test_the_events_page_lists_the_feed_in_order_with_versions_and_links_to_the_documents(
        app: Flask, clerk: Browser) -> None:
    order_id = _confirmed_order(app)

    page = text(clerk.get("/console/events"))

    feed = _feed(app)
    assert _rows(page) == [(e["seq"], e["type"]) for e in feed][:PAGE_SIZE]
    assert {"DocumentCreated", "StatusChanged", "StockReserved"} <= {kind for _, kind in _rows(page)}
    assert "<small>v1</small>" in page
    assert page.count(f'href="/console/sales-orders/{order_id}"') >= 3  # created, confirmed, reserved
    assert 'href="/console/events"' in page  # in the menu


def test_the_events_page_pages_by_cursor_keeping_the_type_filter(
        app: Flask, clerk: Browser, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(event_pages, "PAGE_SIZE", 2)
    for _ in range(3):
        _confirmed_order(app)
    wanted = [(e["seq"], e["type"]) for e in _feed(app) if e["type"] in ("StockReserved", "StatusChanged")]

    shown: list[tuple[int, str]] = []
    url: str | None = "/console/events?type=StockReserved&type=StatusChanged"
    while url:
        page = text(clerk.get(url))
        shown.extend(_rows(page))
        found = re.search(r'<a class="button" href="([^"]+)">Next page', page)
        url = found.group(1).replace("&amp;", "&") if found else None

    assert len(wanted) > 2 * 2  # three pages at least
    assert shown == wanted
    assert _rows(text(clerk.get(f"/console/events?cursor={wanted[3][0]}&type=StockReserved"))) == [
        row for row in wanted[4:] if row[1] == "StockReserved"]


def test_a_bad_type_or_cursor_is_named_and_a_visitor_is_sent_to_sign_in(app: Flask, clerk: Browser) -> None:
    unknown = text(clerk.get("/console/events?type=OrderShipped"))
    bad_cursor = text(clerk.get("/console/events?cursor=abc"))
    anonymous = browser(app, None).get("/console/events")

    assert 'class="flash problem"' in unknown
    assert "type: no event type is called OrderShipped" in unknown
    assert 'class="flash problem"' in bad_cursor
    assert "cursor:" in bad_cursor
    assert anonymous.status_code == 302
    assert "/console/sign-in" in anonymous.location
