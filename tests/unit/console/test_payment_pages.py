"""Payments in the console: an overdue invoice offers Record payment, the form (from the action table) pays it, the
payment's page shows what it pays, and the statement and the ageing tell what the customer owes."""

from __future__ import annotations

from datetime import date

from flask import Flask

import oms
from oms.domain.access.tokens import Role
from tests.unit.console.conftest import Browser, browser, text


def _overdue_invoice(system: oms.OrderManagement) -> str:
    """FIT 2 (119.00) invoiced to ACME, dated Feb 1 on immediate terms: overdue on Mar 2."""
    order = system.sales_order(system.handle(oms.CreateSalesOrder(
        customer_code="ACME", branch_code="BER", confirm=True, lines=(oms.LineInput(sku="FIT", quantity="2"),))))
    draft = system.handle(oms.InvoiceOrders(orders=(order.number,)))
    system.handle(oms.PostInvoice(invoice_id=draft, invoice_date=date(2026, 2, 1)))
    return "INV-2026-000001"


def test_a_clerk_records_a_payment_of_an_overdue_invoice_from_its_page(app: Flask, clerk: Browser) -> None:
    number = _overdue_invoice(app.extensions["oms"].system)

    invoice_page = text(clerk.get(f"/console/invoices/{number}"))
    recorded = clerk.post("/console/payment/do/record", {"customer_code": "ACME", "amount": "100.00",
                                                         "currency": "EUR", "method": "bank_transfer",
                                                         "invoice_id": number, "reference": "", "payment_date": ""})
    payment_page = text(clerk.get(recorded.location))
    after = text(clerk.get(f"/console/invoices/{number}"))
    listed = text(clerk.get("/console/payments"))

    assert "overdue" in invoice_page
    assert "Record payment" in invoice_page
    assert recorded.status_code == 302
    assert "PAY-2026-000001" in payment_page
    assert number in payment_page
    assert "partially paid" in after
    assert "19.00 EUR" in after
    assert "PAY-2026-000001" in listed


def test_the_statement_and_the_ageing_pages_tell_what_is_owed(app: Flask) -> None:
    system: oms.OrderManagement = app.extensions["oms"].system
    _overdue_invoice(system)
    system.handle(oms.RecordPayment(customer_code="ACME", amount="20.00", currency="EUR"))
    viewer = browser(app, Role.VIEWER)

    statement = text(viewer.get("/console/customers/ACME/statement"))
    ageing = text(viewer.get("/console/receivables/ageing"))

    assert "INV-2026-000001" in statement
    assert "PAY-2026-000001" in statement
    assert "99.00 EUR" in statement  # 119.00 less 20.00
    assert "Unallocated credit" in statement
    assert "119.00 EUR" in ageing  # the credit is not allocated: the invoice still owes all of it, 1-30 days late
