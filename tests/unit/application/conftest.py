"""The use-case tests' system: the shared one of tests/unit/conftest.py with a consumable added; console users in
memory with a fast password hasher and a clock that stands still."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import oms
from oms.adapters.memory.access import InMemoryUserStore
from oms.adapters.passwords import Argon2PasswordHasher

from .receivers import Receiver


@pytest.fixture
def system(system: oms.OrderManagement) -> oms.OrderManagement:
    """The shared catalogue (tests/unit/conftest.py) and BAG, a consumable at 5.00."""
    system.handle(oms.CreateProduct(sku="BAG", name="Bag", price="5.00", currency="EUR",
                                    kind=oms.ProductKind.CONSUMABLE))
    return system



@pytest.fixture
def users() -> InMemoryUserStore:
    return InMemoryUserStore()


@pytest.fixture
def hasher() -> Argon2PasswordHasher:
    return Argon2PasswordHasher.fast()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A running receiver, shut down after the test."""
    receiver = Receiver()
    receiver.thread.start()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()
    receiver.thread.join(5)
