"""Stock valuation and customer returns over HTTP: the cost of goods issued per goods issue line, the valuation
report at a date, and returns received at the cost they left with."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import oms
from oms.entrypoints.http.testing import Caller


def _receive(clerk: Caller, sku: str, quantity: str, unit_cost: str, warehouse: str = "BER-1") -> None:
    answer = clerk.post("/stock/receipts", json={"sku": sku, "warehouse_code": warehouse, "quantity": quantity,
                                                 "unit_cost": unit_cost})
    assert answer.status_code == 201, answer.get_json()


def _ship(clerk: Caller, sku: str, quantity: str) -> dict[str, Any]:
    order = clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER", "confirm": True,
                                              "lines": [{"sku": sku, "quantity": quantity}]}).get_json()
    shipped = clerk.post(f"/sales-orders/{order['number']}/goods-issues", json={
        "warehouse_code": "BER-1", "lines": [{"line_id": order["lines"][0]["id"], "quantity": quantity}]})
    assert shipped.status_code == 201, shipped.get_json()
    return dict(shipped.get_json())


def _book_in_ber_1(report: dict[str, Any]) -> dict[str, Any] | None:
    lines = [line for view in report["warehouses"] if view["warehouse_code"] == "BER-1" for line in view["lines"]
             if line["sku"] == "BOOK"]
    return lines[0] if lines else None


def test_receipts_at_10_and_5_delivered_together_cost_15_and_leave_no_value(clerk: Caller, viewer: Caller) -> None:
    _receive(clerk, "BOOK", "1", "10.00")
    _receive(clerk, "BOOK", "1", "5.00")

    order = _ship(clerk, "BOOK", "2")
    report = viewer.get("/stock/valuation", query_string={"warehouse": "BER-1"}).get_json()
    movements = viewer.get("/stock/movements", query_string={"sku": "BOOK"}).get_json()["items"]

    assert order["goods_issues"][0]["lines"][0]["cost"] == {"amount": "15.00", "currency": "EUR"}
    assert _book_in_ber_1(report) is None  # nothing on hand, nothing worth anything
    assert [(m["kind"], m["value"]["amount"]) for m in movements] == [("receipt", "10.00"), ("receipt", "5.00"),
                                                                      ("issue", "-15.00")]


def test_the_valuation_report_at_a_day_sums_the_movements_up_to_its_end(clerk: Caller, viewer: Caller,
                                                                         clock: oms.FixedClock) -> None:
    _receive(clerk, "BOOK", "3", "4.00")
    clock.advance(timedelta(days=1))
    _receive(clerk, "BOOK", "1", "8.00")

    before = viewer.get("/stock/valuation", query_string={"at": "2026-03-02"}).get_json()
    after = viewer.get("/stock/valuation").get_json()

    assert _book_in_ber_1(before) == {"sku": "BOOK", "quantity": "3", "value": {"amount": "12.00", "currency": "EUR"},
                                      "average_cost": {"amount": "4.00", "currency": "EUR"}}
    assert _book_in_ber_1(after) == {"sku": "BOOK", "quantity": "4", "value": {"amount": "20.00", "currency": "EUR"},
                                     "average_cost": {"amount": "5.00", "currency": "EUR"}}
    # the fixture's 15 DESK at 60.00 in BER-1 and BER-2, and the books
    assert before["totals"] == [{"amount": "912.00", "currency": "EUR"}]
    assert after["totals"] == [{"amount": "920.00", "currency": "EUR"}]


def test_a_return_comes_back_at_the_cost_it_left_with_not_at_todays_average(clerk: Caller, viewer: Caller) -> None:
    _receive(clerk, "BOOK", "2", "10.00")
    order = _ship(clerk, "BOOK", "2")
    _receive(clerk, "BOOK", "2", "30.00")  # the price went up: the average is now 30.00
    line = order["lines"][0]["id"]

    authorised = clerk.post(f"/sales-orders/{order['number']}/returns",
                            json={"line_id": line, "quantity": "1", "reason": "damaged"})
    received = clerk.post(f"/sales-orders/{order['number']}/returns/RMA-000001/receipts",
                          json={"warehouse_code": "BER-1"})
    report = viewer.get("/stock/valuation").get_json()
    billing = viewer.get(f"/sales-orders/{order['number']}/billing").get_json()

    assert authorised.status_code == 201
    assert received.status_code == 201
    answer = received.get_json()
    assert answer["returns"][0]["receipts"][0]["value"] == {"amount": "10.00", "currency": "EUR"}
    assert answer["lines"][0]["quantity_returned"] == "1"
    assert _book_in_ber_1(report) == {"sku": "BOOK", "quantity": "3", "value": {"amount": "70.00", "currency": "EUR"},
                                      "average_cost": {"amount": "23.333333", "currency": "EUR"}}
    assert billing["lines"][0]["delivered"] == "1"  # what invoicing on delivered quantities bills: net of returns


def test_returning_more_than_was_delivered_is_a_409_naming_the_rule(clerk: Caller) -> None:
    _receive(clerk, "BOOK", "2", "10.00")
    order = _ship(clerk, "BOOK", "2")
    line = order["lines"][0]["id"]
    clerk.post(f"/sales-orders/{order['number']}/returns", json={"line_id": line, "quantity": "1", "reason": "x"})

    refused = clerk.post(f"/sales-orders/{order['number']}/returns",
                         json={"line_id": line, "quantity": "2", "reason": "wrong size"})
    too_many = clerk.post(f"/sales-orders/{order['number']}/returns/RMA-000001/receipts",
                          json={"warehouse_code": "BER-1", "quantity": "2"})

    assert refused.status_code == 409
    assert refused.get_json()["rule"] == "CannotReturnMoreThanDelivered"
    assert too_many.status_code == 409
    assert too_many.get_json()["rule"] == "CannotReceiveMoreThanAuthorised"


def test_the_valuation_of_an_unknown_warehouse_is_404(viewer: Caller) -> None:
    response = viewer.get("/stock/valuation", query_string={"warehouse": "NOPE"})

    assert response.status_code == 404
