"""Requests for quotation over HTTP (peers.md 1d acceptance 1 to 3): sent to suppliers, answered, compared in the
branch's currency per stock unit, awarded per line into one draft purchase order per supplier, idempotently."""

from __future__ import annotations

from typing import Any

import pytest

import oms
from oms.entrypoints.http.testing import Caller
from tests.unit.rfq_support import seed_suppliers

VALID, YESTERDAY = "2026-04-30", "2026-03-01"


@pytest.fixture
def suppliers(system: oms.OrderManagement) -> None:
    seed_suppliers(system)


def sent_rfq(clerk: Caller, lines: list[dict[str, str]], suppliers: list[str]) -> str:
    created = clerk.post("/rfqs", json={"branch_code": "NYC", "lines": lines, "suppliers": suppliers})
    assert created.status_code == 201, created.get_json()
    number: str = created.get_json()["number"]
    assert clerk.post(f"/rfqs/{number}/send").status_code == 200
    return number


def answer(clerk: Caller, rfq: str, supplier: str, *offers: dict[str, Any], valid_until: str = VALID) -> None:
    answered = clerk.post(f"/rfqs/{rfq}/quotations", json={"supplier_code": supplier, "valid_until": valid_until,
                                                           "lines": list(offers)})
    assert answered.status_code == 201, answered.get_json()


def offer(line: str, price: str, quantity: str, **more: Any) -> dict[str, Any]:
    return {"line": line, "price": price, "quantity": quantity, **more}


def marks(comparison: dict[str, Any], line: int = 0) -> dict[str, tuple[str, bool, bool, bool, bool]]:
    return {o["supplier_code"]: (o["converted_unit_price"]["amount"], o["cheapest"], o["fastest"], o["partial"],
                                 o["expired"]) for o in comparison["lines"][line]["offers"]}


@pytest.mark.usefixtures("suppliers")
def test_acceptance_1_the_comparison_is_in_the_branch_currency_and_leaves_the_expired_offer_out(
        clerk: Caller, viewer: Caller) -> None:
    rfq = sent_rfq(clerk, [{"sku": "DESK", "quantity": "100"}], ["S1", "S2", "S3"])
    answer(clerk, rfq, "S1", offer("1", "10.00", "100", lead_time_days=14))
    answer(clerk, rfq, "S2", offer("1", "9.50", "100", lead_time_days=5))
    answer(clerk, rfq, "S3", offer("1", "9.90", "100", lead_time_days=30), valid_until=YESTERDAY)

    compared = viewer.get(f"/rfqs/{rfq}/comparison").get_json()
    with_expired = viewer.get(f"/rfqs/{rfq}/comparison", query_string={"include_expired": "true"}).get_json()

    assert compared["currency"] == "USD"
    assert compared["rates"] == [{"currency": "EUR", "rate": "1.08"}, {"currency": "USD", "rate": "1"}]
    assert marks(compared) == {"S1": ("10.00", True, False, False, False), "S2": ("10.26", False, True, False, False)}
    assert marks(with_expired)["S3"] == ("9.90", False, False, False, True)


@pytest.mark.usefixtures("suppliers")
def test_acceptance_2_a_price_per_pack_is_compared_per_stock_unit_and_partial_offers_are_flagged(
        clerk: Caller, viewer: Caller) -> None:
    rfq = sent_rfq(clerk, [{"sku": "DESK", "quantity": "100"}, {"sku": "BOOK", "quantity": "20"}], ["S1", "S4"])
    answer(clerk, rfq, "S1", offer("1", "10.00", "100"), offer("2", "3.00", "15"))
    answer(clerk, rfq, "S4", offer("1", "95.00", "10", unit_factor="10", purchase_unit="pack of 10"))

    compared = viewer.get(f"/rfqs/{rfq}/comparison").get_json()

    assert marks(compared) == {"S4": ("9.50", True, True, False, False), "S1": ("10.00", False, False, False, False)}
    assert compared["lines"][0]["offers"][0]["price"] == {"amount": "95.00", "currency": "USD"}
    assert marks(compared, 1) == {"S1": ("3.00", True, True, True, False)}
    assert compared["lines"][1]["missing"] == ["S4"]


@pytest.mark.usefixtures("suppliers")
def test_acceptance_3_an_award_per_line_makes_one_draft_purchase_order_per_supplier_once(
        clerk: Caller, manager: Caller) -> None:
    rfq = sent_rfq(clerk, [{"sku": "DESK", "quantity": "100"}, {"sku": "BOOK", "quantity": "50"}],
                   ["S1", "S2", "S3"])
    answer(clerk, rfq, "S1", offer("1", "10.00", "100"), offer("2", "4.00", "50"))
    answer(clerk, rfq, "S2", offer("1", "9.50", "100"), offer("2", "3.50", "50"))
    answer(clerk, rfq, "S3", offer("1", "9.00", "100"))
    body = {"lines": [{"line": "1", "supplier_code": "S1", "quantity": "100"},
                      {"line": "2", "supplier_code": "S2", "quantity": "50"}]}

    first = manager.post(f"/rfqs/{rfq}/awards", json=body)
    again = manager.post(f"/rfqs/{rfq}/awards", json=body)
    more = manager.post(f"/rfqs/{rfq}/awards", json={"lines": [{"line": "1", "supplier_code": "S3",
                                                                "quantity": "100"}]})

    assert first.status_code == again.status_code == 200, first.get_json()
    orders = first.get_json()["purchase_orders"]
    assert len(orders) == 2
    assert again.get_json()["purchase_orders"] == orders
    made = [manager.get(f"/purchase-orders/{number}").get_json() for number in orders]
    assert [(o["supplier_code"], o["status"], [(line["sku"], line["quantity"], line["unit_price"]["amount"])
                                               for line in o["lines"]]) for o in made] == [
        ("S1", "draft", [("DESK", "100", "10.00")]), ("S2", "draft", [("BOOK", "50", "3.50")])]
    assert more.status_code == 409, more.get_json()
    assert manager.get("/purchase-orders").get_json()["items"].__len__() == 2
    assert manager.get(f"/rfqs/{rfq}").get_json()["status"] == "closed"


