"""Invoicing in a real browser: a partly shipped order invoiced for what was shipped, posted, and its document
opened as the customer receives it. (Recording its payment comes with payments.)"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import Console
from .test_sales_walkthrough import press

pytestmark = pytest.mark.browser


def test_the_demo_user_invoices_what_was_shipped_posts_it_and_opens_its_document(
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

    assert draft_total == "285.36 EUR"  # 2 x 119.90 + 19 % tax
    assert "Acme GmbH" in printed
    assert "285.36 EUR" in printed
    assert "DRAFT" not in printed
    assert billing[3:7] == ["5", "2", "2", "0"]  # ordered, delivered, invoiced, to invoice
    assert number in listed
