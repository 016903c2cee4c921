"""Fixtures of the domain tests: products, currencies, and a small in-memory system for scenario tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

import oms
from oms.domain.masterdata.products import Product
from oms.domain.shared.items import ProductKind
from oms.domain.shared.money import Currency
from oms.domain.shared.tax import TaxCategory
from oms.ports.unit_of_work import UnitOfWorkFactory

from .builders import make_product


@pytest.fixture
def eur() -> Currency:
    return Currency.of("EUR")


@pytest.fixture
def desk() -> Product:
    return make_product("DESK", price="100.00")


@pytest.fixture
def chair() -> Product:
    return make_product("CHAIR", price="50.00")


@pytest.fixture
def book() -> Product:
    return make_product("BOOK", price="20.00", category=TaxCategory.REDUCED)


@pytest.fixture
def assembly() -> Product:
    return make_product("ASSEMBLY", kind=ProductKind.SERVICE, price="45.00")


@pytest.fixture
def coffee() -> Product:
    return make_product("COFFEE", kind=ProductKind.CONSUMABLE, price="18.99", category=TaxCategory.REDUCED)


def seeded_system(clock: oms.FixedClock, uow_factory: UnitOfWorkFactory | None = None) -> oms.OrderManagement:
    """Branch HQ (EUR, DE 19 %) with warehouses A (priority 10) and B (20), stocked products P1 and P2 (10.00),
    customer C. No stock yet. In memory unless `uow_factory` is given."""
    system = oms.bootstrap(clock=clock) if uow_factory is None else oms.bootstrap(uow_factory=uow_factory,
                                                                                   clock=clock)
    handle = system.handle
    handle(oms.CreateBranch(code="HQ", name="Head office", currency="EUR", tax_jurisdiction="DE"))
    handle(oms.CreateWarehouse(code="B", name="Overflow", branch_code="HQ", priority=20))
    handle(oms.CreateWarehouse(code="A", name="Main", branch_code="HQ", priority=10))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.STANDARD, rate="0.19"))
    for sku in ("P1", "P2"):
        handle(oms.CreateProduct(sku=sku, name=f"Product {sku}", price="10.00", currency="EUR"))
    handle(oms.CreateCustomer(code="C", name="Customer"))
    return system


@pytest.fixture
def clock() -> oms.FixedClock:
    return oms.FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


@pytest.fixture
def system(clock: oms.FixedClock) -> oms.OrderManagement:
    return seeded_system(clock)


@pytest.fixture(scope="session")
def new_system() -> Callable[[], oms.OrderManagement]:
    """A factory of fresh systems, for Hypothesis tests that need one per example."""
    return lambda: seeded_system(oms.FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC)))
