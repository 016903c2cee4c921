"""Cart use cases: open a cart (a customer's, or an anonymous visitor's with a token), change its lines and contact,
and merge the anonymous cart into the customer's at sign-in. Every change refreshes the cart's holds of stock when
its branch holds stock for carts. Checkout is a process (processes/cart_checkout.py): it makes a sales order."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from decimal import Decimal

from attrs import field, frozen

from oms.application.masterdata.lookups import branch_by_code, customer_by_code, product_by_sku
from oms.application.shared.commands import Command, Handlers, to_quantity
from oms.application.stock.holds import hold_stock, release_stock
from oms.domain.carts.carts import Cart, CartStatus
from oms.domain.shared.errors import InvalidValue, NotFound, refuse
from oms.domain.shared.ids import new_id
from oms.domain.shared.items import check_quantity
from oms.ports.carts.repositories import CartsUnitOfWork
from oms.ports.shared.clock import Clock


def hash_token(token: str) -> str:
    """How a cart token is stored: its SHA-256 (the token is random, 256 bits; a leaked table holds no token)."""
    return hashlib.sha256(token.encode()).hexdigest()


def to_quantity_or_zero(value: object) -> Decimal:
    quantity = to_quantity(value)
    if quantity < 0:
        raise InvalidValue("quantity", "must not be negative")
    return quantity


@frozen(kw_only=True)
class NewCart:
    """A cart opened: its id, and for an anonymous cart the token that alone lets the visitor change it (shown
    once, never stored)."""

    cart_id: str
    token: str | None = None


@frozen(kw_only=True)
class OpenCart(Command[NewCart]):
    """Open a cart in a branch for a customer (their active cart if they have one: one per customer and branch) or,
    without a customer, for an anonymous visitor, who gets a token. `email`: the contact for recovery messages."""

    branch_code: str
    customer_code: str | None = None
    email: str | None = None


@frozen(kw_only=True)
class CartCommand(Command[None]):
    """A change of a cart: an anonymous cart takes it only with its token (`cart_token`)."""

    cart_id: str
    cart_token: str | None = None


@frozen(kw_only=True)
class AddToCart(CartCommand):
    sku: str
    quantity: Decimal = field(converter=to_quantity)


@frozen(kw_only=True)
class ChangeCartLine(CartCommand):
    """Set a line's quantity (0 removes it)."""

    line_id: str
    quantity: Decimal = field(converter=to_quantity_or_zero)


@frozen(kw_only=True)
class RemoveCartLine(CartCommand):
    line_id: str


@frozen(kw_only=True)
class SetCartContact(CartCommand):
    """The e-mail recovery messages go to (none: the customer's, or no message for an anonymous cart)."""

    email: str | None = None


@frozen(kw_only=True)
class SignInToCart(Command[str]):
    """The anonymous visitor of a cart signed in as a customer: the cart is merged into the customer's active cart
    of the branch (quantities summed), or becomes it; the anonymous token finds no cart to change any more.
    Returns the customer's cart's id."""

    cart_id: str
    cart_token: str
    customer_code: str


def cart_for(uow: CartsUnitOfWork, cart_id: str, token: str | None) -> Cart:
    """The cart, if the caller may act on it: an anonymous cart only with its token (a wrong one finds nothing)."""
    try:
        cart = uow.carts.carts.get(cart_id)
    except NotFound:
        raise NotFound("cart", cart_id) from None
    if cart.customer_id is None and (token is None or cart.token_hash != hash_token(token)):
        raise NotFound("cart", cart_id)
    return cart


def refresh_holds(uow: CartsUnitOfWork, cart: Cart, now: datetime) -> None:
    """Hold the cart's stocked lines until now + the branch's hold time (when its carts hold stock), or drop the
    holds of a cart that no longer takes changes."""
    branch = uow.masterdata.branches.get(cart.branch_id)
    if not branch.cart_hold_minutes or cart.status is not CartStatus.ACTIVE:
        release_stock(uow, cart.id)
        return
    products = {line.product_id: uow.masterdata.products.get(line.product_id) for line in cart.lines}
    stocked = {p: q for p, q in cart.quantities().items() if products[p].kind.tracks_stock}
    hold_stock(uow, cart.id, cart.branch_id, stocked, now + timedelta(minutes=branch.cart_hold_minutes), now,
               {p: products[p].sku for p in stocked})


