"""Reports in a real browser (issue 19): every report of the catalogue opens from the console's Reports page with
its basis stated, its table, and (for a report with a chart) the chart drawn: the SVG image loaded with bars or
lines in it; the demo's sales by month are charted."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

import oms

from .conftest import VIEWPORT, WAIT_MS, Console

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def signed_in(browser: Browser, console_server: Console) -> Iterator[BrowserContext]:
    """One context signed in once as the viewer for the whole module: sixteen sign-ins in a minute would run into
    the console's limit of sign-in attempts per address, which the other browser tests share."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="UTC")
    context.set_default_timeout(WAIT_MS)
    first = context.new_page()
    console_server.sign_in(first, "viewer", "viewer")
    first.close()
    yield context
    context.close()


@pytest.fixture
def viewer(signed_in: BrowserContext) -> Iterator[Page]:
    tab = signed_in.new_page()
    yield tab
    tab.close()


@pytest.mark.parametrize("name", list(oms.report_catalogue()))
def test_each_report_page_shows_its_basis_its_table_and_draws_its_chart(
        console_server: Console, viewer: Page, name: str) -> None:
    page = viewer
    page.goto(f"{console_server.url}/console/reports")
    page.get_by_role("link", name=oms.report_catalogue()[name].title, exact=True).click()

    expect(page.locator("#basis")).not_to_be_empty()
    expect(page.locator("#report thead th").first).to_be_visible()
    chart = page.locator("#chart img")
    if chart.count():
        page.wait_for_function("document.querySelector('#chart img').complete")
        assert page.evaluate("document.querySelector('#chart img').naturalWidth") > 0, "the chart was not drawn"
        svg = page.request.get(console_server.url + (chart.get_attribute("src") or "")).text()
        assert "<path" in svg or "<rect" in svg
    console_server.screenshot(page, f"report-{name}")


def test_the_demos_sales_by_month_are_charted_with_bars(console_server: Console, viewer: Page) -> None:
    page = viewer
    page.goto(f"{console_server.url}/console/reports/sales?by=month")

    svg = page.request.get(f"{console_server.url}/console/reports/sales/chart.svg?by=month").text()
    rows = page.locator("#report tbody tr")

    expect(rows).to_have_count(12)
    assert svg.count('id="patch_') > 12  # the figure, the axes and one bar per month and series
