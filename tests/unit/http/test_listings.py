"""Listings of orders and quotations: filters, newest first by default, pages by an opaque cursor."""

from __future__ import annotations

from datetime import timedelta

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
