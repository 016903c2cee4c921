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


def test_invoices_are_listed_from_the_menu_an_order_and_a_customer_and_printed_as_html_and_pdf(
        app: Flask, clerk: Browser) -> None:
    system: oms.OrderManagement = app.extensions["oms"].system
    order = system.sales_order(system.handle(oms.CreateSalesOrder(
        customer_code="ACME", branch_code="BER", confirm=True, lines=(oms.LineInput(sku="FIT", quantity="2"),))))
    draft = system.handle(oms.InvoiceOrders(lines=(oms.InvoiceLineRequest(order=order.number, line="1",
                                                                           quantity="1"),)))
    system.handle(oms.PostInvoice(invoice_id=system.handle(oms.InvoiceOrders(lines=(oms.InvoiceLineRequest(
        order=order.number, line="1", quantity="2"),)))))

    home = text(clerk.get("/console/"))
    listed = text(clerk.get("/console/invoices"))
    posted_only = text(clerk.get("/console/invoices?status=posted&sales_order=" + order.number))
    credit_notes = text(clerk.get("/console/invoices?customer=ACME&kind=credit_note"))
    customer_page = text(clerk.get("/console/customers/ACME"))
    order_page = text(clerk.get(f"/console/sales-orders/{order.number}"))
    invoice_page = text(clerk.get("/console/invoices/INV-2026-000001"))
    printed = clerk.get("/console/invoice-document/INV-2026-000001")
    pdf = clerk.client.get("/console/invoice-pdf/INV-2026-000001")  # bytes, not a page
    draft_printed = text(clerk.get(f"/console/invoice-document/{draft}"))

    assert 'href="/console/invoices"' in home
    assert "INV-2026-000001" in listed
    assert "(draft)" in listed
    assert "(draft)" not in posted_only
    assert "INV-2026-000001" in posted_only
    assert "Nothing matches" in credit_notes
    assert "/console/invoices?customer=ACME" in customer_page
    assert f"/console/invoices?sales_order={order.number}" in order_page
    assert "/console/invoice-document/INV-2026-000001" in invoice_page
    assert printed.mimetype == "text/html"
    assert "119.00 EUR" in text(printed)
    assert "Acme GmbH" in text(printed)
    assert "/console/invoice-pdf/INV-2026-000001" in text(printed)
    assert pdf.mimetype == "application/pdf"
    assert pdf.get_data().startswith(b"%PDF-")
    assert "DRAFT" in draft_printed
    assert clerk.client.get("/console/invoice-pdf/INV-2026-999999").status_code == 404
