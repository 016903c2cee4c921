"""Purchase orders through the HTTP API (peers.md 1d, acceptance 5, 6, 8, 9 and 12): approval at the branch's
threshold, receipts within the tolerance, progress per line, close short, cancel refused after a receipt, returns to
the supplier, and the stock and books a receipt moves."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

import oms
from oms.domain.masterdata.exchange_rates import ExchangeRate
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.ids import new_id
from oms.entrypoints.http.testing import Caller


def add_supplier(system: oms.OrderManagement, code: str, currency: str) -> None:
    uow = system.uow_factory()
    with uow:
        uow.masterdata.suppliers.add(Supplier(new_id(), code, f"{code} Ltd", currency))
        uow.commit()


@pytest.fixture(autouse=True)
def suppliers(system: oms.OrderManagement) -> None:
    """WOOD sells in EUR (the branches' currency), STEEL in USD (1 USD = 0.90 EUR from 2026-01-01)."""
    add_supplier(system, "WOOD", "EUR")
    add_supplier(system, "STEEL", "USD")
    uow = system.uow_factory()
    with uow:
        uow.masterdata.exchange_rates.add(ExchangeRate.new("USD", "EUR", date(2026, 1, 1), "0.90"))
        uow.commit()


def create(clerk: Caller, *lines: tuple[str, str, str], supplier: str = "WOOD", **extra: Any) -> dict[str, Any]:
    response = clerk.post("/purchase-orders", json={"supplier_code": supplier, "branch_code": "BER", "lines": [
        {"sku": sku, "quantity": quantity, "unit_price": price} for sku, quantity, price in lines], **extra})
    assert response.status_code == 201, response.get_json()
    order: dict[str, Any] = response.get_json()
    return order


def ordered(clerk: Caller, *lines: tuple[str, str, str], supplier: str = "WOOD") -> dict[str, Any]:
    order = create(clerk, *lines, supplier=supplier)
    response = clerk.post(f"/purchase-orders/{order['number']}/order")
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["status"] == "ordered"
    placed: dict[str, Any] = response.get_json()
    return placed


def receive(clerk: Caller, order: dict[str, Any], *quantities: tuple[int, str]) -> Any:
    return clerk.post(f"/purchase-orders/{order['number']}/receipts", json={"lines": [
        {"line_id": order["lines"][index]["id"], "quantity": quantity} for index, quantity in quantities]})


def settings(admin: Caller, threshold: str | None = None, percent: str = "0") -> None:
    response = admin.put("/procurement-settings/BER", json={"approval_threshold": threshold,
                                                              "over_receipt_percent": percent})
    assert response.status_code == 200, response.get_json()


def test_a_purchase_order_is_in_the_suppliers_currency_priced_and_taxed_like_a_sales_document(clerk: Caller) -> None:
    order = create(clerk, ("DESK", "10", "60.00"), ("BOOK", "5", "12.00"), supplier="STEEL",
                   order_discount={"kind": "percent", "value": "10"})

    assert (order["status"], order["currency"], order["supplier_code"]) == ("draft", "USD", "STEEL")
    assert order["number"].startswith("PO-")
    assert order["totals"]["net_total"]["amount"] == "594.00"
    assert order["totals"]["tax_total"]["amount"] == "106.38"  # 540 x 19 % + 54 x 7 %
    assert order["warehouse_code"] == "BER-1"


def test_a_purchase_line_needs_the_suppliers_price_and_an_unknown_supplier_is_named(clerk: Caller) -> None:
    no_price = clerk.post("/purchase-orders", json={"supplier_code": "WOOD", "branch_code": "BER",
                                                    "lines": [{"sku": "DESK", "quantity": "1"}]})
    unknown = clerk.post("/purchase-orders", json={"supplier_code": "NOPE", "branch_code": "BER", "lines": []})

    assert no_price.status_code == 422
    assert no_price.get_json()["errors"][0]["pointer"] == "#/lines/0/unit_price"
    assert unknown.status_code == 422
    assert unknown.get_json()["errors"][0]["pointer"] == "#/supplier_code"


@pytest.mark.parametrize(("price", "status"), [("4999.99", "ordered"), ("5000.00", "to_approve")])
def test_acceptance_5_an_order_reaching_the_threshold_waits_for_a_managers_approval(
        clerk: Caller, manager: Caller, admin: Caller, price: str, status: str) -> None:
    settings(admin, threshold="5000.00")
    order = create(clerk, ("FIT", "1", price), prices_include_tax=True)  # the grand total is the price

    placed = clerk.post(f"/purchase-orders/{order['number']}/order").get_json()
    clerk_approves = clerk.post(f"/purchase-orders/{order['number']}/approve")
    approved = manager.post(f"/purchase-orders/{order['number']}/approve")

    assert placed["status"] == status
    assert clerk_approves.status_code == 403
    if status == "to_approve":
        assert approved.status_code == 200
        assert approved.get_json()["status"] == "ordered"
        assert approved.get_json()["history"][-1]["to_status"] == "ordered"
    else:
        assert approved.get_json()["rule"] == "PurchaseOrderMustAwaitApproval"


def test_the_threshold_compares_the_total_converted_to_the_branchs_currency(clerk: Caller, admin: Caller) -> None:
    settings(admin, threshold="5000.00")
    order = create(clerk, ("FIT", "1", "5500.00"), supplier="STEEL",
                   prices_include_tax=True)  # 5,500.00 USD = 4,950.00 EUR

    placed = clerk.post(f"/purchase-orders/{order['number']}/order").get_json()

    assert placed["status"] == "ordered"


def test_acceptance_6_receipts_within_the_tolerance_a_refused_one_and_a_return_to_the_supplier(
        clerk: Caller, admin: Caller) -> None:
    settings(admin, percent="10")
    order = ordered(clerk, ("BOOK", "100", "8.00"))

    first = receive(clerk, order, (0, "60"))
    second = receive(clerk, order, (0, "45"))
    refused = receive(clerk, order, (0, "6"))
    back = clerk.post(f"/purchase-orders/{order['number']}/supplier-returns", json={
        "line_id": order["lines"][0]["id"], "quantity": "5", "reason": "damaged"})

    assert (first.status_code, second.status_code, refused.status_code, back.status_code) == (201, 201, 409, 201)
    assert refused.get_json()["rule"] == "CannotReceiveMoreThanOrdered"
    answer = back.get_json()
    assert answer["lines"][0]["received"] == "100"
    assert answer["status"] == "received"
    assert [r["number"] for r in answer["receipts"]] == [first.get_json()["receipts"][0]["number"],
                                                         second.get_json()["receipts"][1]["number"]]
    stock = clerk.get("/products/BOOK/stock").get_json()
    level = next(level for level in stock["items"] if level["warehouse_code"] == "BER-1")
    assert level["on_hand"] == "100"
    assert level["value"] == {"amount": "800.00", "currency": "EUR"}  # 100 x the order's unit price
    books = {row["code"]: row for row in clerk.get("/accounting/trial-balance").get_json()["accounts"]}
    # goods received not invoiced: the 15 DESKs at 60.00 received before, then 60 + 45 BOOKs; 5 BOOKs returned
    assert books["2200"]["credits"]["amount"] == "1740.00"
    assert books["2200"]["debits"]["amount"] == "40.00"
    assert books["1300"]["closing"]["amount"] == "1700.00"  # inventory: those DESKs and 100 BOOKs


def test_a_receipt_in_another_currency_values_stock_at_the_rate_of_the_day(clerk: Caller) -> None:
    order = ordered(clerk, ("BOOK", "10", "10.00"), supplier="STEEL")

    answer = receive(clerk, order, (0, "10")).get_json()

    assert Decimal(answer["receipts"][0]["rate"]) == Decimal("0.90")
    assert answer["receipts"][0]["lines"][0]["value"] == {"amount": "90.00", "currency": "EUR"}


def test_acceptance_8_one_over_received_line_leaves_the_order_partially_received(
        clerk: Caller, admin: Caller) -> None:
    settings(admin, percent="200")
    order = ordered(clerk, ("DESK", "1", "50.00"), ("BOOK", "1", "5.00"), ("FIT", "1", "30.00"))
    books = ordered(clerk, ("BOOK", "1", "5.00"))  # a second order keeps its own progress

    answer = receive(clerk, order, (0, "3")).get_json()

    assert answer["status"] == "partially_received"
    assert answer["receipt_status"] == "partial"
    assert [line["receipt_status"] for line in answer["lines"]] == ["received", "nothing", "nothing"]
    assert clerk.get(f"/purchase-orders/{books['number']}").get_json()["status"] == "ordered"


def test_acceptance_9_closing_short_leaves_nothing_open_and_the_order_not_received(clerk: Caller) -> None:
    order = ordered(clerk, ("DESK", "100", "50.00"))
    receive(clerk, order, (0, "60"))

    no_reason = clerk.post(f"/purchase-orders/{order['number']}/close", json={})
    closed = clerk.post(f"/purchase-orders/{order['number']}/close", json={"reason": "supplier discontinued it"})

    assert no_reason.status_code == 422
    answer = closed.get_json()
    assert answer["status"] == "closed"
    assert answer["receipt_status"] == "closed_short"
    assert answer["lines"][0]["open"] == "0"
    assert answer["lines"][0]["received"] == "60"
    assert receive(clerk, order, (0, "1")).status_code == 409


def test_acceptance_12_an_order_with_a_receipt_is_not_cancelled_but_its_remainder_is_closed(
        clerk: Caller, manager: Caller) -> None:
    order = ordered(clerk, ("DESK", "10", "50.00"))
    receive(clerk, order, (0, "1"))

    cancelled = manager.post(f"/purchase-orders/{order['number']}/cancel", json={"reason": "not needed"})
    closed = clerk.post(f"/purchase-orders/{order['number']}/close", json={"reason": "the rest is not needed"})

    assert cancelled.status_code == 409
    assert cancelled.get_json()["rule"] == "PurchaseOrderHasReceipts"
    assert closed.status_code == 200
    assert closed.get_json()["status"] == "closed"


def test_an_order_without_receipts_is_cancelled_and_its_events_tell_its_story(
        clerk: Caller, manager: Caller) -> None:
    order = create(clerk, ("DESK", "2", "50.00"))
    clerk.post(f"/purchase-orders/{order['number']}/send")

    cancelled = manager.post(f"/purchase-orders/{order['number']}/cancel", json={"reason": "duplicate"})
    events = clerk.get(f"/purchase-orders/{order['number']}/events").get_json()

    assert cancelled.get_json()["status"] == "cancelled"
    assert [e["type"] for e in events["items"]] == [
        "PurchaseOrderCreated", "StatusChanged", "PurchaseOrderSent", "StatusChanged", "PurchaseOrderCancelled"]


def test_the_list_filters_by_status_and_supplier_and_a_draft_is_edited(clerk: Caller) -> None:
    draft = create(clerk, ("DESK", "2", "50.00"))
    ordered(clerk, ("BOOK", "3", "5.00"), supplier="STEEL")

    added = clerk.post(f"/purchase-orders/{draft['number']}/lines", json={"sku": "BOOK", "quantity": "4",
                                                                          "unit_price": "4.50"})
    changed = clerk.patch(f"/purchase-orders/{draft['number']}/lines/{draft['lines'][0]['id']}",
                          json={"quantity": "3"})
    drafts = clerk.get("/purchase-orders", query_string={"status": "draft"}).get_json()
    steel = clerk.get("/purchase-orders", query_string={"supplier": "STEEL"}).get_json()

    assert added.status_code == 201
    assert changed.get_json()["totals"]["net_total"]["amount"] == "168.00"
    assert [o["number"] for o in drafts["items"]] == [draft["number"]]
    assert [o["supplier_code"] for o in steel["items"]] == ["STEEL"]


def test_a_products_own_tolerance_wins_over_the_branchs(clerk: Caller, admin: Caller) -> None:
    settings(admin, percent="0")
    tolerance = admin.put("/procurement-settings/BER/tolerances/BOOK", json={"percent": "50"})
    order = ordered(clerk, ("BOOK", "10", "5.00"), ("DESK", "10", "50.00"))

    books = receive(clerk, order, (0, "15"))
    desks = receive(clerk, order, (1, "11"))

    assert tolerance.get_json()["tolerances"] == [{"sku": "BOOK", "percent": "50"}]
    assert (books.status_code, desks.status_code) == (201, 409)


def test_the_list_pages_with_next_cursor_and_filters_by_search_and_creation_time(clerk: Caller) -> None:
    first, second = create(clerk, ("DESK", "1", "50.00")), create(clerk, ("DESK", "1", "50.00"), supplier="STEEL")
    third = create(clerk, ("BOOK", "2", "5.00"))

    page = clerk.get("/purchase-orders", query_string={"limit": "2"}).get_json()
    rest = clerk.get("/purchase-orders", query_string={"limit": "2", "cursor": page["next_cursor"]}).get_json()
    oldest = clerk.get("/purchase-orders", query_string={"order": "oldest", "limit": "1"}).get_json()
    found = clerk.get("/purchase-orders", query_string={"search": "steel ltd"}).get_json()
    later = clerk.get("/purchase-orders", query_string={"created_from": "2100-01-01T00:00:00Z"}).get_json()
    unknown = clerk.get("/purchase-orders", query_string={"supplier": "NOPE"})
    foreign = clerk.get("/purchase-orders", query_string={"cursor": page["next_cursor"], "order": "oldest"})

    assert [o["number"] for o in page["items"] + rest["items"]] == [third["number"], second["number"],
                                                                      first["number"]]
    assert rest["next_cursor"] is None
    assert [o["number"] for o in oldest["items"]] == [first["number"]]
    assert [(o["number"], o["supplier_name"]) for o in found["items"]] == [(second["number"], "STEEL Ltd")]
    assert later["items"] == []
    assert (unknown.status_code, unknown.get_json()["items"]) == (200, [])
    assert (foreign.status_code, foreign.get_json()["errors"][0]["parameter"]) == (400, "cursor")
