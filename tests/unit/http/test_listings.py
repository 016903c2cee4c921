"""Listings of orders and quotations: filters, newest first by default, pages by an opaque cursor."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest

import oms
from oms.entrypoints.http.testing import Caller


def create_orders(clerk: Caller, clock: oms.FixedClock, count: int, customer: str = "ACME") -> list[str]:
    numbers = []
    for _ in range(count):
        clock.advance(timedelta(minutes=1))
        body = {"customer_code": customer, "branch_code": "BER", "lines": [{"sku": "DESK", "quantity": "1"}]}
        numbers.append(clerk.post("/sales-orders", json=body).get_json()["number"])
    return numbers


def test_pages_follow_the_cursor_through_every_order_once_newest_first(
        clerk: Caller, viewer: Caller, clock: oms.FixedClock) -> None:
    created = create_orders(clerk, clock, 5)
    seen: list[str] = []
    cursor = ""

    for _ in range(3):
        page = viewer.get(f"/sales-orders?limit=2{cursor}").get_json()
        seen += [item["number"] for item in page["items"]]
        cursor = f"&cursor={page['next_cursor']}" if page["next_cursor"] else ""

    assert seen == list(reversed(created))
    assert cursor == ""


def test_orders_are_filtered_by_status_customer_branch_and_creation_time(
        clerk: Caller, viewer: Caller, clock: oms.FixedClock) -> None:
    acme = create_orders(clerk, clock, 2)
    uni = create_orders(clerk, clock, 2, customer="UNI")
    clerk.post(f"/sales-orders/{uni[1]}/confirm")

    by_customer = viewer.get("/sales-orders?customer=UNI&order=oldest").get_json()["items"]
    confirmed = viewer.get("/sales-orders?status=confirmed&status=issued").get_json()["items"]
    in_window = viewer.get("/sales-orders?created_from=2026-03-02T09:32:00Z&created_until=2026-03-02T09:34:00Z"
                           "&order=oldest").get_json()["items"]
    elsewhere = viewer.get("/sales-orders?branch=MUC").get_json()["items"]
    nobody = viewer.get("/sales-orders?customer=NOBODY").get_json()["items"]

    assert [o["number"] for o in by_customer] == uni
    assert [(o["number"], o["status"]) for o in confirmed] == [(uni[1], "confirmed")]
    assert [o["number"] for o in in_window] == [acme[1], uni[0]]
    assert (elsewhere, nobody) == ([], [])


def test_a_listed_order_shows_its_customer_branch_and_total(clerk: Caller, viewer: Caller,
                                                            clock: oms.FixedClock) -> None:
    create_orders(clerk, clock, 1)

    item = viewer.get("/sales-orders").get_json()["items"][0]

    assert (item["customer_code"], item["branch_code"], item["status"]) == ("ACME", "BER", "draft")
    assert item["grand_total"] == {"amount": "119.00", "currency": "EUR"}
    assert item["created_at"] == "2026-03-02T09:31:00Z"


def test_quotations_are_listed_like_orders(clerk: Caller, viewer: Caller) -> None:
    clerk.post("/quotations", json={"customer_code": "ACME", "branch_code": "BER"})
    sent = clerk.post("/quotations", json={"customer_code": "UNI", "branch_code": "BER",
                                           "lines": [{"sku": "BOOK", "quantity": "1"}]}).get_json()
    clerk.post(f"/quotations/{sent['number']}/send")

    page = viewer.get("/quotations?status=sent").get_json()

    assert [(q["number"], q["customer_code"]) for q in page["items"]] == [(sent["number"], "UNI")]
    assert page["next_cursor"] is None


def _forged(*values: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


@pytest.mark.parametrize("cursor", [
    _forged("sales_orders", True, "9999-12-31T23:59:59-14:00", "x"),
    _forged("sales_orders", True, "0001-01-01T00:00:00+14:00", "x"),
    _forged("sales_orders", True, "2026-01-01T00:00:00+00:00", "\ud800"),
    _forged("sales_orders", True, "2026-01-01T00:00:00+00:00", "a\x00b"),
    _forged("sales_orders", True, "2026-01-01T00:00:00+00:00", None),
    _forged("sales_orders", True, "2026-01-01T00:00:00+00:00", ["x"]),
    _forged("sales_orders", True, "2026-01-01T00:00:00+00:00", 7),
    _forged("quotations", True, "2026-01-01T00:00:00+00:00", "x"),
])
def test_a_tampered_or_foreign_cursor_gets_400_naming_the_cursor(viewer: Caller, cursor: str) -> None:
    response = viewer.get(f"/sales-orders?cursor={cursor}")

    assert response.status_code == 400
    assert [e["parameter"] for e in response.get_json()["errors"]] == ["cursor"]


def test_a_quotations_cursor_is_refused_by_the_orders_listing(clerk: Caller, viewer: Caller) -> None:
    for _ in range(2):
        clerk.post("/quotations", json={"customer_code": "ACME", "branch_code": "BER"})
    cursor = viewer.get("/quotations?limit=1").get_json()["next_cursor"]

    response = viewer.get(f"/sales-orders?cursor={cursor}")

    assert cursor is not None
    assert response.status_code == 400


def test_products_are_paged_by_sku_and_filtered_by_activity_and_search(manager: Caller, viewer: Caller) -> None:
    for n in range(5):
        manager.post("/products", json={"sku": f"LAMP-{n}", "name": f"Lamp {n}", "price": "5.00", "currency": "EUR"})
    manager.patch("/products/LAMP-2", json={"active": False})

    first = viewer.get("/products?search=lamp&limit=3").get_json()
    second = viewer.get(f"/products?search=lamp&limit=3&cursor={first['next_cursor']}").get_json()
    inactive = viewer.get("/products?active=false").get_json()
    bad = viewer.get("/products?active=maybe")

    assert [p["sku"] for p in first["items"] + second["items"]] == [f"LAMP-{n}" for n in range(5)]
    assert second["next_cursor"] is None
    assert [p["sku"] for p in inactive["items"]] == ["LAMP-2"]
    assert (bad.status_code, bad.get_json()["errors"][0]["parameter"]) == (400, "active")


def test_customers_are_paged_by_code(viewer: Caller) -> None:
    page = viewer.get("/customers?limit=1").get_json()
    rest = viewer.get(f"/customers?limit=1&cursor={page['next_cursor']}").get_json()

    assert [c["code"] for c in page["items"] + rest["items"]] == ["ACME", "UNI"]
    assert rest["next_cursor"] is None


def test_movements_are_paged_and_filtered_by_document_and_time(clerk: Caller, viewer: Caller,
                                                               clock: oms.FixedClock) -> None:
    clock.advance(timedelta(hours=1))
    receipt = clerk.post("/stock/receipts", json={"sku": "DESK", "warehouse_code": "BER-1", "quantity": "3"}
                         ).get_json()["number"]

    by_document = viewer.get(f"/stock/movements?document={receipt}").get_json()["items"]
    later = viewer.get("/stock/movements?at_from=2026-03-02T10:00:00Z").get_json()["items"]
    first = viewer.get("/stock/movements?limit=1").get_json()
    newest = viewer.get("/stock/movements?order=newest&limit=1").get_json()["items"]
    bad_time = viewer.get("/stock/movements?at_from=2026-03-02T10:00:00Z&at_until=2026-03-01T10:00:00Z")

    assert [(m["reference"], m["quantity"]) for m in by_document] == [(receipt, "3")]
    assert [m["reference"] for m in later] == [receipt]
    assert first["next_cursor"] is not None
    assert [m["reference"] for m in newest] == [receipt]
    assert (bad_time.status_code, bad_time.get_json()["errors"][0]["parameter"]) == (400, "at_until")
