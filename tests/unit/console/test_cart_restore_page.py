"""The page a recovery message's link opens (/shop/carts/<id>/restore?key=...), through Flask's test client: public,
it shows the cart's lines and total; an anonymous cart gets a new token in a cookie (the old one opens nothing any
more); a wrong key, a merged cart or an unknown one is 404."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from flask import Flask
from werkzeug.test import TestResponse

import oms
from oms.entrypoints.console.config import ConsoleSettings
from oms.entrypoints.console.shop import COOKIE
from oms.entrypoints.http.app import create_app
from oms.entrypoints.http.config import HttpSettings
from tests.unit.application.test_cart_recovery_mail import LINKS, Recovery
from tests.unit.console.conftest import text
from tests.unit.console.test_production_pages import rows

MINUTE = timedelta(minutes=1)


@pytest.fixture
def recovery(system: oms.OrderManagement, clock: oms.FixedClock) -> Recovery:
    return Recovery(system, clock)


@pytest.fixture
def shop(system: oms.OrderManagement) -> Flask:
    """The app with the links of the recovery messages of `recovery` (no console user: nobody signs in)."""
    return create_app(system, settings=HttpSettings(), links=LINKS, console=ConsoleSettings(secret_key="test-key"))


def restore_path(cart: str, stage: int = 1) -> str:
    url = urlsplit(LINKS.url(cart, stage))
    return f"{url.path}?{url.query}"


def token_cookie(response: TestResponse) -> str | None:
    found = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(f"{COOKIE}=")]
    return found[0] if found else None


def test_a_valid_key_shows_a_customers_cart_with_its_lines_and_total_and_sets_no_token(
        recovery: Recovery, shop: Flask) -> None:
    cart = recovery.cart(DESK="2", BOOK="1")
    recovery.run(61 * MINUTE)

    response = shop.test_client().get(restore_path(cart))

    page = text(response)
    assert response.status_code == 200
    assert rows(page, "cart-lines")[:2] == [["Desk DESK", "2", "100.00 EUR", "238.00 EUR"],
                                        ["Book BOOK", "1", "20.00 EUR", "21.40 EUR"]]
    assert '<td class="num" id="cart-total">259.40 EUR</td>' in page
    assert token_cookie(response) is None
    assert response.headers["Cache-Control"] == "no-store"
    assert "/console" not in page


def test_opening_the_link_changes_nothing_and_taking_the_cart_back_gives_its_visitor_a_new_token(
        recovery: Recovery, shop: Flask) -> None:
    opened = recovery.system.handle(oms.OpenCart(branch_code="BER", email="visitor@example.com"))
    recovery.system.handle(oms.AddToCart(cart_id=opened.cart_id, cart_token=opened.token, sku="BOOK", quantity="3"))
    recovery.run(61 * MINUTE)
    client = shop.test_client()
    path = restore_path(opened.cart_id)

    shown = client.get(path)  # what a mail scanner opening the link first does too
    still = recovery.system.handle(oms.AddToCart(cart_id=opened.cart_id, cart_token=opened.token, sku="BOOK",
                                                 quantity="1"))
    taken = client.post(path.split("?")[0], data={"key": path.split("key=")[1]})

    cookie = token_cookie(taken)
    assert (shown.status_code, token_cookie(shown), still) == (200, None, None)
    assert 'id="restore"' in text(shown)
    assert taken.status_code == 200
    assert cookie is not None
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    token = cookie.split(";", 1)[0].split("=", 1)[1]
    assert token != opened.token
    with pytest.raises(oms.NotFound):
        recovery.system.handle(oms.AddToCart(cart_id=opened.cart_id, cart_token=opened.token, sku="BOOK",
                                             quantity="1"))
    recovery.system.handle(oms.AddToCart(cart_id=opened.cart_id, cart_token=token, sku="BOOK", quantity="1"))
    assert "Book <span" in text(taken)


def test_a_wrong_key_a_key_of_another_cart_or_of_a_stage_never_claimed_is_404(
        recovery: Recovery, shop: Flask) -> None:
    cart, other = recovery.cart(DESK="1"), recovery.cart(customer="UNI", email="uni@example.com", DESK="1")
    recovery.run(61 * MINUTE)
    client = shop.test_client()

    answers = [client.get(path).status_code for path in (
        f"/shop/carts/{cart}/restore?key=1.{'0' * 64}", f"/shop/carts/{cart}/restore",
        restore_path(other).replace(other, cart), restore_path(cart, 2), restore_path("no-such-cart"))]

    assert answers == [404, 404, 404, 404, 404]
    assert "Cart not found" in text(client.get(f"/shop/carts/{cart}/restore?key=nonsense"))


def test_a_converted_cart_shows_its_order_and_a_merged_cart_is_404(recovery: Recovery, shop: Flask) -> None:
    customers = recovery.cart(DESK="1")
    visitor = recovery.system.handle(oms.OpenCart(branch_code="BER", email="visitor@example.com"))
    recovery.system.handle(oms.AddToCart(cart_id=visitor.cart_id, cart_token=visitor.token, sku="BOOK", quantity="1"))
    recovery.run(61 * MINUTE)
    order = recovery.system.handle(oms.CheckOutCart(cart_id=customers, expected_total="119.00")).order_number
    recovery.system.handle(oms.OpenCart(branch_code="BER", customer_code="UNI"))
    recovery.system.handle(oms.SignInToCart(cart_id=visitor.cart_id, cart_token=str(visitor.token),
                                            customer_code="UNI"))
    client = shop.test_client()

    converted = client.get(restore_path(customers))
    merged = client.get(restore_path(visitor.cart_id))

    assert converted.status_code == 200
    assert f"This cart was checked out: order {order}." in text(converted)
    assert token_cookie(converted) is None
    assert merged.status_code == 404


def test_restore_cart_refuses_a_customers_cart_and_counts_as_the_visitors_activity(recovery: Recovery) -> None:
    customers = recovery.cart(DESK="1")
    visitor = recovery.system.handle(oms.OpenCart(branch_code="BER", email="visitor@example.com"))
    recovery.system.handle(oms.AddToCart(cart_id=visitor.cart_id, cart_token=visitor.token, sku="BOOK", quantity="1"))
    recovery.run(61 * MINUTE)

    restored = recovery.system.handle(oms.RestoreCart(cart_id=visitor.cart_id, stage=1))

    with pytest.raises(oms.BusinessRuleViolation, match="customer's"):
        recovery.system.handle(oms.RestoreCart(cart_id=customers, stage=1))
    with pytest.raises(oms.NotFound):
        recovery.system.handle(oms.RestoreCart(cart_id=visitor.cart_id, stage=2))
    assert restored.cart_id == visitor.cart_id
    assert restored.token not in (None, visitor.token)
    later = recovery.run(24 * 60 * MINUTE - MINUTE)  # the visitor's stage 2 waits 24 hours from the restore
    assert [message.to for message in later] == [("buyer@acme.example",)]
