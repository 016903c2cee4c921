"""Reorder rules and the proposal of what to buy (oms.domain.procurement.planning)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oms.domain.masterdata.exchange_rates import ExchangeRate, rates_from
from oms.domain.masterdata.supplier_prices import SupplierPrice
from oms.domain.procurement.planning import Position, ReorderRule, propose, proposed_quantity, round_up
from oms.domain.procurement.planning_events import ReorderRuleSet
from oms.domain.shared.errors import ContradictoryValues, InvalidValue

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
DAY = AT.date()
D = Decimal


def rule(minimum: str = "10", maximum: str = "50", multiple: str = "1", active: bool = True) -> ReorderRule:
    return ReorderRule.create(product_id="p", warehouse_id="w", minimum=D(minimum), maximum=D(maximum),
                              multiple=D(multiple), active=active, at=AT, actor="ann")


def test_projected_stock_is_available_plus_incoming_minus_demand() -> None:
    position = Position(available=D(8), incoming=D(5), demand=D(7))

    assert position.projected == D(6)


def test_below_the_minimum_the_proposal_brings_projected_stock_to_the_maximum() -> None:
    assert proposed_quantity(rule(), Position(available=D(8), incoming=D(5), demand=D(7))) == D(44)


def test_nothing_is_proposed_at_or_above_the_minimum_or_for_an_inactive_rule() -> None:
    assert proposed_quantity(rule(), Position(available=D(10))) == 0
    assert proposed_quantity(rule(), Position(available=D(30))) == 0
    assert proposed_quantity(rule(active=False), Position(available=D(0))) == 0


def test_the_proposal_is_rounded_up_to_the_rules_multiple() -> None:
    assert proposed_quantity(rule(multiple="12"), Position(available=D(9))) == D(48)


def test_the_proposal_is_at_least_the_suppliers_minimum_rounded_up_to_the_multiple() -> None:
    assert proposed_quantity(rule(multiple="12"), Position(available=D(9)), minimum_order=D(100)) == D(108)


def test_a_rule_refuses_a_maximum_below_its_minimum_naming_both() -> None:
    with pytest.raises(ContradictoryValues) as refused:
        rule(minimum="10", maximum="5")

    assert set(refused.value.fields) == {"maximum", "minimum"}


@pytest.mark.parametrize(("minimum", "maximum", "multiple", "field"), [
    ("-1", "5", "1", "minimum"), ("0", "5", "0", "multiple"), ("0", "5", "-2", "multiple"),
    ("0", "5.1234567", "1", "maximum"), ("0", "2000000000", "1", "maximum")])
def test_a_rule_refuses_a_negative_minimum_a_multiple_not_above_zero_and_too_many_decimals(
        minimum: str, maximum: str, multiple: str, field: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        rule(minimum=minimum, maximum=maximum, multiple=multiple)

    assert refused.value.field == field


def test_a_refused_change_leaves_the_rule_as_it_was_and_an_allowed_one_is_recorded() -> None:
    r = rule()

    with pytest.raises(ContradictoryValues):
        r.change(maximum=D(5), at=AT, actor="bob")
    r.change(minimum=D(2), multiple=D(6), active=False, at=AT, actor="bob")

    assert (r.minimum, r.maximum, r.multiple, r.active) == (D(2), D(50), D(6), False)
    assert [(e.minimum, e.active, e.actor) for e in r.events if isinstance(e, ReorderRuleSet)] == [
        (D(10), True, "ann"), (D(2), False, "bob")]


quantities = st.decimals(min_value=0, max_value=10_000, places=2)


@given(available=st.decimals(min_value=-1000, max_value=10_000, places=2), incoming=quantities, demand=quantities,
       minimum=quantities, spread=quantities, multiple=st.decimals(min_value=D("0.5"), max_value=100, places=1),
       minimum_order=quantities)
def test_a_proposal_reaches_the_maximum_in_whole_multiples_and_is_never_negative(
        available: Decimal, incoming: Decimal, demand: Decimal, minimum: Decimal, spread: Decimal,
        multiple: Decimal, minimum_order: Decimal) -> None:
    r = rule(minimum=str(minimum), maximum=str(minimum + spread), multiple=str(multiple))
    position = Position(available=available, incoming=incoming, demand=demand)

    proposed = proposed_quantity(r, position, minimum_order)

    assert proposed >= 0
    if position.projected >= r.minimum:
        assert proposed == 0
    else:
        assert proposed % multiple == 0
        assert position.projected + proposed >= r.maximum
        assert proposed >= minimum_order
        assert proposed - multiple < max(r.maximum - position.projected, minimum_order)  # the least that does


def test_round_up_keeps_an_exact_multiple_and_rounds_anything_else_up() -> None:
    assert [round_up(D(q), D(5)) for q in ("0", "-3", "5", "5.01", "9")] == [0, 0, 5, 10, 10]


def price(supplier: str, amount: str, currency: str = "EUR", min_quantity: str = "0",
          preferred: bool = False) -> SupplierPrice:
    return SupplierPrice(id=f"{supplier}-{min_quantity}", supplier_id=supplier, product_id="p", price=D(amount),
                         currency=currency, min_quantity=D(min_quantity), preferred=preferred)


def test_the_proposal_names_the_cheapest_supplier_in_the_branch_currency() -> None:
    rates = rates_from([ExchangeRate(id="r", from_currency="USD", to_currency="EUR", day=DAY, rate=D("0.9"))])
    prices = [price("s1", "10.00"), price("s2", "10.50", "USD")]

    proposal = propose(rule(), Position(available=D(0)), prices, day=DAY, currency="EUR", rates=rates)

    assert proposal is not None
    assert (proposal.quantity, proposal.offer and proposal.offer.supplier_id) == (D(50), "s2")


def test_when_every_price_wants_more_the_quantity_rises_to_the_smallest_minimum() -> None:
    prices = [price("s1", "10.00", min_quantity="80"), price("s2", "9.00", min_quantity="200")]

    proposal = propose(rule(multiple="25"), Position(available=D(0)), prices, day=DAY, currency="EUR",
                       rates=rates_from([]))

    assert proposal is not None
    assert (proposal.quantity, proposal.offer and proposal.offer.supplier_id) == (D(100), "s1")


def test_a_product_nobody_sells_is_still_proposed_without_a_supplier() -> None:
    proposal = propose(rule(), Position(available=D(3)), [], day=DAY, currency="EUR", rates=rates_from([]))

    assert proposal is not None
    assert (proposal.quantity, proposal.offer) == (D(47), None)


def test_a_supplier_whose_rate_is_missing_leaves_the_line_without_a_supplier() -> None:
    proposal = propose(rule(), Position(available=D(3)), [price("s1", "10.00", "USD")], day=DAY, currency="EUR",
                       rates=rates_from([]))

    assert proposal is not None
    assert proposal.offer is None


def test_nothing_is_proposed_above_the_minimum_whatever_the_prices() -> None:
    assert propose(rule(), Position(available=D(10)), [price("s1", "1.00")], day=date(2026, 3, 2), currency="EUR",
                   rates=rates_from([])) is None
