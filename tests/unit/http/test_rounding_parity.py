"""peers.md 5d case 3's fixed cases through the HTTP API: an order invoiced in two parts, each invoice credited in
full, every document posted; the order's totals, the invoices' sums, the credit notes' and the journal's agree to the
cent, in both tax rounding modes (the million random documents of the same check are benchmark h)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import oms
from oms.entrypoints.http.testing import Caller

MODES = ("per_line", "global")


@pytest.fixture(autouse=True)
def _branches(system: oms.OrderManagement) -> None:
    """ROM (Italy, 22 %) and LUX (two taxes of 17 %: standard and reduced), with services billed on order."""
    handle = system.handle
    handle(oms.SetTaxRate(jurisdiction="IT", category=oms.TaxCategory.STANDARD, rate="0.22"))
    handle(oms.SetTaxRate(jurisdiction="LU", category=oms.TaxCategory.STANDARD, rate="0.17"))
    handle(oms.SetTaxRate(jurisdiction="LU", category=oms.TaxCategory.REDUCED, rate="0.17"))
    handle(oms.CreateBranch(code="ROM", name="Roma", currency="EUR", tax_jurisdiction="IT"))
    handle(oms.CreateBranch(code="LUX", name="Luxembourg", currency="EUR", tax_jurisdiction="LU"))
    for sku, price, category in (("S-348", "348.35", oms.TaxCategory.STANDARD),
                                 ("S-50", "50.40", oms.TaxCategory.STANDARD),
                                 ("S-47", "47.21", oms.TaxCategory.REDUCED)):
        handle(oms.CreateProduct(sku=sku, name=sku, price=price, currency="EUR", kind=oms.ProductKind.SERVICE,
                                 tax_category=category))


def _amount(money: dict[str, str]) -> Decimal:
    return Decimal(money["amount"])


def _posted(manager: Caller, document: dict[str, Any]) -> dict[str, Any]:
    posted = manager.post(f"/invoices/{document['id']}/post", json={})
    assert posted.status_code == 200, posted.get_json()
    answer: dict[str, Any] = posted.get_json()
    return answer


def _invoiced_in_two_and_credited(clerk: Caller, manager: Caller, branch: str, mode: str,
                                  lines: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]],
                                                                        list[dict[str, Any]]]:
    order = clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": branch, "confirm": True,
                                              "tax_rounding": mode, "lines": lines}).get_json()
    halves = [{"order": order["number"], "line": line["id"], "quantity": str(Decimal(line["quantity"]) // 2)}
              for line in order["lines"]]
    first = _posted(manager, clerk.post("/invoices", json={"lines": halves}).get_json())
    second = _posted(manager, clerk.post("/invoices", json={"orders": [order["number"]]}).get_json())
    notes = [_posted(manager, manager.post(f"/invoices/{invoice['number']}/credit-notes", json={}).get_json())
             for invoice in (first, second)]
    return order, [first, second], notes


def _receivable(clerk: Caller, kind: str, number: str) -> Decimal:
    [entry] = clerk.get("/accounting/journal-entries",
                        query_string={"source_kind": kind, "source_ref": number}).get_json()["entries"]
    [line] = [line for line in entry["lines"] if line["account_code"] == "1100"]
    return _amount(line["debit"]) - _amount(line["credit"])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("branch", "lines", "expected"), [
    # Odoo #37896 / PR #28788: 16 x 348.35 less 4 %, 22 % tax: 6527.81 in both modes.
    ("ROM", [{"sku": "S-348", "quantity": "16", "discount": {"kind": "percent", "value": "4"}}], "6527.81"),
    # Odoo PR #117616: 50.40 and 47.21 under two different taxes of 17 %: 97.61 + 16.60 on the order and invoice.
    ("LUX", [{"sku": "S-50", "quantity": "2"}, {"sku": "S-47", "quantity": "2"}], None),
], ids=["odoo-37896", "odoo-117616"])
def test_an_order_its_invoices_their_credit_notes_and_the_journal_agree_to_the_cent(
        clerk: Caller, manager: Caller, branch: str, lines: list[dict[str, Any]], expected: str | None,
        mode: str) -> None:
    order, invoices, notes = _invoiced_in_two_and_credited(clerk, manager, branch, mode, lines)

    grand = _amount(order["totals"]["grand_total"])
    if expected is not None:
        assert grand == Decimal(expected)
    assert sum(_amount(invoice["totals"]["grand_total"]) for invoice in invoices) == grand
    assert sum(_amount(invoice["totals"]["tax_total"]) for invoice in invoices) == _amount(order["totals"]["tax_total"])
    for invoice, note in zip(invoices, notes, strict=True):
        assert note["totals"] == invoice["totals"]  # a credit note of everything gives back exactly the invoice
        assert _receivable(clerk, "invoice", invoice["number"]) == _amount(invoice["totals"]["grand_total"])
        assert _receivable(clerk, "credit_note", note["number"]) == -_amount(note["totals"]["grand_total"])
