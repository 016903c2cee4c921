"""The overview through the Python API: `system.read(overview, listings, today=...)`."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

import oms
from oms.adapters.memory.listings import InMemoryListings
from oms.application.reports.overview import overview


@pytest.fixture
def listings(system: oms.OrderManagement) -> InMemoryListings:
    uow = system.uow_factory()
    assert isinstance(uow, oms.InMemoryUnitOfWork)
    return InMemoryListings(uow.store)


def test_quotations_expire_into_the_overview_as_their_day_comes_within_the_window(
        system: oms.OrderManagement, listings: InMemoryListings) -> None:
    today = date(2026, 3, 2)
    system.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER", valid_until=today + timedelta(10)))

    this_week = system.read(overview, listings, today=today)
    later = system.read(overview, listings, today=today + timedelta(3))
    wider = system.read(overview, listings, today=today, expiring_within_days=10)

    assert this_week.expiring_quotations.items == []
    assert [q.number for q in later.expiring_quotations.items] == ["Q-000001"]
    assert [q.number for q in wider.expiring_quotations.items] == ["Q-000001"]


def test_a_consumable_or_service_is_never_low_stock(system: oms.OrderManagement, listings: InMemoryListings) -> None:
    system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True,
                                       lines=(oms.LineInput(sku="BAG", quantity="3"),
                                              oms.LineInput(sku="FIT", quantity="1"))))

    found = system.read(overview, listings, today=date(2026, 3, 2), low_stock_threshold=Decimal(100))

    assert {level.sku for level in found.low_stock.items} == {"DESK"}


def test_a_window_of_negative_days_is_refused_naming_it(system: oms.OrderManagement,
                                                        listings: InMemoryListings) -> None:
    with pytest.raises(oms.InvalidValue) as refused:
        system.read(overview, listings, today=date(2026, 3, 2), expiring_within_days=-1)

    assert refused.value.field == "expiring_within_days"
