"""The cart commands, declared once: what each front door (HTTP, CLI) offers of carts and of a branch's cart policy.
The shop front opens and changes carts (an anonymous cart's token in the `X-Cart-Token` header) and checks them
out; managers set a branch's cart policy."""

from __future__ import annotations

from typing import Any

from oms.application.carts import carts, policies
from oms.application.carts.queries import show_cart_policy
from oms.application.processes.cart_checkout import CheckOutCart, check_out_paying
from oms.application.processes.cart_queries import opened_cart, show_cart, signed_in_cart
from oms.application.shared.actions import Action, Resource, answers_result
from oms.domain.access.tokens import Role
from oms.domain.carts.carts import CartStatus

CART = Resource(name="cart", title="cart", path="/carts", cli="cart", tag="carts", show=show_cart, ref="cart_id",
                ref_field="cart_id", key=lambda view: str(view.id))
CART_POLICY = Resource(name="cart_policy", title="cart policy", path="/cart-policies", cli="cart", tag="carts",
                       show=show_cart_policy, ref="branch_code", ref_field="branch_code",
                       key=lambda view: str(view.branch_code))

CLERK, MANAGER = Role.CLERK, Role.MANAGER
TOKEN = {"X-Cart-Token": "cart_token"}
ACTIVE = frozenset({CartStatus.ACTIVE.value})


def pay_first(system: Any, payments: Any, command: CheckOutCart) -> None:
    """A checkout with a payment method: authorised, checked out and captured (`check_out_paying`) before the
    command answers the order it made."""
    if command.payment_method is not None:
        check_out_paying(system, payments, command)


ACTIONS = [
    Action(CART, "open", carts.OpenCart, CLERK, "Open a cart: a customer's (their active cart of the branch if they "
           "have one) or an anonymous visitor's, whose token is answered this once", path="", collection=True,
           status=201, creates=CART, answer=opened_cart, operation="open_cart"),
    Action(CART, "add", carts.AddToCart, CLERK, "Add a quantity of a product to the cart (to its line if it has one)",
           path="lines", operation="add_cart_line", arguments=("sku", "quantity"), headers=TOKEN, when=ACTIVE),
    Action(CART, "change", carts.ChangeCartLine, CLERK, "Set a line's quantity (0 removes it)", method="PATCH",
           path="lines/<line_id>", operation="change_cart_line", arguments=("quantity",), headers=TOKEN,
           when=ACTIVE),
    Action(CART, "remove", carts.RemoveCartLine, CLERK, "Remove a line from the cart", method="DELETE",
           path="lines/<line_id>", operation="remove_cart_line", headers=TOKEN, when=ACTIVE),
    Action(CART, "contact", carts.SetCartContact, CLERK, "Set the e-mail recovery messages go to",
           operation="set_cart_contact", headers=TOKEN, when=ACTIVE),
    Action(CART, "sign-in", carts.SignInToCart, CLERK, "The anonymous visitor signed in: merge the cart into the "
           "customer's active cart (quantities summed); the token opens nothing any more", answer=signed_in_cart,
           operation="sign_in_to_cart", arguments=("customer_code",), headers=TOKEN, when=ACTIVE),
    Action(CART, "checkout", CheckOutCart, CLERK, "Check the cart out into a confirmed sales order if its total is "
           "still the one expected (else 409 price-changed with the new total); a cart checked out answers its order",
           answer=answers_result, operation="check_out_cart", arguments=("expected_total",), headers=TOKEN,
           prepare=pay_first),
    Action(CART_POLICY, "policy", policies.SetCartPolicy, MANAGER, "Set a branch's cart policy: abandonment, "
           "recovery stages, holds of stock and expiry (a value left out is kept)", method="PUT", path="",
           operation="set_cart_policy"),
]
