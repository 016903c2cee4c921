"""Invoicing in a real browser: a partly shipped order invoiced for what was shipped, posted, and its document
opened as the customer receives it, and its payment recorded from the invoice's page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import Console
from .test_sales_walkthrough import press

pytestmark = pytest.mark.browser


def test_the_demo_user_invoices_what_was_shipped_posts_it_opens_its_document_and_records_its_payment(
        console_server: Console, page: Page) -> None:
    console_server.sign_in(page, "demo", "demo")
    page.goto(f"{console_server.url}/console/sales-orders")
    page.get_by_role("link", name=re.compile(r"^New ")).click()
    page.locator("[name='customer_code']").fill("ACME")
    page.locator("[name='branch_code']").fill("BER")
    page.locator("[name='lines.0.sku']").fill("CHAIR-MESH")
    page.locator("[name='lines.0.quantity']").fill("5")
    press(page, "Create")
    press(page, "Confirm")
    press(page, "Issue…")
    page.locator("[name='warehouse_code']").fill("BER-MAIN")
    page.locator("[name='lines.0.quantity']").fill("2")
    press(page, "Ship")
    expect(page.locator("h1 .status")).to_have_text("partially issued")
    order = page.url

    press(page, "Invoice what is left…")
    press(page, "Create")
    expect(page.get_by_role("heading", name=re.compile(r"^Invoice \(draft\)"))).to_be_visible()
    draft_total = page.locator("dd.grand").inner_text()
    press(page, "Post…")
    press(page, "Post")
    expect(page.get_by_role("heading", name=re.compile(r"^Invoice INV-"))).to_be_visible()
    console_server.screenshot(page, "invoice")
    number = page.get_by_role("heading", name=re.compile(r"^Invoice INV-")).inner_text().split()[1]
    invoice = page.url
    document = page.get_by_role("link", name="Print / PDF").get_attribute("href")
    page.goto(f"{console_server.url}{document}")
    expect(page.get_by_role("heading", name=f"Invoice {number}")).to_be_visible()
    console_server.screenshot(page, "invoice-document")
    printed = page.locator("body").inner_text()
    page.goto(order)
    billing = page.locator("h2:has-text('Billing') + table tbody tr td").all_inner_texts()
    page.get_by_role("link", name="invoices", exact=True).click()
    listed = page.locator("table.list tbody").inner_text()
    console_server.screenshot(page, "invoices")

    page.goto(invoice)
    unpaid = page.locator("dt:has-text('Payment') + dd").inner_text()
    press(page, "Record payment…")
    page.locator("[name='amount']").fill("300.00")
    page.locator("[name='reference']").fill("bank statement 4711")
    press(page, "Record")
    expect(page.get_by_role("heading", name=re.compile(r"^Payment PAY-"))).to_be_visible()
    console_server.screenshot(page, "payment")
    payment = page.locator("main").inner_text()
    page.goto(invoice)
    paid = page.locator("dt:has-text('Payment') + dd").inner_text()

    assert draft_total == "285.36 EUR"  # 2 x 119.90 + 19 % tax
    assert "Acme GmbH" in printed
    assert "285.36 EUR" in printed
    assert "DRAFT" not in printed
    assert billing[3:7] == ["5", "2", "2", "0"]  # ordered, delivered, invoiced, to invoice
    assert number in listed
    assert "not paid" in unpaid
    assert "285.36 EUR" in unpaid  # the residual before the payment
    assert "14.64 EUR" in payment  # 300.00 paid, 285.36 allocated: the rest is ACME's credit
    assert "paid" in paid
    assert "0.00 EUR" in paid
