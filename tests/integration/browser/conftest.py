"""A live `oms serve --demo` and headless Chromium (Debian's, driven by Playwright) for the browser tests.

The browser is `/usr/bin/chromium` (or OMS_CHROMIUM); Playwright never downloads one. When it is missing the tests
fail, so CI cannot pass without them; a developer without Chromium opts out with OMS_SKIP_BROWSER_TESTS=1.
Screenshots go to a temporary directory, or to docs/screenshots/ (the README's pictures) with OMS_SCREENSHOTS=1.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from attrs import frozen
from playwright.sync_api import Browser, Page, Playwright, ViewportSize, expect, sync_playwright

from tests.integration.http.conftest import oms_serve_demo

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = Path(os.environ.get("OMS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
VIEWPORT = ViewportSize(width=1280, height=800)
WAIT_MS = 15_000  # the longest any page or element is waited for


@frozen
class Console:
    """The console of a live server: its base URL, and where the screenshots go."""

    url: str
    screenshots: Path

    def sign_in(self, page: Page, username: str, password: str) -> None:
        page.goto(f"{self.url}/console/sign-in")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{self.url}/console/")

    def screenshot(self, page: Page, name: str) -> None:
        page.screenshot(path=self.screenshots / f"{name}.png", full_page=True)


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not os.access(CHROMIUM, os.X_OK):
        if os.environ.get("OMS_SKIP_BROWSER_TESTS") == "1":
            pytest.skip("OMS_SKIP_BROWSER_TESTS=1: the browser tests were left out on purpose")
        pytest.fail(f"the browser tests need Chromium at {CHROMIUM} (Debian: apt-get install chromium; or set "
                    "OMS_CHROMIUM); set OMS_SKIP_BROWSER_TESTS=1 to leave them out on purpose", pytrace=False)
    return CHROMIUM


@pytest.fixture(scope="session")
def console_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    """`oms serve --demo` (waitress, no scheduler) on a fresh SQLite file: the demo data and users demo and viewer."""
    directory = tmp_path_factory.mktemp("console")
    env = {**os.environ, "OMS_DATABASE_URL": f"sqlite:///{directory / 'oms.db'}"}
    wanted = os.environ.get("OMS_SCREENSHOTS") == "1"
    screenshots = ROOT / "docs" / "screenshots" if wanted else tmp_path_factory.mktemp("screenshots")
    screenshots.mkdir(parents=True, exist_ok=True)
    with oms_serve_demo(directory, env) as url:
        yield Console(url, screenshots)


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    """Playwright for one module at a time: while it runs, its event loop is the thread's, and asyncio.run() of the
    tests that follow on the same worker (the reliability scenarios) would fail."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright, chromium: Path) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True,
                                          timeout=WAIT_MS * 2)
    expect.set_options(timeout=WAIT_MS)
    yield launched
    launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh tab in a context of its own: no cookie from another test, the screenshots' viewport."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", timezone_id="UTC")
    context.set_default_timeout(WAIT_MS)
    opened = context.new_page()
    yield opened
    context.close()
