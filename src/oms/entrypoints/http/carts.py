"""Carts: the shop front's calls (open, show, add, change, remove, contact, sign-in, checkout: an anonymous cart's
token in the `X-Cart-Token` header), and the operators' follow-up (the carts and the recovery rate, read by
viewers) and a branch's cart policy (set by managers), from the actions of `processes/cart_actions.py`."""

from __future__ import annotations

from datetime import datetime

import attrs
from attrs import frozen
from flask import request

from oms.application.carts.queries import show_cart_policy
from oms.application.carts.views import CartList, CartPolicyView, CartState, CartView, RecoveryRateView
from oms.application.processes import cart_queries
from oms.application.processes.cart_actions import ACTIONS, CART, TOKEN
from oms.application.subscriptions.measures import MONTH_PATTERN
from oms.domain.access.tokens import Role
from oms.entrypoints.http.endpoints import ApiBlueprint, Call
from oms.entrypoints.http.listing import CODE, Paging, parameters

bp = ApiBlueprint("carts", __name__, tag=CART.tag)
MONTH = {"schema": {"pattern": MONTH_PATTERN, "maxLength": 7}}


@frozen(kw_only=True)
class CartFilter(Paging):
    """`state`: active (abandoned or not, the default), abandoned only, converted or expired; `branch` a branch's
    code. By id."""

    state: CartState = CartState.ACTIVE
    branch: str | None = attrs.field(default=None, metadata=CODE)


@frozen(kw_only=True)
class MonthRange:
    """From `from_month` to `to_month` (YYYY-MM); by default the twelve months up to this one."""

    from_month: str | None = attrs.field(default=None, metadata=MONTH)
    to_month: str | None = attrs.field(default=None, metadata=MONTH)


def _now(call: Call) -> datetime:
    return call.system.bus.clock.now()


@bp.operation("GET", "/carts", summary="The follow-up of carts, a page at a time: active or abandoned ones (or "
              "converted, expired) with their value, age, recovery stages and contact", role=Role.VIEWER,
              response=CartList, query=CartFilter)
def list_carts(call: Call) -> CartList:
    wanted = call.query(CartFilter)
    with parameters({}):
        return call.system.read(cart_queries.cart_page, _now(call), state=wanted.state, branch_code=wanted.branch,
                                limit=wanted.limit, cursor=wanted.cursor)


@bp.operation("GET", "/carts/recovery-rate", summary="The recovery rate by month: carts messaged, those checked "
              "out after a message, and recovered / messaged", role=Role.VIEWER, response=RecoveryRateView,
              query=MonthRange)
def get_cart_recovery_rate(call: Call) -> RecoveryRateView:
    months = call.query(MonthRange)
    with parameters({}):
        return call.system.read(cart_queries.recovery_rate, _now(call).date(), months.from_month, months.to_month)


@bp.operation("GET", "/carts/<cart_id>", summary="Show a cart priced now (its total is what checkout compares), "
              "with its holds, abandonment and reminders; an anonymous cart only with its token (X-Cart-Token)",
              role=Role.CLERK, response=CartView, headers=TOKEN)
def get_cart(call: Call) -> CartView:
    return call.system.read(cart_queries.show_cart, call.args["cart_id"], _now(call),
                            request.headers.get("X-Cart-Token"), check_token=True)


@bp.operation("GET", "/cart-policies/<branch_code>", summary="A branch's cart policy: abandonment, recovery stages, "
              "holds of stock and expiry", role=Role.VIEWER, response=CartPolicyView)
def get_cart_policy(call: Call) -> CartPolicyView:
    return call.system.read(show_cart_policy, call.args["branch_code"])


bp.actions(ACTIONS)
