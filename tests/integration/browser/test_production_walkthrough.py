"""Production in a real browser (issue 16): tops arrive, the demo's draft work order of tables is released, made in
two partial outputs that consume their components cumulatively, and closed, its page checked after each step; then
the table's BOM and the demo's service order with its hours."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import Console
from .test_sales_walkthrough import press, status_of

pytestmark = pytest.mark.browser


def cells(page: Page, table: str, first: str) -> list[str]:
    """The cells of the row of `#table` that starts with `first`."""
    return page.locator(f"#{table} tbody tr").filter(has=page.locator(f"td:first-child:text-is('{first}')")) \
        .locator("td").all_inner_texts()


def report(page: Page, quantity: str) -> None:
    press(page, "Output…")
    page.locator("[name='quantity']").fill(quantity)
    press(page, "Output")


def test_the_demo_user_releases_a_work_order_makes_it_in_two_outputs_and_closes_it_in_the_browser(
        console_server: Console, page: Page) -> None:
    console_server.sign_in(page, "demo", "demo")
    page.goto(f"{console_server.url}/console/stock")
    page.locator(".heading").get_by_role("link", name="Receive…").click()
    page.locator("[name='sku']").fill("TOP")
    page.locator("[name='warehouse_code']").fill("BER-MAIN")
    page.locator("[name='quantity']").fill("5")
    page.locator("[name='unit_cost']").fill("40.00")
    press(page, "Receive")
    page.get_by_role("navigation").get_by_role("link", name="Production").click()
    page.locator("select[name='status']").select_option("draft")
    press(page, "Filter")
    page.locator("table.list tbody a").first.click()
    drafted = status_of(page)
    number = page.locator("h1").inner_text().split()[2]
    work_order = page.url

    press(page, "Release")
    expect(page.locator("h1 .status")).to_have_text("released")
    released = {sku: cells(page, "components", sku)[2:] for sku in ("TOP", "SCREW")}
    console_server.screenshot(page, "work-order-released")
    report(page, "2")
    page.wait_for_url(work_order)
    first = status_of(page), page.locator("#produced").inner_text(), cells(page, "components", "SCREW")[2:5]
    press(page, "Output…")
    page.locator("[name='quantity']").fill("3")
    console_server.screenshot(page, "work-order-output-form")
    press(page, "Output")
    page.wait_for_url(work_order)
    second = status_of(page), page.locator("#produced").inner_text(), cells(page, "components", "SCREW")[2:5]
    outputs = [cells(page, "outputs", f"{number}/{n}") for n in (1, 2)]
    console_server.screenshot(page, "work-order-made")
    press(page, "Close…")
    press(page, "Close")
    expect(page.locator("h1 .status")).to_have_text("done")
    closed = [cells(page, "components", sku)[2:] for sku in ("LEG", "TOP", "SCREW", "FELT-PAD")]
    trail = page.locator("#history tbody tr td:nth-child(4)").all_inner_texts()
    console_server.screenshot(page, "work-order-done")
    page.locator("dd a", has_text="TABLE").click()
    expect(page.get_by_role("heading", name="Bill of materials TABLE")).to_be_visible()
    tree = page.locator("#tree tbody td:first-child").all_inner_texts()
    console_server.screenshot(page, "bom-tree")
    page.get_by_role("link", name="Service orders").first.click()
    expect(page.get_by_role("heading", name="Service orders")).to_be_visible()
    console_server.screenshot(page, "service-orders")
    page.locator("table.list tbody tr", has_text="SVC-ASSEMBLY").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name=re.compile(r"^Service order "))).to_be_visible()
    labour = page.locator("#labour tbody tr").all_inner_texts()
    delivered = page.locator("#billing dt:text-is('Delivered') + dd").inner_text()
    console_server.screenshot(page, "service-order")

    # required, reserved, consumed, transferred, missing: 5 tables take 5 tops and 43 screws (8 x 5 / 0.95 = 42.1)
    assert drafted == "draft"
    assert released == {"TOP": ["5", "5", "0", "0", "0"], "SCREW": ["43", "43", "0", "0", "0"]}
    assert first == ("in progress", "2 of 5", ["43", "26", "17"])  # 8 x 2 / 0.95 = 16.8: 17 screws
    assert second == ("to close", "5 of 5", ["43", "0", "43"])  # then 43 - 17 = 26, never a screw more
    assert [o[3] for o in outputs] == ["2", "3"]
    assert [o[7] for o in outputs] == ["152.10 EUR", "228.20 EUR"]  # components, 15.00 of labour a table
    assert outputs[0][8] == "76.05 EUR"
    assert closed == [["20", "0", "20", "0", "0"], ["5", "0", "5", "0", "0"], ["43", "0", "43", "0", "0"],
                      ["20", "0", "20", "0", "0"]]
    assert trail == ["released", "in progress", "to close", "done"]
    assert tree == ["LEG", "TOP", "SCREW", "FELT-KIT", "└ FELT-PAD"]
    assert len(labour) == 3  # approved, waiting, not billable: the demo's assembly on site
    assert delivered == "2.5"  # the approved billable hours only
