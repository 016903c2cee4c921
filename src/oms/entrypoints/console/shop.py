"""The page a recovery message's link opens, `/shop/carts/<cart id>/restore?key=...`: public (no sign-in, the key is
the credential), it shows the cart's lines and total and nothing else of oms; the visitor of an anonymous cart takes
it back with the page's button (a POST), which gives it a new token, set in the `oms_cart_token` cookie. A key not
made for that cart by this server, an unknown or a merged cart: 404.

It is served by the app that serves the API and the console (`create_app`), at the root (OMS_PUBLIC_URL is where the
links point), with its own small template: the console's pages, menu and sign-in are not reached from it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, current_app, make_response, render_template, request

from oms.application.carts.carts import RestoreCart
from oms.application.carts.restore_links import RestoreLinks
from oms.application.processes.cart_queries import show_cart
from oms.domain.carts.carts import CartStatus
from oms.domain.shared.errors import DomainError, NotFound
from oms.entrypoints.http.config import api

EXTENSION = "oms.shop"
COOKIE = "oms_cart_token"  # the shop front sends it back as X-Cart-Token
COOKIE_DAYS = 30


def _not_found() -> tuple[str, int]:
    return render_template("shop/not_found.html"), 404


def restore_page(cart_id: str) -> Any:
    """GET shows the cart and changes nothing (a mail scanner opening the link first changes nothing either); the
    visitor of an anonymous cart takes it back with the page's button, a POST of the same key, which gives the cart
    a new token in the cookie."""
    links: RestoreLinks = current_app.extensions[EXTENSION]
    key = request.form.get("key", "") if request.method == "POST" else request.args.get("key", "")
    stage = links.verify(cart_id, key)
    if stage is None:
        return _not_found()
    system = api().system
    try:
        cart = system.read(show_cart, cart_id, system.bus.clock.now())
    except NotFound:
        return _not_found()
    if cart.status is CartStatus.MERGED or all(r.stage != stage for r in cart.reminders):
        return _not_found()  # merged into a customer's cart at sign-in (signing in finds it), or a stage never sent
    anonymous = cart.status is CartStatus.ACTIVE and cart.customer_code is None
    token = None
    if anonymous and request.method == "POST":
        try:
            token = system.handle(RestoreCart(cart_id=cart_id, stage=stage)).token
        except DomainError:  # closed or merged meanwhile: shown as it is, without a token
            token = None
    response = make_response(render_template("shop/cart.html", cart=cart, restored=token is not None,
                                             offer=anonymous and token is None, key=key))
    response.headers["Cache-Control"] = "no-store"  # a page that may carry a new token is kept by no cache
    response.headers["Referrer-Policy"] = "no-referrer"  # the key in its address goes nowhere else
    if token is not None:
        response.set_cookie(COOKIE, token, max_age=COOKIE_DAYS * 86_400, path="/", secure=request.is_secure,
                            httponly=True, samesite="Lax")
    return response


def register_shop(app: Flask, links: RestoreLinks) -> None:
    """Serve the restore page on `app`, checking the links' keys with `links`."""
    bp = Blueprint("shop", __name__, url_prefix="/shop", template_folder="templates")
    bp.add_url_rule("/carts/<cart_id>/restore", "restore_cart", restore_page, methods=["GET", "POST"])
    app.extensions[EXTENSION] = links
    app.register_blueprint(bp)
