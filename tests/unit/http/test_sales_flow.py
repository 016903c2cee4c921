"""The sales flow over HTTP: quotation -> order -> reservation -> goods issue, with money as exact strings."""

from __future__ import annotations

from typing import Any

from oms.entrypoints.http.testing import Caller


def quotation_of(clerk: Caller, *lines: tuple[str, str]) -> dict[str, Any]:
    response = clerk.post("/quotations", json={
        "customer_code": "ACME", "branch_code": "BER", "order_discount": {"kind": "amount", "value": "10.00"},
        "lines": [{"sku": sku, "quantity": quantity} for sku, quantity in lines]})
    assert response.status_code == 201, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def test_an_accepted_quotation_becomes_an_order_with_the_same_lines_and_totals(clerk: Caller) -> None:
    quotation = quotation_of(clerk, ("DESK", "2"), ("BOOK", "3"))
    number = quotation["number"]
    assert clerk.post(f"/quotations/{number}/send").status_code == 200
    assert clerk.post(f"/quotations/{number}/accept").status_code == 200

    response = clerk.post(f"/quotations/{number}/convert", json={"customer_reference": "PO-7"})

    order = response.get_json()
    assert response.status_code == 201
    assert response.headers["Location"] == f"/api/v1/sales-orders/{order['number']}"
    assert order["status"] == "draft"
    assert order["customer_reference"] == "PO-7"
    assert [(line["sku"], line["quantity"]) for line in order["lines"]] == [("DESK", "2"), ("BOOK", "3")]
    assert order["totals"]["net_total"] == {"amount": "250.00", "currency": "EUR"}
    assert order["totals"]["tax_total"] == {"amount": "40.58", "currency": "EUR"}
    assert order["totals"] == quotation["totals"]
    assert clerk.get(f"/quotations/{number}").get_json()["status"] == "converted"


def test_an_order_shows_its_taxes_reservations_goods_issues_and_audit_trail(
        clerk: Caller, viewer: Caller, draft_order: dict[str, Any]) -> None:
    number = draft_order["number"]
    clerk.post(f"/sales-orders/{number}/confirm")
    desk = draft_order["lines"][0]["id"]
    issued = clerk.post(f"/sales-orders/{number}/goods-issues", json={
        "warehouse_code": "BER-1", "lines": [{"line_id": desk, "quantity": "3"}]})

    order = viewer.get(f"/sales-orders/{number}").get_json()

    assert issued.status_code == 201
    assert order["status"] == "partially_issued"
    assert order["taxes"] == [{"category": "standard", "rate": "0.19", "base": {"amount": "750.00", "currency": "EUR"},
                               "tax": {"amount": "142.50", "currency": "EUR"}}]
    assert order["totals"]["grand_total"] == {"amount": "892.50", "currency": "EUR"}
    assert sorted((r["warehouse_code"], r["open"]) for r in order["reservations"] if r["sku"] == "DESK") == [
        ("BER-1", "2"), ("BER-2", "2")]
    assert order["lines"][0]["quantity_issued"] == "3"
    assert order["goods_issues"][0]["number"] == "GI-000001"
    assert order["goods_issues"][0]["lines"] == [{"line_id": desk, "sku": "DESK", "quantity": "3",
                                                 "cost": {"amount": "180.00", "currency": "EUR"}}]
    assert [(h["from_status"], h["to_status"], h["actor"]) for h in order["history"]] == [
        ("draft", "confirmed", "clerk-user"), ("confirmed", "partially_issued", "clerk-user")]
    assert order["history"][0]["at"] == "2026-03-02T09:30:00Z"


def test_the_order_events_list_what_happened_oldest_first(clerk: Caller, draft_order: dict[str, Any]) -> None:
    clerk.post(f"/sales-orders/{draft_order['number']}/confirm")

    events = clerk.get(f"/sales-orders/{draft_order['id']}/events").get_json()["items"]

    assert [e["type"] for e in events][:2] == ["DocumentCreated", "StockReserved"]
    assert "StatusChanged" in [e["type"] for e in events]
    reserved = [e["data"]["quantity"] for e in events if e["type"] == "StockReserved"]
    assert reserved == ["5", "2"]


