"""Carts in a real browser (issue 18): a customer's cart left two hours ago in Berlin, where recovery is on, is on
the console's abandoned carts; `oms carts recover` claims its first stage, the relay of `oms serve` sends the
recovery message to a local SMTP server, the month's recovery rate counts it, and the link in the message opens the
cart's page in the browser."""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import oms
from oms.entrypoints.runtime import Runtime
from oms.entrypoints.settings import Settings
from tests.integration.http.conftest import BIN, free_port, oms_serve_demo
from tests.integration.smtp_server import LocalSmtpServer

from .conftest import ROOT, Console
from .test_production_walkthrough import cells

pytestmark = pytest.mark.browser

LEFT = timedelta(hours=2)  # the cart's last activity, before now: past the hour after which it is abandoned


@pytest.fixture
def shop_server(tmp_path: Path, smtp_server: LocalSmtpServer) -> Iterator[tuple[Console, dict[str, str]]]:
    """`oms serve --demo` sending through the local SMTP server, its links pointing at itself; and its environment."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "OMS_DATABASE_URL": f"sqlite:///{tmp_path / 'oms.db'}", "OMS_SMTP_URL": smtp_server.url,
           "OMS_PUBLIC_URL": url}
    wanted = os.environ.get("OMS_SCREENSHOTS") == "1"
    screenshots = ROOT / "docs" / "screenshots" if wanted else tmp_path / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    with oms_serve_demo(tmp_path, env, port) as served:
        yield Console(served, screenshots), env


def left_cart(env: dict[str, str]) -> str:
    """Recovery turned on in BER and CUST-001's cart of two oak desks, both two hours ago (through the Python API on
    the server's database, with a clock in the past): the cart's id."""
    past = oms.FixedClock(datetime.now(UTC) - LEFT)
    runtime = Runtime.from_settings(Settings.from_env(env), clock=past)
    runtime.system.handle(oms.SetCartPolicy(branch_code="BER", recovery=True))
    cart = runtime.system.handle(oms.OpenCart(branch_code="BER", customer_code="CUST-001")).cart_id
    runtime.system.handle(oms.AddToCart(cart_id=cart, sku="DESK-OAK", quantity="2"))
    return cart


def received(smtp: LocalSmtpServer, to: str, seconds: float = 20) -> list[str]:
    """The plain text of the messages the SMTP server took for `to`, once it took one (the relay polls every
    second; it also sends the demo's carts' messages)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [message.body() or "" for message in smtp.messages if message.rcpt_tos == (to,)]
        if found:
            return found
        time.sleep(0.2)
    return []


def test_an_operator_sees_an_abandoned_cart_runs_recovery_and_the_message_link_restores_the_cart(
        shop_server: tuple[Console, dict[str, str]], smtp_server: LocalSmtpServer, page: Page) -> None:
    console, env = shop_server
    cart = left_cart(env)
    console.sign_in(page, "demo", "demo")
    page.get_by_role("navigation").get_by_role("link", name="Carts").click()
    page.locator("#states").get_by_role("link", name="Abandoned").click()
    page.wait_for_url("**state=abandoned**")
    listed = page.locator("#carts tbody tr").filter(has=page.get_by_role("link", name=cart[-8:])) \
        .locator("td").all_inner_texts()
    console.screenshot(page, "carts-abandoned")
    page.locator(".books-nav").get_by_role("link", name="Recovery rate").click()
    expect(page.get_by_role("heading", name="Cart recovery rate")).to_be_visible()
    month_before = page.locator("#recovery tbody tr").last.locator("td").all_inner_texts()
    page.go_back()

    recovered = subprocess.run([str(BIN / "oms"), "carts", "recover"], env=env, capture_output=True, text=True,
                               timeout=60, check=False)
    [message] = received(smtp_server, "buyer1@example.com")
    link = message.strip().splitlines()[-1]
    page.get_by_role("link", name=cart[-8:]).click()
    expect(page.locator("h1")).to_contain_text(f"Cart {cart[-8:]}")
    for _ in range(50):  # the relay records the message sent once the SMTP server took it
        if page.locator("#reminders tbody tr td").nth(2).inner_text() != "not sent":
            break
        page.wait_for_timeout(300)
        page.reload()
    reminders = page.locator("#reminders tbody tr").all()[0].locator("td").all_inner_texts()
    lines = cells(page, "lines", "DESK-OAK")
    console.screenshot(page, "cart")
    page.locator(".books-nav").get_by_role("link", name="Recovery rate").click()
    expect(page.get_by_role("heading", name="Cart recovery rate")).to_be_visible()
    this_month = page.locator("#recovery tbody tr").last.locator("td").all_inner_texts()
    console.screenshot(page, "cart-recovery-rate")

    page.context.clear_cookies()  # the customer, who follows the link from the message: no console session
    page.goto(link)
    expect(page.get_by_role("heading", name="Your cart")).to_be_visible()
    restored = page.locator("#cart-lines tbody tr").all_inner_texts()
    total = page.locator("#cart-total").inner_text()
    console.screenshot(page, "cart-restored")

    assert recovered.returncode == 0, recovered.stderr
    # cart, customer, contact, branch, lines, value, idle, stages claimed, status, order
    assert listed[1:6] == ["CUST-001", "buyer1@example.com", "BER", "1", "687.82 EUR"]
    assert re.fullmatch(r"2 h [01] min", listed[6])
    assert listed[7:9] == ["0", "abandoned"]
    assert link.startswith(f"{console.url}/shop/carts/{cart}/restore?key=1.")
    assert "Oak desk (DESK-OAK): 2 x 289.00 EUR" in message
    assert reminders[0] == "1"
    assert reminders[2] != "not sent"
    assert lines[2:4] == ["2", "289.00 EUR"]
    # month, messaged, recovered, rate: one more cart messaged, none more recovered
    assert this_month[:3] == [month_before[0], str(int(month_before[1]) + 1), month_before[2]]
    assert restored == ["Oak desk DESK-OAK\t2\t289.00 EUR\t687.82 EUR"]
    assert total == "687.82 EUR"
