"""A flash sale over HTTP, reduced: 16 clients, 150 buyers, 100 units (`python -m reliability`: 64, 1,500, 1,000)."""

from __future__ import annotations

import pytest

from reliability.flash_sale import FlashSale, flash_sale
from reliability.target import Target

pytestmark = pytest.mark.reliability


def test_a_flash_sale_confirms_exactly_as_many_orders_as_there_are_units_and_refuses_the_rest(target: Target) -> None:
    outcome = flash_sale(target, FlashSale(units=100, clients=16, buyers=150))

    assert outcome.passed, outcome.report()
