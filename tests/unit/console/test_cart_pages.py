"""Carts in the console: the follow-up by state and branch a page at a time, a cart's page with its lines, totals,
abandonment, reminders claimed and sent and its order once checked out, and the recovery rate by month."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

import oms
from oms.domain.access.tokens import Role
from tests.unit.application.test_cart_recovery_mail import Recovery
from tests.unit.console.conftest import Browser, browser, text
from tests.unit.console.test_production_pages import row, rows

MINUTE = timedelta(minutes=1)


@pytest.fixture
def recovery(system: oms.OrderManagement, clock: oms.FixedClock) -> Recovery:
    """Recovery on in BER (abandoned after an hour; stages at 1 h and 24 h); ACME's e-mail buyer@acme.example."""
    return Recovery(system, clock)


@pytest.fixture
def viewer(app: Flask) -> Browser:
    return browser(app, Role.VIEWER)


def test_an_abandoned_cart_is_listed_with_its_value_idle_time_stages_claimed_and_contact(
        recovery: Recovery, viewer: Browser) -> None:
    cart = recovery.cart(DESK="2", BOOK="1")
    recovery.run(61 * MINUTE)
    recovery.clock.advance(2 * 60 * MINUTE)

    page = text(viewer.get("/console/carts?state=abandoned"))

    assert rows(page, "carts") == [[cart[-8:], "ACME", "buyer@acme.example", "BER", "2", "259.40 EUR", "3 h 1 min",
                                    "1", "abandoned", ""]]
    assert f'href="/console/carts/{cart}"' in page
    assert 'aria-current="page">Abandoned<' in page


def test_a_cart_idle_less_than_the_threshold_is_active_but_not_on_the_abandoned_tab(
        recovery: Recovery, viewer: Browser) -> None:
    cart = recovery.cart(DESK="1")
    recovery.clock.advance(30 * MINUTE)

    active = text(viewer.get("/console/carts"))
    abandoned = text(viewer.get("/console/carts?state=abandoned"))

    assert row(active, "carts", cart[-8:])[6:9] == ["30 min", "0", "active"]
    assert rows(abandoned, "carts") == [["No abandoned cart."]]


def test_the_branch_filter_lists_only_that_branchs_carts_and_an_unknown_branch_lists_none(
        recovery: Recovery, viewer: Browser) -> None:
    berlin = recovery.cart(DESK="1")
    munich = recovery.system.handle(oms.OpenCart(branch_code="MUC", customer_code="ACME")).cart_id

    listed = [cells[0] for cells in rows(text(viewer.get("/console/carts?branch=MUC")), "carts")]
    unknown = rows(text(viewer.get("/console/carts?branch=NOPE")), "carts")

    assert listed == [munich[-8:]]
    assert berlin[-8:] not in listed
    assert unknown == [["No active cart in NOPE."]]


def test_the_follow_up_is_paged_by_keyset_and_the_next_page_keeps_the_filters(
        recovery: Recovery, viewer: Browser, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("oms.entrypoints.console.carts.PAGE_SIZE", 2)
    carts = sorted(str(recovery.system.handle(oms.OpenCart(branch_code="BER", email=f"v{n}@example.com")).cart_id)
                   for n in range(3))

    first = text(viewer.get("/console/carts?branch=BER"))
    link = first.split('class="pager"><a class="button" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    second = text(viewer.get(link))

    assert [cells[0] for cells in rows(first, "carts")] == [c[-8:] for c in carts[:2]]
    assert "branch=BER" in link
    assert [cells[0] for cells in rows(second, "carts")] == [carts[2][-8:]]
    assert 'class="pager"' not in second


def test_a_carts_page_shows_its_lines_totals_abandonment_and_each_reminder_claimed_and_sent(
        recovery: Recovery, viewer: Browser) -> None:
    cart = recovery.cart(DESK="2", BOOK="1")
    recovery.run(61 * MINUTE)

    page = text(viewer.get(f"/console/carts/{cart}"))

    assert rows(page, "lines") == [["DESK", "Desk", "2", "100.00 EUR", "200.00 EUR", "38.00 EUR", "238.00 EUR"],
                                   ["BOOK", "Book", "1", "20.00 EUR", "20.00 EUR", "1.40 EUR", "21.40 EUR"]]
    assert "<dd class=\"grand\">259.40 EUR</dd>" in page
    assert rows(page, "reminders") == [["1", "2026-03-02 10:31 UTC", "2026-03-02 10:31 UTC"]]
    assert "abandoned" in page.split('id="abandonment">', 1)[1].split("</dd>", 1)[0]
    assert "recovery stage 2 next" in page
    assert "not checked out" in page


def test_a_converted_carts_page_links_its_order_and_the_converted_tab_lists_it(
        recovery: Recovery, viewer: Browser) -> None:
    cart = recovery.cart(DESK="1")
    order = recovery.system.handle(oms.CheckOutCart(cart_id=cart, expected_total="119.00")).order_number

    page = text(viewer.get(f"/console/carts/{cart}"))
    converted = text(viewer.get("/console/carts?state=converted"))

    assert f'href="/console/sales-orders/{order}"' in page or f">{order}</a>" in page
    assert row(converted, "carts", cart[-8:])[8:] == ["converted", order]
    assert rows(text(viewer.get("/console/carts")), "carts") == [["No active cart."]]


def test_the_recovery_rate_page_shows_each_month_messaged_recovered_and_the_rate(
        recovery: Recovery, viewer: Browser) -> None:
    won, lost = recovery.cart(DESK="1"), recovery.cart(customer=None, email="visitor@example.com", BOOK="1")
    recovery.run(61 * MINUTE)
    recovery.system.handle(oms.CheckOutCart(cart_id=won, expected_total="119.00"))

    page = text(viewer.get("/console/carts/recovery-rate?from_month=2026-02&to_month=2026-03"))

    assert lost
    assert rows(page, "recovery") == [["2026-02", "0", "0", "\N{EN DASH}"], ["2026-03", "2", "1", "50.0 %"]]


@pytest.mark.parametrize(("path", "field"), [("/console/carts?state=lost", "state"),
                                           ("/console/carts/recovery-rate?from_month=March", "from_month")])
def test_a_bad_state_or_month_is_the_422_error_page_naming_the_field(viewer: Browser, path: str, field: str) -> None:
    refused = viewer.get(path)

    assert (refused.status_code, field in text(refused)) == (422, True)


def test_an_unknown_cart_is_404_and_the_pages_need_a_signed_in_user(app: Flask, viewer: Browser) -> None:
    anonymous = browser(app, None)

    assert viewer.get("/console/carts/no-such-cart").status_code == 404
    assert anonymous.get("/console/carts").status_code == 302
    assert anonymous.get("/console/carts/recovery-rate").status_code == 302


def test_the_menu_leads_to_the_carts_and_their_sections(viewer: Browser) -> None:
    page = text(viewer.get("/console/"))
    carts = text(viewer.get("/console/carts"))

    assert 'href="/console/carts"' in page
    assert 'href="/console/carts/recovery-rate"' in carts