def test_a_draft_order_is_edited_line_by_line_and_its_discount_set(clerk: Caller, draft_order: dict[str, Any]) -> None:
    number = draft_order["number"]
    fitting = draft_order["lines"][1]["id"]

    added = clerk.post(f"/sales-orders/{number}/lines", json={"sku": "BOOK", "quantity": "1", "unit_price": "40"})
    changed = clerk.patch(f"/sales-orders/{number}/lines/{fitting}", json={"quantity": "2"})
    removed = clerk.delete(f"/sales-orders/{number}/lines/{draft_order['lines'][0]['id']}")
    discounted = clerk.put(f"/sales-orders/{number}/discount", json={"discount": {"kind": "percent", "value": "50"}})

    assert [r.status_code for r in (added, changed, removed, discounted)] == [201, 200, 200, 200]
    order = discounted.get_json()
    assert [(line["sku"], line["quantity"]) for line in order["lines"]] == [("FIT", "2"), ("BOOK", "1")]
    assert order["totals"]["net_total"]["amount"] == "70.00"


def test_holding_releasing_and_cancelling_an_order_releases_its_stock(
        clerk: Caller, manager: Caller, draft_order: dict[str, Any]) -> None:
    number = draft_order["number"]
    clerk.post(f"/sales-orders/{number}/confirm")
    held = clerk.post(f"/sales-orders/{number}/hold", json={"reason": "credit check"})
    released = clerk.post(f"/sales-orders/{number}/release")

    cancelled = manager.post(f"/sales-orders/{number}/cancel", json={"reason": "customer asked"})

    assert (held.get_json()["status"], released.get_json()["status"]) == ("on_hold", "confirmed")
    assert cancelled.get_json()["status"] == "cancelled"
    assert all(r["open"] == "0" for r in cancelled.get_json()["reservations"])
    assert all(level["reserved"] == "0" for level in clerk.get("/products/DESK/stock").get_json()["items"])


def test_a_quotation_is_edited_rejected_and_revised_into_a_new_draft(clerk: Caller) -> None:
    quotation = quotation_of(clerk, ("DESK", "1"))
    number = quotation["number"]
    clerk.post(f"/quotations/{number}/lines", json={"sku": "BOOK", "quantity": "2"})
    clerk.patch(f"/quotations/{number}/lines/{quotation['lines'][0]['id']}", json={"unit_price": "90.00"})
    clerk.patch(f"/quotations/{number}", json={"notes": "delivery in April", "clear_order_discount": True})
    clerk.post(f"/quotations/{number}/send")
    clerk.post(f"/quotations/{number}/reject", json={"reason": "too expensive"})

    response = clerk.post(f"/quotations/{number}/revise", json={"valid_until": "2026-04-30"})

    revision = response.get_json()
    assert response.status_code == 201
    assert (revision["number"], revision["status"], revision["valid_until"]) == (f"{number}-R2", "draft", "2026-04-30")
    assert revision["notes"] == "delivery in April"
    assert revision["totals"]["net_total"]["amount"] == "130.00"
    assert clerk.get(f"/quotations/{number}").get_json()["superseded_by"] == revision["id"]


def test_an_exempt_customer_pays_at_a_rounding_tie_the_net_a_taxed_customer_is_shown(
        admin: Caller, clerk: Caller) -> None:
    # 1.05 at 20% is net 0.875: the taxed line shows 0.87 + 0.18 tax, so the exempt customer pays 0.87, not 0.88.
    assert admin.post("/tax-rates", json={"jurisdiction": "DE", "category": "standard", "rate": "0.20"}
                      ).status_code == 200
    line = {"sku": "DESK", "quantity": "1", "unit_price": "1.05"}

    taxed, exempt = (clerk.post("/quotations", json={"customer_code": customer, "branch_code": "BER",
                                                     "prices_include_tax": True, "lines": [line]}).get_json()
                     for customer in ("ACME", "UNI"))

    assert (taxed["totals"]["net_total"]["amount"], taxed["totals"]["tax_total"]["amount"]) == ("0.87", "0.18")
    assert (exempt["totals"]["net_total"]["amount"], exempt["totals"]["tax_total"]["amount"],
            exempt["totals"]["grand_total"]["amount"]) == ("0.87", "0.00", "0.87")
