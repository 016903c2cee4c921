"""Suppliers and their prices: what is checked, which quantity break and validity applies, who is preferred."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from oms.domain.masterdata.exchange_rates import ExchangeRate, rates_from
from oms.domain.masterdata.supplier_prices import SupplierPrice, preferred_price, price_for
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.errors import ContradictoryValues, InvalidValue

DAY = date(2026, 6, 1)
RATES = rates_from([ExchangeRate.new("USD", "EUR", date(2026, 1, 1), "0.9")])


def _price(id: str, supplier: str, price: str, currency: str = "EUR", min_quantity: str = "0", factor: str = "1",
           **more: object) -> SupplierPrice:
    return SupplierPrice(id, supplier, "p1", Decimal(price), currency, Decimal(min_quantity), "",
                         Decimal(factor), **more)  # type: ignore[arg-type]


def test_a_supplier_writes_its_payment_terms_plainly_and_checks_currency_and_lead_time() -> None:
    supplier = Supplier("s1", "ACME", "Acme", "USD", payment_terms="NET  30", lead_time_days=5)

    assert supplier.payment_terms == "net 30"
    for kwargs, field in (({"currency": "XXX"}, "currency"), ({"lead_time_days": -1}, "lead_time_days"),
                          ({"name": " "}, "name"), ({"payment_terms": "soon"}, "payment_terms")):
        with pytest.raises(InvalidValue) as raised:
            supplier.update(**kwargs)
        assert raised.value.field == field
    assert (supplier.currency, supplier.lead_time_days, supplier.name) == ("USD", 5, "Acme")


def test_a_supplier_price_must_be_positive_with_a_positive_factor_and_an_ordered_validity() -> None:
    with pytest.raises(InvalidValue) as zero:
        _price("a", "s1", "0")
    with pytest.raises(InvalidValue) as factor:
        _price("a", "s1", "1", factor="0")
    with pytest.raises(ContradictoryValues) as validity:
        _price("a", "s1", "1", valid_from=date(2026, 2, 1), valid_to=date(2026, 1, 31))

    assert (zero.value.field, factor.value.field, validity.value.fields) == (
        "price", "unit_factor", ("valid_to", "valid_from"))


def test_the_price_per_stock_unit_is_the_price_over_the_factor() -> None:
    pack = _price("a", "s1", "10.00", factor="3")

    assert pack.stock_unit_price == Decimal("3.333333")


def test_the_price_of_a_quantity_is_the_valid_entry_with_the_largest_minimum_at_most_that_quantity() -> None:
    prices = [_price("base", "s1", "2"), _price("ten", "s1", "1.8", min_quantity="10"),
              _price("hundred", "s1", "1.5", min_quantity="100"),
              _price("old", "s1", "1.0", min_quantity="50", valid_to=date(2026, 5, 31)),
              _price("later", "s1", "1.0", min_quantity="50", valid_from=date(2026, 6, 2))]

    found = [price_for(prices, "s1", "p1", Decimal(q), DAY) for q in ("1", "10", "99", "100")]

    assert [p.id if p else None for p in found] == ["base", "ten", "ten", "hundred"]
    assert price_for(prices, "s2", "p1", Decimal(1), DAY) is None


def test_the_preferred_supplier_is_the_flagged_entry_else_the_cheapest_in_the_branch_currency() -> None:
    euro = _price("eur", "s1", "1.00")
    dollar_pack = _price("usd", "s2", "10.80", "USD", factor="10")  # 1.08 USD = 0.972 EUR a unit
    flagged = _price("flag", "s3", "5", preferred=True, min_quantity="5")

    cheapest = preferred_price([euro, dollar_pack, flagged], "p1", Decimal(1), DAY, "EUR", RATES)
    chosen = preferred_price([euro, dollar_pack, flagged], "p1", Decimal(5), DAY, "EUR", RATES)

    assert cheapest is dollar_pack
    assert chosen is flagged
