"""The comparison of offers per RFQ line (peers.md 1d acceptance 1 and 2, Odoo PR #128327): one currency at one
stated rate, per stock unit, cheapest and fastest marked with ties kept, expired offers left out unless asked for,
partial offers flagged."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from oms.domain.masterdata.exchange_rates import ExchangeRate, rates_from
from oms.domain.procurement.comparison import ComparedOffer, Offer, compare_offers

TODAY = date(2026, 3, 10)
RATES = rates_from([ExchangeRate.new("EUR", "USD", date(2026, 1, 1), "1.08")])


def offer(supplier: str, price: str, currency: str = "USD", *, lead: int = 10, quantity: str = "100",
          factor: str = "1", valid_until: date = TODAY + timedelta(days=30)) -> Offer:
    return Offer(supplier_id=supplier, quotation_id=f"q-{supplier}", quotation_line_id=f"ql-{supplier}",
                 currency=currency, price=Decimal(price), quantity=Decimal(quantity), min_quantity=Decimal(0),
                 lead_time_days=lead, valid_until=valid_until, unit_factor=Decimal(factor))


def by_supplier(offers: tuple[ComparedOffer, ...]) -> dict[str, ComparedOffer]:
    return {c.offer.supplier_id: c for c in offers}


def test_acceptance_1_cheapest_in_the_branch_currency_fastest_by_lead_time_and_the_expired_offer_left_out() -> None:
    offers = [offer("S1", "10.00", lead=14), offer("S2", "9.50", "EUR", lead=5),
              offer("S3", "9.90", lead=30, valid_until=TODAY - timedelta(days=1))]

    compared = by_supplier(compare_offers(Decimal(100), offers, currency="USD", day=TODAY, rates=RATES).offers)

    assert set(compared) == {"S1", "S2"}
    assert compared["S2"].converted_unit_price == Decimal("10.26")
    assert compared["S2"].rate == Decimal("1.08")
    assert [s for s, c in compared.items() if c.cheapest] == ["S1"]
    assert [s for s, c in compared.items() if c.fastest] == ["S2"]


def test_acceptance_1_the_expired_offer_is_shown_unmarked_only_when_asked_for() -> None:
    offers = [offer("S1", "10.00", lead=14), offer("S2", "9.50", "EUR", lead=5),
              offer("S3", "9.90", lead=30, valid_until=TODAY - timedelta(days=1))]

    compared = by_supplier(compare_offers(Decimal(100), offers, currency="USD", day=TODAY, rates=RATES,
                                          include_expired=True).offers)

    assert compared["S3"].expired
    assert not compared["S3"].cheapest
    assert not compared["S3"].fastest
    assert compared["S1"].cheapest


def test_odoo_128327_a_raw_100_usd_is_dearer_than_101_eur_at_0_9() -> None:
    rates = rates_from([ExchangeRate.new("EUR", "USD", date(2026, 1, 1), "0.9")])
    offers = [offer("US", "100"), offer("EU", "101", "EUR")]

    compared = by_supplier(compare_offers(Decimal(1), offers, currency="USD", day=TODAY, rates=rates).offers)

    assert compared["EU"].converted_unit_price == Decimal("90.9")
    assert compared["EU"].cheapest
    assert not compared["US"].cheapest


def test_acceptance_2_a_price_per_pack_of_ten_is_compared_per_stock_unit() -> None:
    offers = [offer("S1", "10.00"), offer("S4", "95.00", quantity="10", factor="10")]

    compared = by_supplier(compare_offers(Decimal(100), offers, currency="USD", day=TODAY, rates=RATES).offers)

    assert compared["S4"].converted_unit_price == Decimal("9.50")
    assert compared["S4"].quantity == Decimal(100)
    assert compared["S4"].cheapest
    assert not compared["S1"].cheapest


def test_an_offer_of_fewer_units_than_requested_is_flagged_partial() -> None:
    offers = [offer("S1", "10.00", quantity="15"), offer("S2", "11.00", quantity="20")]

    compared = by_supplier(compare_offers(Decimal(20), offers, currency="USD", day=TODAY, rates=RATES).offers)

    assert compared["S1"].partial
    assert not compared["S2"].partial


def test_equal_prices_and_lead_times_are_all_marked() -> None:
    offers = [offer("A", "10.00", lead=3), offer("B", "10.00", lead=3), offer("C", "10.01", lead=4)]

    compared = by_supplier(compare_offers(Decimal(1), offers, currency="USD", day=TODAY, rates=RATES).offers)

    assert {s for s, c in compared.items() if c.cheapest} == {"A", "B"}
    assert {s for s, c in compared.items() if c.fastest} == {"A", "B"}


PRICES = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000"), places=2)


@given(st.lists(st.tuples(PRICES, st.sampled_from(["USD", "EUR"]), st.sampled_from(["1", "10", "12"]),
                          st.integers(0, 5)), min_size=1, max_size=8))
def test_the_cheapest_are_every_offer_at_the_minimum_converted_unit_price(
        quoted: list[tuple[Decimal, str, str, int]]) -> None:
    offers = [offer(f"S{i}", str(price), currency, factor=factor, lead=lead)
              for i, (price, currency, factor, lead) in enumerate(quoted)]

    compared = compare_offers(Decimal(10), offers, currency="USD", day=TODAY, rates=RATES).offers

    lowest = min(c.converted_unit_price for c in compared)
    assert {c.offer.supplier_id for c in compared if c.cheapest} == {
        c.offer.supplier_id for c in compared if c.converted_unit_price == lowest}
    shortest = min(c.offer.lead_time_days for c in compared)
    assert {c.offer.supplier_id for c in compared if c.fastest} == {
        c.offer.supplier_id for c in compared if c.offer.lead_time_days == shortest}
    for c in compared:
        rate = Decimal("1.08") if c.offer.currency == "EUR" else Decimal(1)
        assert abs(c.converted_unit_price - c.offer.price * rate / c.offer.unit_factor) <= Decimal("0.0000005")
