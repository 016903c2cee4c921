"""Payments over HTTP (peers.md 5d case 7): an invoice paid in two steps, the overpayment kept as customer credit,
overdue derived from the due date the customer's payment terms gave, the statement and the ageing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import oms
from oms.entrypoints.http.testing import Caller


def _posted_invoice(clerk: Caller, manager: Caller, *, terms: str, invoice_date: str) -> dict[str, Any]:
    """An invoice of 120.00 to UNI (tax exempt) for one AUDIT (a service of 120.00), posted on `invoice_date`."""
    manager.patch("/customers/UNI", json={"payment_terms": terms})
    manager.post("/products", json={"sku": "AUDIT", "name": "Audit", "price": "120.00", "currency": "EUR",
                                    "kind": "service"})
    order = clerk.post("/sales-orders", json={"customer_code": "UNI", "branch_code": "BER", "confirm": True,
                                              "lines": [{"sku": "AUDIT", "quantity": "1"}]}).get_json()
    draft = clerk.post("/invoices", json={"orders": [order["number"]]}).get_json()
    return dict(manager.post(f"/invoices/{draft['id']}/post", json={"invoice_date": invoice_date}).get_json())


def _pay(clerk: Caller, amount: str, invoice: str | None = None) -> dict[str, Any]:
    body = {"customer_code": "UNI", "amount": amount, "currency": "EUR", "method": "bank_transfer",
            "reference": "bank statement 12"}
    response = clerk.post("/payments", json=body | ({"invoice_id": invoice} if invoice else {}))
    assert response.status_code == 201, response.get_json()
    return dict(response.get_json())


def test_120_paid_50_then_80_is_partial_then_paid_with_10_of_credit_and_overdue_only_while_unpaid(
        clerk: Caller, manager: Caller, clock: oms.FixedClock) -> None:
    invoice = _posted_invoice(clerk, manager, terms="end of month + 1", invoice_date="2026-02-01")
    number = invoice["number"]

    unpaid = clerk.get(f"/invoices/{number}").get_json()
    first = _pay(clerk, "50.00", number)
    partial = clerk.get(f"/invoices/{number}").get_json()
    clock.advance(timedelta(days=1))
    second = _pay(clerk, "80.00", number)
    paid = clerk.get(f"/invoices/{number}").get_json()
    statement = clerk.get("/customers/UNI/statement").get_json()

    assert invoice["due_date"] == "2026-03-01"
    assert (unpaid["payment_status"], unpaid["residual"]["amount"], unpaid["overdue"]) == ("not_paid", "120.00", True)
    assert first["number"] == "PAY-2026-000001"
    assert (partial["payment_status"], partial["residual"]["amount"], partial["overdue"]) == (
        "partially_paid", "70.00", True)
    assert [a["amount"]["amount"] for a in second["allocations"]] == ["70.00"]
    assert second["unallocated"]["amount"] == "10.00"
    assert (paid["payment_status"], paid["residual"]["amount"], paid["overdue"]) == ("paid", "0.00", False)
    assert [(line["kind"], line["balance"]["amount"]) for line in statement["currencies"][0]["lines"]] == [
        ("invoice", "120.00"), ("payment", "70.00"), ("payment", "-10.00")]
    assert statement["currencies"][0]["unallocated_credit"]["amount"] == "10.00"


def test_customer_credit_is_allocated_later_and_unallocated_again(clerk: Caller, manager: Caller) -> None:
    credit = _pay(clerk, "200.00")
    invoice = _posted_invoice(clerk, manager, terms="net 30", invoice_date="2026-03-02")

    allocated = clerk.post(f"/payments/{credit['number']}/allocate", json={"invoice_id": invoice["number"]})
    after = clerk.get(f"/invoices/{invoice['number']}").get_json()
    unallocated = manager.post(f"/payments/{credit['number']}/unallocate", json={"invoice_id": invoice["number"]})

    assert invoice["due_date"] == "2026-04-01"
    assert allocated.status_code == 200
    assert allocated.get_json()["unallocated"]["amount"] == "80.00"
    assert after["payment_status"] == "paid"
    assert unallocated.get_json()["unallocated"]["amount"] == "200.00"
    assert clerk.get(f"/invoices/{invoice['number']}").get_json()["payment_status"] == "not_paid"


def test_allocating_more_than_the_residual_is_a_409_naming_the_rule(clerk: Caller, manager: Caller) -> None:
    invoice = _posted_invoice(clerk, manager, terms="immediate", invoice_date="2026-03-02")
    payment = _pay(clerk, "500.00")

    refused = clerk.post(f"/payments/{payment['number']}/allocate",
                         json={"invoice_id": invoice["number"], "amount": "120.01"})

    assert refused.status_code == 409
    assert refused.get_json()["rule"] == "CannotAllocateMoreThanResidual"


def test_payment_terms_that_cannot_be_read_are_a_422_naming_the_field(manager: Caller) -> None:
    refused = manager.patch("/customers/UNI", json={"payment_terms": "net thirty"})

    assert refused.status_code == 422
    assert "payment_terms" in str(refused.get_json())


def test_the_ageing_puts_each_residual_in_its_bucket_by_days_past_due(clerk: Caller, manager: Caller) -> None:
    invoice = _posted_invoice(clerk, manager, terms="net 0", invoice_date="2026-01-15")
    _pay(clerk, "20.00", invoice["number"])

    ageing = clerk.get("/receivables/ageing", query_string={"as_of": "2026-03-02"}).get_json()

    assert [(row["customer_code"], row["days_31_60"]["amount"], row["total"]["amount"])
            for row in ageing["customers"]] == [("UNI", "100.00", "100.00")]
    assert ageing["totals"][0]["current"]["amount"] == "0.00"
