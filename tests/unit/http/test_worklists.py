"""The back office's worklists over HTTP: searching the listings, expiring quotations, backorders, low stock and the
overview of what waits today."""

from __future__ import annotations

from typing import Any

from oms.entrypoints.http.testing import Caller


def order(clerk: Caller, quantity: str, *, customer: str = "ACME", reference: str = "",
          confirm: bool = False) -> str:
    body = {"customer_code": customer, "branch_code": "BER", "customer_reference": reference, "allow_backorder": True,
            "confirm": confirm, "lines": [{"sku": "DESK", "quantity": quantity}]}
    created = clerk.post("/sales-orders", json=body)
    assert created.status_code == 201, created.get_json()
    number: str = created.get_json()["number"]
    return number


def quotation(clerk: Caller, valid_until: str) -> str:
    created = clerk.post("/quotations", json={"customer_code": "UNI", "branch_code": "BER", "valid_until": valid_until,
                                              "lines": [{"sku": "BOOK", "quantity": "1"}]})
    number: str = created.get_json()["number"]
    return number


def numbers(response: Any) -> list[str]:
    assert response.status_code == 200, response.get_json()
    return [item["number"] for item in response.get_json()["items"]]


def test_the_search_box_finds_orders_by_number_customer_name_or_reference(clerk: Caller, viewer: Caller) -> None:
    first = order(clerk, "1", reference="PO-4711")
    second = order(clerk, "1", customer="UNI")
    quoted = quotation(clerk, "2026-03-30")

    assert numbers(viewer.get("/sales-orders?search=po-47")) == [first]
    assert numbers(viewer.get("/sales-orders?search=UNIVERS")) == [second]
    assert numbers(viewer.get(f"/sales-orders?search={second}")) == [second]
    assert numbers(viewer.get("/quotations?search=university")) == [quoted]
    assert numbers(viewer.get("/sales-orders?search=nobody")) == []


def test_expiring_quotations_are_the_open_ones_valid_until_the_day_or_earlier(clerk: Caller, viewer: Caller) -> None:
    soon = quotation(clerk, "2026-03-05")
    quotation(clerk, "2026-03-20")
    cancelled = quotation(clerk, "2026-03-04")
    clerk.post(f"/quotations/{cancelled}/cancel", json={})

    assert numbers(viewer.get("/quotations?valid_until_before=2026-03-09")) == [soon]


def test_backordered_orders_are_those_still_waiting_for_stock(clerk: Caller, viewer: Caller) -> None:
    order(clerk, "3", confirm=True)  # reserved in full: 12 of 15 desks left
    waiting = order(clerk, "14", confirm=True)  # 12 reserved, 2 waiting
    order(clerk, "1")  # a draft waits for no stock yet

    assert numbers(viewer.get("/sales-orders?backordered=true")) == [waiting]


def test_a_filter_of_the_other_listing_or_a_bad_value_is_refused_naming_the_parameter(viewer: Caller) -> None:
    for path, parameter in [("/sales-orders?valid_until_before=2026-03-09", "valid_until_before"),
                            ("/quotations?backordered=true", "backordered"),
                            ("/quotations?valid_until_before=2026-02-30", "valid_until_before"),
                            ("/sales-orders?backordered=yes", "backordered"),
                            ("/sales-orders?search=" + "x" * 65, "search")]:
        response = viewer.get(path)

        assert response.status_code == 400, path
        assert [e["parameter"] for e in response.get_json()["errors"]] == [parameter], path


def test_low_stock_lists_the_levels_at_or_below_the_threshold_least_available_first(
        clerk: Caller, viewer: Caller) -> None:
    order(clerk, "3", confirm=True)  # BER-1: 5 on hand, 3 reserved

    everywhere = viewer.get("/stock/low?threshold=10").get_json()["items"]
    default = viewer.get("/stock/low").get_json()["items"]
    in_berlin_2 = viewer.get("/stock/low?threshold=10&warehouse=BER-2").get_json()["items"]

    assert [(level["sku"], level["warehouse_code"], level["available"]) for level in everywhere] == [
        ("DESK", "BER-1", "2"), ("DESK", "BER-2", "10")]
    assert [level["warehouse_code"] for level in default] == ["BER-1"]  # at or below 5
    assert [level["warehouse_code"] for level in in_berlin_2] == ["BER-2"]


def test_low_stock_refuses_a_bad_threshold_or_an_unknown_warehouse(viewer: Caller) -> None:
    negative = viewer.get("/stock/low?threshold=-1")
    not_a_number = viewer.get("/stock/low?threshold=many")
    nowhere = viewer.get("/stock/low?warehouse=NOWHERE")

    assert (negative.status_code, negative.get_json()["errors"][0]["parameter"]) == (400, "threshold")
    assert (not_a_number.status_code, not_a_number.get_json()["errors"][0]["parameter"]) == (400, "threshold")
    assert nowhere.status_code == 404


def test_the_overview_shows_what_waits_oldest_first(clerk: Caller, viewer: Caller) -> None:
    drafts = [order(clerk, "1"), order(clerk, "1")]
    shipping = order(clerk, "3", confirm=True)
    waiting = order(clerk, "14", confirm=True)
    expiring = quotation(clerk, "2026-03-09")  # today is 2026-03-02: within the week
    quotation(clerk, "2026-03-10")

    answer = viewer.get("/overview?limit=1&low_stock_threshold=2").get_json()

    assert answer["to_confirm"] == {"items": [answer["to_confirm"]["items"][0]], "more": True}
    assert answer["to_confirm"]["items"][0]["number"] == drafts[0]
    assert ([i["number"] for i in answer["to_ship"]["items"]], answer["to_ship"]["more"]) == ([shipping], True)
    assert ([i["number"] for i in answer["backorders"]["items"]], answer["backorders"]["more"]) == ([waiting], False)
    assert [i["number"] for i in answer["expiring_quotations"]["items"]] == [expiring]
    assert [(s["sku"], s["warehouse_code"], s["available"]) for s in answer["low_stock"]["items"]] == [
        ("DESK", "BER-1", "0")]


def test_the_overview_refuses_a_limit_out_of_range_naming_it(viewer: Caller) -> None:
    response = viewer.get("/overview?limit=0")

    assert (response.status_code, response.get_json()["errors"][0]["parameter"]) == (400, "limit")
