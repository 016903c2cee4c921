"""Requests for quotation in the console: the list, a page with the suppliers' status, a supplier's answer entered
in its form, the comparison with the cheapest and fastest marked, and the award form making the purchase order."""

from __future__ import annotations

import re
from datetime import date

from flask import Flask

import oms
from oms.domain.access.tokens import Role
from tests.unit.console.conftest import Browser, browser, text
from tests.unit.rfq_support import seed_suppliers


def sent_rfq(system: oms.OrderManagement) -> str:
    seed_suppliers(system)
    rfq_id = system.handle(oms.CreateRfq(branch_code="NYC", suppliers=("S1", "S2", "S3"), lines=(
        oms.RfqLineInput(sku="DESK", quantity="100"),)))
    system.handle(oms.SendRfq(rfq_id=rfq_id))
    system.handle(oms.RecordSupplierQuotation(rfq_id=rfq_id, supplier_code="S2", valid_until=date(2026, 4, 30), lines=(
        oms.OfferInput(line="1", price="9.50", quantity="100", lead_time_days=5),)))
    return "RFQ-000001"


def row_of(page: str, supplier: str) -> str:
    found = re.search(rf"<tr class=\"([^\"]*)\">\s*<td>{supplier} ", page)
    assert found, page
    return found.group(1)


def test_an_answer_entered_in_the_console_is_compared_and_awarded_into_a_purchase_order(
        app: Flask, clerk: Browser, system: oms.OrderManagement) -> None:
    number = sent_rfq(system)
    clerk.get(f"/console/rfq/{number}/do/answer")

    answered = clerk.post(f"/console/rfq/{number}/do/answer", {
        "supplier_code": "S1", "valid_until": "2026-04-30", "lines.0.line": "1", "lines.0.price": "10.00",
        "lines.0.quantity": "100", "lines.0.lead_time_days": "14"})
    page = text(clerk.get(f"/console/rfqs/{number}"))
    comparison = text(clerk.get(f"/console/rfqs/{number}/comparison"))

    assert answered.status_code == 302, text(answered)
    assert re.search(r"<td>S1</td>.*?s-answered", page, re.S)
    assert re.search(r"<td>S3</td>.*?s-pending", page, re.S)
    assert row_of(comparison, "S1").split() == ["cheapest"]
    assert row_of(comparison, "S2").split() == ["fastest"]
    assert "1 EUR = 1.08 USD" in comparison
    assert "1 USD = 1 USD" not in comparison  # the branch's own currency needs no rate
    manager = browser(app, Role.MANAGER)
    manager.get(f"/console/rfq/{number}/do/award")
    awarded = manager.post(f"/console/rfq/{number}/do/award", {
        "lines.0.line": "1", "lines.0.supplier_code": "S1", "lines.0.quantity": "100"})
    assert awarded.status_code == 302, text(awarded)
    assert "PO-000001" in text(manager.get(f"/console/rfqs/{number}"))
    assert number in text(clerk.get("/console/rfqs"))


def test_a_refused_answer_shows_the_form_again_with_the_error_beside_its_input(
        clerk: Browser, system: oms.OrderManagement) -> None:
    number = sent_rfq(system)
    clerk.get(f"/console/rfq/{number}/do/answer")

    refused = clerk.post(f"/console/rfq/{number}/do/answer", {
        "supplier_code": "S1", "valid_until": "2026-04-30", "lines.0.line": "1", "lines.0.price": "-3",
        "lines.0.quantity": "100"})

    assert refused.status_code == 422
    assert "must not be negative" in text(refused)
