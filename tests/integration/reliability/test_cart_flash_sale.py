"""A flash sale through carts over HTTP with holds on, reduced: 16 clients, 100 units
(`python -m reliability --only cart-flash-sale`: 64 clients, 1,000 units)."""

from __future__ import annotations

import pytest

from reliability.cart_flash_sale import CartFlashSale, cart_flash_sale
from reliability.target import Target

pytestmark = pytest.mark.reliability


def test_a_flash_sale_through_carts_never_sells_more_than_on_hand_and_honours_every_unexpired_hold(
        target: Target) -> None:
    outcome = cart_flash_sale(target, CartFlashSale(units=100, clients=16))

    assert outcome.passed, outcome.report()