def open_cart(cmd: OpenCart, uow: CartsUnitOfWork, clock: Clock) -> NewCart:
    now = clock.now()
    branch = branch_by_code(uow, cmd.branch_code, "branch_code")
    if cmd.customer_code is not None:
        customer = customer_by_code(uow, cmd.customer_code, "customer_code")
        existing = uow.carts.carts.active_of(customer.id, branch.id)
        if existing is not None:
            return NewCart(cart_id=existing.id)
        cart = Cart(id=new_id(), branch_id=branch.id, customer_id=customer.id, email=cmd.email, created_at=now,
                    last_activity_at=now)
        uow.carts.carts.add(cart)
        return NewCart(cart_id=cart.id)
    token = secrets.token_urlsafe(32)
    cart = Cart(id=new_id(), branch_id=branch.id, token_hash=hash_token(token), email=cmd.email, created_at=now,
                last_activity_at=now)
    uow.carts.carts.add(cart)
    return NewCart(cart_id=cart.id, token=token)


def add_to_cart(cmd: AddToCart, uow: CartsUnitOfWork, clock: Clock) -> None:
    cart = cart_for(uow, cmd.cart_id, cmd.cart_token)
    product = product_by_sku(uow, cmd.sku, "sku")
    if not product.active:
        raise refuse("ProductMustBeActive", f"product {product.sku} is inactive")
    current = cart.quantities().get(product.id, Decimal(0))
    check_quantity(current + cmd.quantity, product.unit, "quantity")
    now = clock.now()
    cart.add(product.id, product.sku, cmd.quantity, now)
    refresh_holds(uow, cart, now)


def change_cart_line(cmd: ChangeCartLine, uow: CartsUnitOfWork, clock: Clock) -> None:
    cart = cart_for(uow, cmd.cart_id, cmd.cart_token)
    line = cart.line(cmd.line_id)
    if cmd.quantity > 0:
        check_quantity(cmd.quantity, uow.masterdata.products.get(line.product_id).unit, "quantity")
    now = clock.now()
    cart.change(cmd.line_id, cmd.quantity, now)
    refresh_holds(uow, cart, now)


def remove_cart_line(cmd: RemoveCartLine, uow: CartsUnitOfWork, clock: Clock) -> None:
    cart = cart_for(uow, cmd.cart_id, cmd.cart_token)
    now = clock.now()
    cart.remove(cmd.line_id, now)
    refresh_holds(uow, cart, now)


def set_cart_contact(cmd: SetCartContact, uow: CartsUnitOfWork, clock: Clock) -> None:
    cart_for(uow, cmd.cart_id, cmd.cart_token).set_contact(cmd.email, clock.now())


def sign_in(cmd: SignInToCart, uow: CartsUnitOfWork, clock: Clock) -> str:
    cart = cart_for(uow, cmd.cart_id, cmd.cart_token)
    if cart.customer_id is not None:
        raise refuse("CartMustBeAnonymous", f"cart {cart.id} is a customer's already")
    customer = customer_by_code(uow, cmd.customer_code, "customer_code")
    now = clock.now()
    target = uow.carts.carts.active_of(customer.id, cart.branch_id)
    if target is None:
        cart.become_customers(customer.id, now)
        return cart.id
    target.take_in(cart, now)
    release_stock(uow, cart.id)
    refresh_holds(uow, target, now)
    return target.id


@frozen(kw_only=True)
class RestoreCart(Command[NewCart]):
    """The visitor of an anonymous cart followed the link of the recovery message of `stage` (its key checked by
    the front door that took it): the cart gets a new token, answered this once."""

    cart_id: str
    stage: int


def restore_cart(cmd: RestoreCart, uow: CartsUnitOfWork, clock: Clock) -> NewCart:
    cart = uow.carts.carts.get(cmd.cart_id)
    if not any(reminder.stage == cmd.stage for reminder in cart.reminders):
        raise NotFound("cart", cmd.cart_id)  # no message of that stage was ever claimed: no link to follow
    token = secrets.token_urlsafe(32)
    cart.restore(hash_token(token), clock.now())
    return NewCart(cart_id=cart.id, token=token)


HANDLERS: Handlers = {
    OpenCart: open_cart, AddToCart: add_to_cart, ChangeCartLine: change_cart_line,
    RemoveCartLine: remove_cart_line, SetCartContact: set_cart_contact, SignInToCart: sign_in,
    RestoreCart: restore_cart,
}
