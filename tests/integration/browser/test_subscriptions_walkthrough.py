"""Subscriptions in a real browser (issue 17): the demo user makes a plan of four hours of cleaning a month,
subscribes a customer to it from the plan's page, renews the subscription's first period from its page and opens the
invoice it posted; then the calendar of renewals and MRR."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

from .conftest import Console
from .test_production_walkthrough import cells
from .test_sales_walkthrough import press, status_of

pytestmark = pytest.mark.browser


def test_the_demo_user_makes_a_plan_subscribes_a_customer_renews_and_opens_the_invoice_in_the_browser(
        console_server: Console, page: Page) -> None:
    today = datetime.now(UTC).date().isoformat()  # the live server's day
    console_server.sign_in(page, "demo", "demo")
    page.get_by_role("navigation").get_by_role("link", name="Subscriptions").click()
    expect(page.get_by_role("heading", name="Subscriptions")).to_be_visible()
    page.locator(".books-nav").get_by_role("link", name="Plans").click()
    press(page, "New plan…")
    page.locator("[name='code']").fill("CLEAN-4H")
    page.locator("[name='name']").fill("Office cleaning, 4 hours a month")
    page.locator("[name='currency']").fill("EUR")
    page.locator("[name='interval']").select_option("month")
    page.locator("[name='lines.0.sku']").fill("SVC-CLEANING")
    page.locator("[name='lines.0.quantity']").fill("4")
    page.locator("[name='lines.0.unit_price']").fill("45.00")
    console_server.screenshot(page, "plan-form")
    press(page, "Create")
    expect(page.get_by_role("heading", name="Plan CLEAN-4H")).to_be_visible()
    plan_lines = cells(page, "version-1", "SVC-CLEANING")
    console_server.screenshot(page, "plan")

    press(page, "Subscribe a customer…")
    prefilled = page.locator("[name='plan_code']").input_value()
    page.locator("[name='customer_code']").fill("CUST-005")
    page.locator("[name='branch_code']").fill("BER")
    page.locator("[name='start_day']").fill(today)
    press(page, "Create")
    expect(page.locator("h1")).to_contain_text("Subscription SUB-")
    subscribed = status_of(page), page.locator("#next-period").inner_text(), page.locator("#renewals").inner_text()
    number = page.locator("h1").inner_text().split()[1]
    subscription = page.url
    press(page, "Renew")
    page.wait_for_url(subscription)
    expect(page.locator("#renewals tbody tr")).to_have_count(1)  # the page after the renewal, not the one before
    [renewal] = page.locator("#renewals tbody tr").all()
    renewed = renewal.locator("td").all_inner_texts()
    console_server.screenshot(page, "subscription")
    renewal.get_by_role("link", name="INV-").click()
    expect(page.locator("h1")).to_contain_text(renewed[3])
    invoice_lines = page.locator("table.lines tbody tr").all_inner_texts()
    console_server.screenshot(page, "subscription-invoice")

    page.get_by_role("navigation").get_by_role("link", name="Subscriptions").click()
    page.locator("[name='customer']").fill("CUST-005")
    press(page, "Filter")
    page.wait_for_url("**customer=CUST-005**")
    listed = page.locator("#subscriptions tbody tr").filter(has=page.get_by_role("link", name=number, exact=True)) \
        .locator("td").all_inner_texts()
    console_server.screenshot(page, "subscriptions")
    page.locator(".books-nav").get_by_role("link", name="Renewal calendar").click()
    page.locator("[name='days']").fill("45")  # a month from today may be the 32nd day
    press(page, "Filter")
    page.wait_for_url("**days=45**")
    due = page.locator("#calendar tbody.day", has=page.get_by_role("link", name=number))
    due_day = due.locator("tr.day-head").inner_text()
    due_renewal = due.locator("tr", has=page.get_by_role("link", name=number)).locator("td").all_inner_texts()
    console_server.screenshot(page, "renewal-calendar")
    page.locator(".books-nav").get_by_role("link", name="MRR").click()
    reconciliation = page.locator("#reconciliation-EUR").inner_text()
    console_server.screenshot(page, "mrr")

    # SKU, quantity, unit price, a period
    assert plan_lines == ["SVC-CLEANING", "4", "45.00 EUR", "180.00 EUR"]
    assert prefilled == "CLEAN-4H"
    assert subscribed[0] == "active"
    assert subscribed[1].startswith(f"{today} to ")
    assert subscribed[1].endswith("period 0, due")
    assert "Not renewed yet." in subscribed[2]
    assert renewed[0].startswith(f"{today} to ")
    assert renewed[1] == "180.00 EUR"
    assert renewed[2].startswith("SO-")
    assert renewed[3].startswith("INV-")
    assert len(invoice_lines) == 1
    assert "SVC-CLEANING" in invoice_lines[0]
    assert number in invoice_lines[0]  # the line names the subscription and its period
    assert listed[1:4] == ["CUST-005", "CLEAN-4H v1", "active"]
    assert listed[4] > today  # the next period
    assert listed[5] == "180.00 EUR"
    assert due_day.startswith(listed[4])  # the day of its next period
    assert due_renewal[1:3] == ["CUST-005", "CLEAN-4H v1"]
    assert due_renewal[3].startswith(f"{listed[4]} to ")
    assert due_renewal[3].endswith("period 1")
    assert due_renewal[4] == "180.00 EUR"
    assert reconciliation.endswith("reconciles")
