"""Invoicing in the console: an order's billing, a draft invoice made from it, posted by a manager."""

from __future__ import annotations

from flask import Flask

import oms
from oms.domain.access.tokens import Role
from tests.unit.console.conftest import Browser, browser, text


def test_an_order_page_shows_its_billing_and_a_manager_invoices_and_posts_what_is_left(
        app: Flask, clerk: Browser) -> None:
    system: oms.OrderManagement = app.extensions["oms"].system
    order = system.sales_order(system.handle(oms.CreateSalesOrder(
        customer_code="ACME", branch_code="BER", confirm=True, lines=(oms.LineInput(sku="FIT", quantity="2"),))))
    manager = browser(app, Role.MANAGER)

    order_page = text(manager.get(f"/console/sales-orders/{order.number}"))
    made = manager.post("/console/invoice/do/create", {"orders": order.number})
    draft_page = text(manager.get(made.location))
    posted = manager.post(f"{made.location.replace('/invoices/', '/invoice/')}/do/post", {"_back": ""})

    assert "Billing" in order_page
    assert "Invoice what is left" in order_page
    assert made.status_code == 302
    assert "Invoice (draft)" in draft_page
    assert "119.00 EUR" in draft_page
    assert "INV-2026-000001" in text(manager.get(posted.location))
    assert "do/post" not in text(clerk.get(posted.location))  # a clerk sees no Post button
