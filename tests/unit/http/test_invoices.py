"""Invoices over HTTP: made from an order, posted with a yearly number, credited, and refusals as problems."""

from __future__ import annotations

from oms.entrypoints.http.testing import Caller


def _shipped_order(clerk: Caller) -> str:
    order = clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER", "confirm": True,
                                              "lines": [{"sku": "DESK", "quantity": "4"}]}).get_json()
    clerk.post(f"/sales-orders/{order['number']}/goods-issues",
               json={"warehouse_code": "BER-1", "lines": [{"line_id": order["lines"][0]["id"], "quantity": "2"}]})
    return str(order["number"])


def test_an_order_is_invoiced_posted_and_credited_over_http(clerk: Caller, manager: Caller) -> None:
    order = _shipped_order(clerk)

    draft = clerk.post("/invoices", json={"orders": [order]})
    posted = manager.post(f"/invoices/{draft.get_json()['id']}/post", json={"invoice_date": "2026-03-02"})
    note = manager.post("/invoices/INV-2026-000001/credit-notes", json={})
    billing = clerk.get(f"/sales-orders/{order}/billing").get_json()

    assert draft.status_code == 201
    assert draft.get_json()["number"] is None
    assert posted.status_code == 200
    assert posted.get_json()["number"] == "INV-2026-000001"
    assert note.status_code == 201
    assert note.get_json()["totals"] == posted.get_json()["totals"]
    assert [line["to_invoice"] for line in billing["lines"]] == ["0"]  # the credit note is a draft still


def test_a_clerk_may_make_a_draft_but_not_post_it(clerk: Caller) -> None:
    draft = clerk.post("/invoices", json={"orders": [_shipped_order(clerk)]}).get_json()

    refused = clerk.post(f"/invoices/{draft['id']}/post", json={})

    assert refused.status_code == 403


def test_billing_more_than_delivered_is_a_409_naming_the_rule(clerk: Caller) -> None:
    order = _shipped_order(clerk)

    refused = clerk.post("/invoices", json={"lines": [{"order": order, "line": "1", "quantity": "3"}]})

    assert refused.status_code == 409
    assert refused.get_json()["rule"] == "CannotInvoiceMoreThanInvoiceable"


def test_a_credit_note_is_never_dated_before_its_invoice(clerk: Caller, manager: Caller) -> None:
    draft = clerk.post("/invoices", json={"orders": [_shipped_order(clerk)]}).get_json()
    manager.post(f"/invoices/{draft['id']}/post", json={"invoice_date": "2026-03-02"})
    note = manager.post("/invoices/INV-2026-000001/credit-notes", json={}).get_json()

    earlier = manager.post(f"/invoices/{note['id']}/post", json={"invoice_date": "2026-03-01"})
    same_day = manager.post(f"/invoices/{note['id']}/post", json={"invoice_date": "2026-03-02"})

    assert earlier.status_code == 409
    assert earlier.get_json()["rule"] == "CreditNoteBeforeItsInvoice"
    assert same_day.status_code == 200
