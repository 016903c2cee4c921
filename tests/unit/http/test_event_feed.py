"""The global event feed over HTTP: every committed event in order, paged by cursor, filtered by type."""

from __future__ import annotations

from typing import Any

from oms.entrypoints.http.testing import Caller


def _order(clerk: Caller) -> str:
    created = clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER", "confirm": True,
                                                "lines": [{"sku": "DESK", "quantity": "2"}]})
    assert created.status_code == 201, created.get_json()
    order_id: str = created.get_json()["id"]
    return order_id


def _page(viewer: Caller, query: str) -> dict[str, Any]:
    answer = viewer.get(f"/events?{query}")
    assert answer.status_code == 200, answer.get_json()
    page: dict[str, Any] = answer.get_json()
    return page


def test_the_feed_pages_through_every_event_in_order_without_repeating_one(clerk: Caller, viewer: Caller) -> None:
    first, second = _order(clerk), _order(clerk)
    everything = _page(viewer, "limit=500")["items"]
    seen: list[dict[str, Any]] = []
    cursor = "0"
    while True:
        page = _page(viewer, f"limit=3&after={cursor}")
        if not page["items"]:
            break
        seen.extend(page["items"])
        cursor = page["next_cursor"]

    assert seen == everything
    assert [e["seq"] for e in seen] == sorted({e["seq"] for e in seen})
    assert {first, second} <= {e["aggregate_id"] for e in seen}
    assert _page(viewer, f"after={cursor}") == {"items": [], "next_cursor": cursor}
    created = next(e for e in seen if e["aggregate_id"] == first)
    assert created["id"].startswith("evt_")
    assert created["payload"]["aggregate_id"] == first


def test_the_feed_filters_by_type_and_names_a_bad_cursor(clerk: Caller, viewer: Caller) -> None:
    _order(clerk)

    reserved = _page(viewer, "type=StockReserved&type=DocumentCreated")["items"]
    bad = viewer.get("/events?after=abc")

    assert {e["type"] for e in reserved} == {"StockReserved", "DocumentCreated"}
    assert bad.status_code == 400
    assert "after" in bad.get_json()["detail"]


def test_the_feed_needs_a_token(anonymous: Caller) -> None:
    assert anonymous.get("/events").status_code == 401
