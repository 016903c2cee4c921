"""The README's promise in a real browser: sign in as the demo user and take a quotation to a completed order."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import Console

pytestmark = pytest.mark.browser
TIMES = "\N{MULTIPLICATION SIGN}"


def status_of(page: Page) -> str:
    return page.locator("h1 .status").inner_text()


def press(page: Page, label: str) -> None:
    """Press an action's button (or follow its link to a form), as a clerk does."""
    page.get_by_role("button", name=label, exact=True).or_(page.get_by_role("link", name=label, exact=True)).click()


def test_the_demo_user_takes_a_quotation_to_a_completed_order_in_the_browser(
        console_server: Console, page: Page) -> None:
    page.goto(f"{console_server.url}/")
    expect(page.get_by_role("heading", name="Sign in to oms")).to_be_visible()
    console_server.screenshot(page, "sign-in")
    console_server.sign_in(page, "demo", "demo")
    expect(page.get_by_role("heading", name="Good day, Demo administrator")).to_be_visible()
    console_server.screenshot(page, "home")
    page.get_by_role("navigation").get_by_role("link", name="Quotations").click()
    expect(page.locator("table.list tbody tr").first).to_be_visible()
    console_server.screenshot(page, "quotations")

    page.get_by_role("link", name=re.compile(r"^New ")).click()
    page.locator("[name='customer_code']").fill("ACME")
    page.locator("[name='branch_code']").fill("BER")
    page.locator("[name='lines.0.sku']").fill("DESK-OAK")
    page.locator("[name='lines.0.quantity']").fill("3")
    page.locator("[name='lines.1.sku']").fill("SVC-ASSEMBLY")
    page.locator("[name='lines.1.quantity']").fill("4")
    page.locator("[name='order_discount.kind']").select_option("percent")
    page.locator("[name='order_discount.value']").fill("5")
    press(page, "Create")
    expect(page.locator("table.lines tbody tr")).to_have_count(2)
    quotation = page.url
    console_server.screenshot(page, "quotation")
    draft = (status_of(page), page.locator("dl.facts").inner_text(), page.locator("dd.grand").inner_text())
    for step, reached in (("Send", "sent"), ("Accept", "accepted")):
        press(page, step)
        expect(page.locator("h1 .status")).to_have_text(reached)
    press(page, "Convert…")
    press(page, "Convert")
    expect(page.get_by_role("heading", name=re.compile(r"^Sales order "))).to_be_visible()
    press(page, "Confirm")
    expect(page.locator("h1 .status")).to_have_text("confirmed")
    press(page, "Issue…")
    page.locator("[name='warehouse_code']").fill("BER-MAIN")
    page.locator("[name='lines.0.quantity']").fill("2")
    press(page, "Ship")
    expect(page.locator("h1 .status")).to_have_text("partially issued")
    press(page, "Issue…")
    page.locator("[name='warehouse_code']").fill("BER-MAIN")
    press(page, "Ship")
    expect(page.locator("h1 .status")).to_have_text("issued")
    console_server.screenshot(page, "sales-order")
    press(page, "Complete…")
    press(page, "Complete")

    expect(page.locator("h1 .status")).to_have_text("completed")
    assert draft[0] == "draft"
    assert "5%" in draft[1]
    assert draft[2] == "1183.63 EUR"  # 3 x 289.00 + 4 x 45.00, 5% off, 19% tax
    trail = [[cell.inner_text() for cell in row.locator("td").all()[1:4]]
             for row in page.locator("h2:has-text('Audit trail') + table tbody tr").all()]
    assert trail == [["demo", "draft", "confirmed"], ["demo", "confirmed", "partially issued"],
                     ["demo", "partially issued", "issued"], ["demo", "issued", "completed"]]
    issues = page.locator("h2:has-text('Goods issues') + table tbody tr")
    expect(issues).to_have_count(2)
    expect(issues).to_contain_text([f"DESK-OAK {TIMES} 2", f"DESK-OAK {TIMES} 1"])
    page.goto(quotation)
    expect(page.locator("h1 .status")).to_have_text("converted")
