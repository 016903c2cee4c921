"""Expiry of idle carts through the Python API and the expiry job (peers.md 4b C5, 4d case 3): anonymous carts after
30 days idle, customers' after 90, empty ones after 6 hours, never a cart holding an authorised payment."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import oms


def open_with(system: oms.OrderManagement, customer: str | None, sku: str | None) -> str:
    cart = system.handle(oms.OpenCart(branch_code="BER", customer_code=customer))
    if sku is not None:
        system.handle(oms.AddToCart(cart_id=cart.cart_id, cart_token=cart.token, sku=sku, quantity="1"))
    return cart.cart_id


def expired_after(system: oms.OrderManagement, clock: oms.FixedClock, idle: timedelta) -> int:
    clock.current += idle
    return oms.run_cart_expiry(system, clock.now()).done


def status(system: oms.OrderManagement, cart_id: str) -> str:
    return str(system.read(lambda uow: uow.carts.carts.get(cart_id).status))


def test_idle_carts_expire_by_their_kind_and_a_cart_holding_an_authorised_payment_never(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    anonymous = open_with(system, None, "BOOK")
    customers = open_with(system, "ACME", "BOOK")
    paid = open_with(system, "UNI", "BOOK")
    system.handle(oms.RecordCartAuthorisation(cart_id=paid, reference="auth-1", amount=Decimal("20.00"),
                                              currency="EUR"))
    empty = open_with(system, None, None)

    after_7_hours = expired_after(system, clock, timedelta(hours=7))
    empty_status = status(system, empty)
    after_31_days = expired_after(system, clock, timedelta(days=31) - timedelta(hours=7))
    kept_at_31 = status(system, customers)
    after_91_days = expired_after(system, clock, timedelta(days=60))
    after_100_days = expired_after(system, clock, timedelta(days=9))

    assert (after_7_hours, empty_status) == (1, "expired")
    assert (after_31_days, status(system, anonymous), kept_at_31) == (1, "expired", "active")
    assert (after_91_days, status(system, customers)) == (1, "expired")
    assert (after_100_days, status(system, paid)) == (0, "active")
