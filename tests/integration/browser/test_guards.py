"""What the console refuses in a real browser: a bad value (shown at its field), a viewer's action (no buttons, and
403 when forged) and a form without this session's CSRF token (400); none of them changes anything."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import Console

pytestmark = pytest.mark.browser


def draft_quotation(console: Console, page: Page, position: int) -> str:
    """The number of one of the demo's draft quotations (each test its own, so none sees another's doing)."""
    page.goto(f"{console.url}/console/quotations?status=draft")
    return page.locator("table.list tbody tr td:first-child a").nth(position).inner_text()


def csrf_token(page: Page) -> str:
    token = page.locator("input[name='csrf_token']").first.get_attribute("value")
    assert token
    return token


def test_a_bad_quantity_is_shown_beside_its_field_and_creates_nothing(console_server: Console, page: Page) -> None:
    console_server.sign_in(page, "demo", "demo")
    page.goto(f"{console_server.url}/console/quotations?customer=ACME")
    before = page.locator("table.list tbody tr").count()
    page.goto(f"{console_server.url}/console/quotation/do/create")
    page.locator("[name='customer_code']").fill("ACME")
    page.locator("[name='branch_code']").fill("BER")
    page.locator("[name='lines.0.sku']").fill("DESK-OAK")
    page.locator("[name='lines.0.quantity']").fill("-2")

    page.get_by_role("button", name="Create", exact=True).click()

    field = page.locator("label.field.invalid", has=page.locator("[name='lines.0.quantity']"))
    expect(field.locator("em.error")).to_have_text("must be greater than zero")
    expect(page.locator("label.field.invalid")).to_have_count(1)
    expect(page.locator("[name='lines.0.sku']")).to_have_value("DESK-OAK")
    console_server.screenshot(page, "field-error")
    page.goto(f"{console_server.url}/console/quotations?customer=ACME")
    expect(page.locator("table.list tbody tr")).to_have_count(before)


def test_a_viewer_sees_no_action_and_a_forged_one_is_forbidden(console_server: Console, page: Page) -> None:
    console_server.sign_in(page, "viewer", "viewer")
    number = draft_quotation(console_server, page, 0)
    page.goto(f"{console_server.url}/console/quotations/{number}")

    forged = page.request.post(f"{console_server.url}/console/quotation/{number}/do/send",
                               form={"csrf_token": csrf_token(page)})

    assert forged.status == 403
    expect(page.locator(".actions button, .actions a")).to_have_count(0)
    expect(page.get_by_role("link", name="New quotation")).to_have_count(0)
    page.reload()
    expect(page.locator("h1 .status")).to_have_text("draft")


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(console_server: Console, page: Page) -> None:
    console_server.sign_in(page, "demo", "demo")
    number = draft_quotation(console_server, page, 1)
    page.goto(f"{console_server.url}/console/quotations/{number}")
    expect(page.get_by_role("button", name="Send", exact=True)).to_be_visible()

    forged = page.request.post(f"{console_server.url}/console/quotation/{number}/do/send", form={"_back": ""})

    assert forged.status == 400
    assert "The form was refused" in forged.text()
    page.reload()
    expect(page.locator("h1 .status")).to_have_text("draft")
