"""The contract of the suppliers', supplier prices' and exchange rates' repositories, on memory, SQLite and
PostgreSQL: each comes back as stored, is found by its lookups, and a rate entered again replaces the day's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import oms
from oms.domain.masterdata.exchange_rates import ExchangeRate, rate_key
from oms.domain.masterdata.parties import Address
from oms.domain.masterdata.supplier_prices import SupplierPrice
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.errors import AlreadyExists

from .integration_helpers import Backend, snapshot


def _products(backend: Backend) -> None:
    with backend.uow_factory() as uow:
        for n in (1, 2):
            uow.masterdata.products.add(oms.Product(f"p{n}", f"SKU-{n}", "Thing", oms.ProductKind.CONSUMABLE, "unit",
                                                    Decimal("1"), "EUR", oms.TaxCategory.STANDARD))
        uow.commit()


def test_a_supplier_round_trips_with_its_address_and_is_found_by_code(backend: Backend) -> None:
    supplier = Supplier("s1", "ACME-SUP", "Acme Supplies", "USD", "end of month + 15", 12, "sales@acme.example",
                        Address(line1="1 Main St", line2="Suite 2", city="Boston", postal_code="02110", region="MA",
                                country="US"), active=False)
    other = Supplier("s2", "BOLT", "Bolt AG", "EUR")
    with backend.uow_factory() as uow:
        uow.masterdata.suppliers.add(supplier)
        uow.masterdata.suppliers.add(other)
        uow.commit()

    with backend.uow_factory() as uow:
        found = uow.masterdata.suppliers.by_code("ACME-SUP")
        by_codes = uow.masterdata.suppliers.by_codes(["BOLT", "NONE"])
        listed = [s.code for s in uow.masterdata.suppliers.list()]

    assert snapshot(found) == snapshot(supplier)
    assert found is not None
    assert found.version == 1
    assert list(by_codes) == ["BOLT"]
    assert listed == ["ACME-SUP", "BOLT"]


def test_a_second_supplier_with_the_same_code_is_refused(backend: Backend) -> None:
    with backend.uow_factory() as uow:
        uow.masterdata.suppliers.add(Supplier("s1", "BOLT", "Bolt AG", "EUR"))
        uow.commit()

    def add_again() -> None:
        with backend.uow_factory() as uow:
            uow.masterdata.suppliers.add(Supplier("s2", "BOLT", "Bolt again", "EUR"))
            uow.commit()

    with pytest.raises(AlreadyExists):
        add_again()


def test_supplier_prices_round_trip_exactly_are_found_by_product_and_supplier_and_can_be_removed(
        backend: Backend) -> None:
    _products(backend)
    pack = SupplierPrice("sp1", "s1", "p1", Decimal("12.345678"), "USD", Decimal("10"), "pack of 10", Decimal("10"),
                         7, date(2026, 1, 1), date(2026, 12, 31), preferred=True)
    single = SupplierPrice("sp2", "s1", "p1", Decimal("1.50"), "USD")
    other = SupplierPrice("sp3", "s2", "p2", Decimal("2"), "EUR", Decimal("0.5"))
    with backend.uow_factory() as uow:
        uow.masterdata.suppliers.add(Supplier("s1", "ACME-SUP", "Acme", "USD"))
        uow.masterdata.suppliers.add(Supplier("s2", "BOLT", "Bolt", "EUR"))
        for price in (pack, single, other):
            uow.masterdata.supplier_prices.add(price)
        uow.commit()

    with backend.uow_factory() as uow:
        for_p1 = uow.masterdata.supplier_prices.for_product("p1")
        of_s2 = [p.id for p in uow.masterdata.supplier_prices.of_supplier("s2")]
        uow.masterdata.supplier_prices.remove(uow.masterdata.supplier_prices.get("sp2"))
        uow.commit()
    with backend.uow_factory() as uow:
        left = [p.id for p in uow.masterdata.supplier_prices.list()]

    assert [snapshot(p) for p in for_p1] == [snapshot(single), snapshot(pack)]  # by minimum quantity
    assert str(for_p1[0].price) == "1.50"
    assert of_s2 == ["sp3"]
    assert left == ["sp1", "sp3"]


def test_the_rates_on_or_before_a_day_are_the_pairs_and_its_inverses_latest(backend: Backend) -> None:
    rates = [ExchangeRate.new("EUR", "USD", date(2026, 3, day), f"1.08{day}") for day in (2, 5, 9)]
    inverse = ExchangeRate.new("USD", "EUR", date(2026, 3, 4), "0.9234567891")
    with backend.uow_factory() as uow:
        for rate in (*rates, inverse, ExchangeRate.new("GBP", "EUR", date(2026, 3, 1), "1.17")):
            uow.masterdata.exchange_rates.add(rate)
        uow.commit()

    with backend.uow_factory() as uow:
        on_the_8th = uow.masterdata.exchange_rates.on_or_before("EUR", "USD", date(2026, 3, 8))
        before_any = uow.masterdata.exchange_rates.on_or_before("EUR", "USD", date(2026, 3, 1))
        listed = [(r.from_currency, r.to_currency, r.day.day) for r in uow.masterdata.exchange_rates.list()]

    assert [(r.from_currency, r.day, r.rate) for r in on_the_8th] == [
        ("EUR", date(2026, 3, 5), Decimal("1.085")), ("USD", date(2026, 3, 4), Decimal("0.9234567891"))]
    assert before_any == []
    assert listed == [("EUR", "USD", 9), ("EUR", "USD", 5), ("EUR", "USD", 2), ("GBP", "EUR", 1), ("USD", "EUR", 4)]


def test_entering_a_days_rate_again_replaces_it_and_counts_a_version(backend: Backend) -> None:
    day = date(2026, 3, 2)
    with backend.uow_factory() as uow:
        uow.masterdata.exchange_rates.add(ExchangeRate.new("EUR", "USD", day, "1.08"))
        uow.commit()

    with backend.uow_factory() as uow:
        uow.masterdata.exchange_rates.get(rate_key("EUR", "USD", day)).replace("1.0912345678")
        uow.commit()
    with backend.uow_factory() as uow:
        found = uow.masterdata.exchange_rates.list()

    assert [(r.rate, r.version) for r in found] == [(Decimal("1.0912345678"), 2)]
