"""Carts in the console: the operators' follow-up (active, abandoned, converted or expired carts of a branch, with
their value, idle time, recovery stages claimed and contact), a cart's page (lines and totals, holds, abandonment,
reminders claimed and sent, its order once checked out) and the recovery rate by month. Viewers read them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, request

from oms.application.carts.views import CartState
from oms.application.processes.cart_actions import CART
from oms.application.processes.cart_queries import cart_page, recovery_rate, show_cart
from oms.domain.shared.errors import InvalidValue
from oms.entrypoints.console.actions import DETAIL_PAGES
from oms.entrypoints.console.pages import viewer_page
from oms.entrypoints.console.paging import PAGE_SIZE, next_page_url
from oms.entrypoints.http.config import api

SECTIONS = (("console.carts", "Carts"), ("console.cart_recovery", "Recovery rate"))
"""The cart pages' own menu, under the console's "Carts"."""


def _now() -> datetime:
    return api().system.bus.clock.now()


def _state() -> CartState:
    given = request.args.get("state", "").strip() or CartState.ACTIVE.value
    try:
        return CartState(given)
    except ValueError:
        raise InvalidValue("state", f"{given!r} is none of {', '.join(CartState)}") from None


def idle(minutes: int) -> str:
    """An idle time in the largest units that say it: `45 min`, `3 h 5 min`, `2 d 4 h`."""
    days, rest = divmod(max(minutes, 0), 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    return f"{hours} h {mins} min" if hours else f"{mins} min"


def carts_page() -> Any:
    branch = request.args.get("branch", "").strip()
    cursor = request.args.get("cursor", "").strip() or None
    return viewer_page(
        "console/carts.html", lambda: api().system.read(
            cart_page, _now(), state=_state(), branch_code=branch or None, limit=PAGE_SIZE, cursor=cursor),
        sections=SECTIONS, state=request.args.get("state", "").strip() or CartState.ACTIVE.value, branch=branch,
        states=tuple(CartState), idle=idle,
        next_url=lambda next_cursor: next_page_url("console.carts", next_cursor))


def cart_detail_page(ref: str) -> Any:
    """The cart priced now, as the checkout would price it (a converted cart: its order)."""
    return viewer_page("console/cart.html", lambda: api().system.read(show_cart, ref, _now()), sections=SECTIONS,
                       idle=idle, now=_now())


def recovery_page() -> Any:
    months = {name: request.args.get(name, "").strip() for name in ("from_month", "to_month")}
    return viewer_page("console/cart_recovery.html", lambda: api().system.read(
        recovery_rate, _now().date(), months["from_month"] or None, months["to_month"] or None),
        sections=SECTIONS, months=months)


def register(bp: Blueprint) -> None:
    from oms.entrypoints.console.app import add_to_menu

    bp.add_url_rule(CART.path, "carts", carts_page)
    bp.add_url_rule(f"{CART.path}/recovery-rate", "cart_recovery", recovery_page)
    bp.add_url_rule(f"{CART.path}/<ref>", "cart", cart_detail_page)
    DETAIL_PAGES[CART.name] = "console.cart"
    add_to_menu("console.carts", "Carts")
