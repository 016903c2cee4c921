"""The use-case tests' system: the shared one of tests/unit/conftest.py with a consumable added."""

from __future__ import annotations

import pytest

import oms


@pytest.fixture
def system(system: oms.OrderManagement) -> oms.OrderManagement:
    """The shared catalogue (tests/unit/conftest.py) and BAG, a consumable at 5.00."""
    system.handle(oms.CreateProduct(sku="BAG", name="Bag", price="5.00", currency="EUR",
                                    kind=oms.ProductKind.CONSUMABLE))
    return system

