"""Vendor bills over HTTP (peers.md 1d cases 9-11): a received-policy bill of a short-closed order bills at most what
arrived; the 3-way match per line (hold, exception, ok) and the price tolerance; debit notes lower what was billed;
the supplier invoice number unique per supplier and year; posting feeds the order's billed quantities and the books;
a bill not matched is paid only once released, and payments make it partially paid, then paid."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import oms
from oms.domain.masterdata.suppliers import Supplier
from oms.entrypoints.http.testing import Caller


@pytest.fixture
def supplier(system: oms.OrderManagement) -> str:
    """BOLT-AG, a supplier in EUR on net 30 terms; returns its code."""
    with system.uow_factory() as uow:
        uow.masterdata.suppliers.add(Supplier("s-bolt", "BOLT-AG", "Bolt AG", "EUR", "net 30"))
        uow.commit()
    return "BOLT-AG"


def _ordered(clerk: Caller, supplier: str, quantity: str = "10", price: str = "5.00",
             sku: str = "DESK") -> dict[str, Any]:
    """A purchase order of `quantity` `sku` at `price` from the supplier, ordered."""
    created = clerk.post("/purchase-orders", json={"supplier_code": supplier, "branch_code": "BER",
                                                   "lines": [{"sku": sku, "quantity": quantity,
                                                              "unit_price": price}]})
    assert created.status_code == 201, created.get_json()
    number = created.get_json()["number"]
    placed = clerk.post(f"/purchase-orders/{number}/order", json={})
    assert placed.status_code == 200, placed.get_json()
    return dict(placed.get_json())


def _receive(clerk: Caller, order: dict[str, Any], quantity: str) -> None:
    response = clerk.post(f"/purchase-orders/{order['number']}/receipts",
                          json={"lines": [{"line_id": order["lines"][0]["id"], "quantity": quantity}]})
    assert response.status_code == 201, response.get_json()


def _bill(clerk: Caller, order: dict[str, Any], number: str, **body: Any) -> Any:
    return clerk.post("/vendor-bills", json={"order_id": order["number"], "supplier_invoice_number": number, **body})


def _post(manager: Caller, bill: dict[str, Any]) -> dict[str, Any]:
    response = manager.post(f"/vendor-bills/{bill['id']}/post", json={})
    assert response.status_code == 200, response.get_json()
    return dict(response.get_json())


def _billing(clerk: Caller, order: dict[str, Any]) -> list[tuple[str, str, str]]:
    lines = clerk.get(f"/purchase-orders/{order['number']}/billing").get_json()["lines"]
    return [(line["received"], line["billed"], line["to_bill"]) for line in lines]


def test_a_received_policy_bill_of_an_order_closed_short_bills_at_most_what_arrived(
        clerk: Caller, manager: Caller, supplier: str) -> None:
    order = _ordered(clerk, supplier, "100")
    _receive(clerk, order, "60")
    closed = clerk.post(f"/purchase-orders/{order['number']}/close", json={"reason": "supplier cannot deliver"})

    draft = _bill(clerk, order, "INV-9").get_json()
    posted = _post(manager, draft)
    again = _bill(clerk, order, "INV-10")
    too_many = _bill(clerk, order, "INV-11", lines=[{"line": "1", "quantity": "41"}]).get_json()
    refused = manager.post(f"/vendor-bills/{too_many['id']}/post", json={})
    shown = clerk.get(f"/purchase-orders/{order['number']}").get_json()

    assert closed.status_code == 200
    assert [line["quantity"] for line in draft["lines"]] == ["60"]
    assert (posted["number"], posted["match_status"], posted["payable"]) == ("BILL-2026-000001", "ok", True)
    assert (again.status_code, again.get_json()["rule"]) == (409, "NothingToBill")
    assert (refused.status_code, refused.get_json()["rule"]) == (409, "CannotBillMoreThanOrdered")
    assert [line["billed"] for line in shown["lines"]] == ["60"]


def test_the_three_way_match_holds_a_bill_before_receipt_flags_an_over_bill_and_a_debit_note_lowers_billed(
        clerk: Caller, manager: Caller, supplier: str) -> None:
    order = _ordered(clerk, supplier, "10", "5.00")

    early = _post(manager, _bill(clerk, order, "INV-1", lines=[{"line": "1", "quantity": "10"}]).get_json())
    _receive(clerk, order, "8")
    rematched = clerk.post(f"/vendor-bills/{early['number']}/rematch", json={}).get_json()
    note = manager.post(f"/vendor-bills/{early['number']}/debit-notes",
                        json={"supplier_invoice_number": "CN-1", "lines": [{"line": "1", "quantity": "4"}]})
    _post(manager, note.get_json())
    after_note = _billing(clerk, order)
    exact = _post(manager, _bill(clerk, order, "INV-2", lines=[{"line": "1", "quantity": "2"}]).get_json())
    fraction = _bill(clerk, order, "INV-3", lines=[{"line": "1", "quantity": "0.5"}])

    assert [line["match_status"] for line in early["lines"]] == ["hold"]
    assert early["match_status"] == "hold"
    assert rematched["match_status"] == "exception"  # 10 billed, 8 received
    assert note.status_code == 201
    assert after_note == [("8", "6", "2")]  # qty_billed 10 - 4, qty_to_bill 8 - 6
    assert exact["match_status"] == "ok"  # 8 billed, 8 received
    assert (fraction.status_code, fraction.get_json()["errors"][0]["pointer"]) == (422, "#/lines/0/quantity")


def test_a_unit_price_beyond_the_two_percent_tolerance_is_an_exception_and_blocks_payment_until_released(
        clerk: Caller, manager: Caller, supplier: str) -> None:
    order = _ordered(clerk, supplier, "10", "5.00")
    _receive(clerk, order, "10")

    posted = _post(manager, _bill(clerk, order, "INV-5", lines=[{"line": "1", "quantity": "10",
                                                                "unit_price": "5.20"}]).get_json())
    blocked = clerk.post(f"/vendor-bills/{posted['number']}/pay", json={})
    released = manager.post(f"/vendor-bills/{posted['number']}/release", json={})
    part = clerk.post(f"/vendor-bills/{posted['number']}/pay", json={"amount": "20.00"})
    half = clerk.get(f"/vendor-bills/{posted['number']}").get_json()
    rest = clerk.post(f"/vendor-bills/{posted['number']}/pay", json={})
    paid = clerk.get(f"/vendor-bills/{posted['number']}").get_json()
    exceptions = clerk.get("/vendor-bills", query_string={"match": "exception"}).get_json()["items"]

    assert posted["lines"][0]["match_status"] == "exception"
    assert "5.20" in posted["lines"][0]["match_reason"]
    assert posted["totals"]["grand_total"]["amount"] == "61.88"  # 52.00 + 19%
    assert posted["due_date"] == "2026-04-01"  # net 30 from the bill date
    assert (blocked.status_code, blocked.get_json()["rule"]) == (409, "BillPaymentMustBeReleased")
    assert released.get_json()["released_by"] != ""
    assert part.status_code == 201
    assert part.get_json()["number"] == "SPAY-2026-000001"
    assert (half["payment_status"], half["residual"]["amount"]) == ("partially_paid", "41.88")
    assert rest.get_json()["allocations"][0]["amount"]["amount"] == "41.88"
    assert (paid["payment_status"], paid["residual"]["amount"]) == ("paid", "0.00")
    assert [bill["number"] for bill in exceptions] == [posted["number"]]


def test_a_branch_with_a_wider_price_tolerance_matches_what_the_default_two_percent_would_not(
        admin: Caller, clerk: Caller, manager: Caller, supplier: str) -> None:
    orders = [_ordered(clerk, supplier, "10", "5.00") for _ in range(2)]
    for order in orders:
        _receive(clerk, order, "10")

    widened = admin.put("/procurement-settings/BER", json={"over_receipt_percent": "0",
                                                          "price_tolerance_percent": "5"})
    within, beyond = (_post(manager, _bill(clerk, order, f"INV-{price}", lines=[
        {"line": "1", "quantity": "10", "unit_price": price}]).get_json())
        for order, price in zip(orders, ("5.20", "5.30"), strict=True))
    refused = admin.put("/procurement-settings/BER", json={"over_receipt_percent": "0",
                                                          "price_tolerance_percent": "-1"})

    assert widened.get_json()["price_tolerance_percent"] == "5"
    assert (within["lines"][0]["match_status"], within["lines"][0]["match_reason"]) == ("ok", "")  # 4% off, within 5%
    assert beyond["lines"][0]["match_status"] == "exception"  # 6% off
    assert "5%" in beyond["lines"][0]["match_reason"]
    assert (refused.status_code, refused.get_json()["errors"][0]["pointer"]) == (422, "#/price_tolerance_percent")


def test_the_supplier_invoice_number_is_unique_per_supplier_and_year_but_a_second_partial_bill_is_fine(
        clerk: Caller, manager: Caller, supplier: str) -> None:
    order = _ordered(clerk, supplier, "10")
    _receive(clerk, order, "10")

    first = _post(manager, _bill(clerk, order, "INV-42", lines=[{"line": "1", "quantity": "4"}]).get_json())
    duplicate = _bill(clerk, order, "inv-42", lines=[{"line": "1", "quantity": "4"}])
    second = _bill(clerk, order, "INV-43", lines=[{"line": "1", "quantity": "6"}])
    next_year = _bill(clerk, order, "INV-42", bill_date="2027-01-04", lines=[{"line": "1", "quantity": "1"}])

    assert first["status"] == "posted"
    assert (duplicate.status_code, duplicate.get_json()["rule"]) == (409, "DuplicateSupplierInvoiceNumber")
    assert second.status_code == 201
    assert next_year.status_code == 201


def test_posting_a_bill_clears_goods_received_not_invoiced_and_posts_the_payable(
        clerk: Caller, manager: Caller, supplier: str) -> None:
    order = _ordered(clerk, supplier, "10", "5.00")
    _receive(clerk, order, "10")

    bill = _post(manager, _bill(clerk, order, "INV-7", lines=[{"line": "1", "quantity": "10",
                                                              "unit_price": "5.05"}]).get_json())
    [entry] = clerk.get("/accounting/journal-entries", query_string={
        "source_kind": "vendor_bill", "source_ref": bill["number"]}).get_json()["entries"]
    lines = {(line["account_code"], line["debit"]["amount"], line["credit"]["amount"]) for line in entry["lines"]}

    assert entry["source_ref"] == bill["number"]
    assert lines == {("2200", "50.00", "0.00"), ("5200", "0.50", "0.00"), ("1400", "9.60", "0.00"),
                     ("2000", "0.00", "60.10")}
    assert sum(Decimal(line["debit"]["amount"]) - Decimal(line["credit"]["amount"]) for line in entry["lines"]) == 0


def test_a_payment_to_a_supplier_taken_off_one_bill_pays_another_and_only_a_manager_takes_it_off(
        clerk: Caller, manager: Caller, supplier: str) -> None:
    first_order, second_order = _ordered(clerk, supplier, "10"), _ordered(clerk, supplier, "10")
    _receive(clerk, first_order, "10")
    _receive(clerk, second_order, "10")
    first = _post(manager, _bill(clerk, first_order, "INV-61").get_json())
    second = _post(manager, _bill(clerk, second_order, "INV-62").get_json())
    payment = clerk.post(f"/vendor-bills/{first['number']}/pay", json={}).get_json()

    refused = clerk.post(f"/supplier-payments/{payment['number']}/unallocate", json={"bill_id": first["number"]})
    freed = manager.post(f"/supplier-payments/{payment['number']}/unallocate", json={"bill_id": first["number"]})
    again = manager.post(f"/supplier-payments/{payment['number']}/unallocate", json={"bill_id": first["number"]})
    moved = clerk.post(f"/supplier-payments/{payment['number']}/allocate", json={"bill_id": second["number"]})

    assert refused.status_code == 403
    assert freed.status_code == 200, freed.get_json()
    assert (freed.get_json()["allocations"], freed.get_json()["unallocated"]["amount"]) == ([], "59.50")
    assert (again.status_code, again.get_json()["rule"]) == (409, "NoSuchAllocation")
    assert [a["amount"]["amount"] for a in moved.get_json()["allocations"]] == ["59.50"]
    owed = {number: clerk.get(f"/vendor-bills/{number}").get_json() for number in (first["number"], second["number"])}
    assert [(bill["payment_status"], bill["residual"]["amount"]) for bill in owed.values()] == [
        ("not_paid", "59.50"), ("paid", "0.00")]
    listed = clerk.get("/vendor-bills").get_json()["items"]
    payments = clerk.get("/supplier-payments").get_json()["items"]
    assert [(bill["payment_status"], bill["residual"]["amount"]) for bill in listed] == [
        ("not_paid", "59.50"), ("paid", "0.00")]
    assert [payment["unallocated"]["amount"] for payment in payments] == ["0.00"]


def test_the_bills_and_payments_lists_page_with_next_cursor_and_filter_by_search_and_supplier(
        clerk: Caller, supplier: str) -> None:
    order = _ordered(clerk, supplier, quantity="30")
    _receive(clerk, order, "30")
    for number in ("INV-1", "INV-2", "CN-9"):
        assert _bill(clerk, order, number, lines=[{"line": "1", "quantity": "10"}]).status_code == 201
    paid = [clerk.post("/supplier-payments", json={"supplier_code": supplier, "amount": amount, "currency": "EUR"})
            for amount in ("10.00", "20.00")]

    page = clerk.get("/vendor-bills", query_string={"limit": "2"}).get_json()
    rest = clerk.get("/vendor-bills", query_string={"limit": "2", "cursor": page["next_cursor"]}).get_json()
    found = clerk.get("/vendor-bills", query_string={"search": "inv-"}).get_json()
    drafts = clerk.get("/vendor-bills", query_string={"status": "draft", "match": "pending",
                                                     "supplier": supplier}).get_json()
    unknown = clerk.get("/vendor-bills", query_string={"supplier": "NOPE"}).get_json()
    payments = clerk.get("/supplier-payments", query_string={"limit": "1", "order": "newest"}).get_json()
    older = clerk.get("/supplier-payments", query_string={"limit": "1", "order": "newest",
                                                         "cursor": payments["next_cursor"]}).get_json()

    assert [b["supplier_invoice_number"] for b in page["items"] + rest["items"]] == ["INV-1", "INV-2", "CN-9"]
    assert (page["items"][0]["grand_total"]["amount"], rest["next_cursor"]) == ("59.50", None)
    assert [b["supplier_invoice_number"] for b in found["items"]] == ["INV-1", "INV-2"]
    assert len(drafts["items"]) == 3
    assert unknown["items"] == []
    assert [p.status_code for p in paid] == [201, 201]
    assert [p["amount"]["amount"] for p in payments["items"] + older["items"]] == ["20.00", "10.00"]
    assert older["next_cursor"] is None