@pytest.mark.usefixtures("suppliers")
def test_acceptance_3_a_split_award_gives_the_second_supplier_both_its_lines(
        clerk: Caller, manager: Caller) -> None:
    rfq = sent_rfq(clerk, [{"sku": "DESK", "quantity": "100"}, {"sku": "BOOK", "quantity": "50"}], ["S1", "S2"])
    answer(clerk, rfq, "S1", offer("1", "10.00", "100"))
    answer(clerk, rfq, "S2", offer("1", "9.50", "100"), offer("2", "3.50", "50"))

    award = manager.post(f"/rfqs/{rfq}/awards", json={"lines": [
        {"line": "1", "supplier_code": "S1", "quantity": "60"}, {"line": "1", "supplier_code": "S2", "quantity": "40"},
        {"line": "2", "supplier_code": "S2", "quantity": "50"}]}).get_json()

    s1, s2 = (manager.get(f"/purchase-orders/{n}").get_json() for n in award["purchase_orders"])
    assert [(line["sku"], line["quantity"]) for line in s1["lines"]] == [("DESK", "60")]
    assert [(line["sku"], line["quantity"]) for line in s2["lines"]] == [("DESK", "40"), ("BOOK", "50")]
    assert s2["currency"] == "EUR"
    assert s2["lines"][0]["unit_price"]["amount"] == "9.50"


@pytest.mark.usefixtures("suppliers")
def test_a_whole_quotation_is_awarded_and_a_supplier_declines(clerk: Caller, manager: Caller) -> None:
    rfq = sent_rfq(clerk, [{"sku": "DESK", "quantity": "100"}, {"sku": "BOOK", "quantity": "50"}], ["S1", "S2"])
    answer(clerk, rfq, "S1", offer("1", "10.00", "80"), offer("2", "4.00", "50"))
    declined = clerk.post(f"/rfqs/{rfq}/decline", json={"supplier_code": "S2", "reason": "no stock"})

    award = manager.post(f"/rfqs/{rfq}/awards", json={"quotations": ["S1"], "key": "whole-S1"}).get_json()

    assert declined.status_code == 200
    assert [(s["supplier_code"], s["status"]) for s in declined.get_json()["suppliers"]] == [
        ("S1", "answered"), ("S2", "declined")]
    assert [(line["sku"], line["quantity"]) for line in award["lines"]] == [("DESK", "80"), ("BOOK", "50")]
    assert award["key"] == "whole-S1"
    assert len(award["purchase_orders"]) == 1


@pytest.mark.usefixtures("suppliers")
def test_bad_input_names_the_field_and_changes_nothing(clerk: Caller, manager: Caller) -> None:
    unknown = clerk.post("/rfqs", json={"branch_code": "NYC", "lines": [{"sku": "NOPE", "quantity": "1"}],
                                        "suppliers": ["S1"]})
    rfq = sent_rfq(clerk, [{"sku": "DESK", "quantity": "100"}], ["S1"])
    bad_price = clerk.post(f"/rfqs/{rfq}/quotations", json={"supplier_code": "S1", "valid_until": VALID,
                                                            "lines": [offer("1", "-1", "100")]})
    over = manager.post(f"/rfqs/{rfq}/awards", json={"lines": [{"line": "1", "supplier_code": "S1",
                                                                "quantity": "1"}]})

    assert unknown.status_code == 422
    assert "lines/0/sku" in unknown.get_data(as_text=True)
    assert bad_price.status_code == 422
    assert "lines/0/price" in bad_price.get_data(as_text=True)
    assert over.status_code == 409, over.get_json()  # S1 has not quoted yet
    assert clerk.get(f"/rfqs/{rfq}").get_json()["quotations"] == []
    assert [r["number"] for r in clerk.get("/rfqs").get_json()["items"]] == [rfq]


@pytest.mark.usefixtures("suppliers")
def test_the_list_pages_with_next_cursor_and_filters_by_status_and_search(clerk: Caller, viewer: Caller) -> None:
    sent = sent_rfq(clerk, [{"sku": "DESK", "quantity": "5"}], ["S1", "S2"])
    answer(clerk, sent, "S1", offer("1", "10.00", "5"))
    drafts = [clerk.post("/rfqs", json={"branch_code": "NYC", "lines": [{"sku": "DESK", "quantity": "1"}],
                                        "suppliers": ["S1"]}).get_json()["number"] for _ in range(2)]

    page = viewer.get("/rfqs", query_string={"limit": "2"}).get_json()
    rest = viewer.get("/rfqs", query_string={"limit": "2", "cursor": page["next_cursor"]}).get_json()
    answered = viewer.get("/rfqs", query_string={"status": "sent"}).get_json()["items"]
    searched = viewer.get("/rfqs", query_string={"search": drafts[0][-3:], "order": "oldest"}).get_json()["items"]
    elsewhere = viewer.get("/rfqs", query_string={"branch": "NOPE"}).get_json()["items"]

    assert [r["number"] for r in page["items"] + rest["items"]] == [drafts[1], drafts[0], sent]
    assert rest["next_cursor"] is None
    assert [(r["number"], r["suppliers"], r["answered"]) for r in answered] == [(sent, 2, 1)]
    assert [r["number"] for r in searched] == [drafts[0]]
    assert elsewhere == []
