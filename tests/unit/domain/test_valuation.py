"""Moving-average valuation of a stock level: what each movement brings in or takes out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.money import Currency
from oms.domain.stock.levels import StockLevel

from .builders import ACTOR, AT, EUR


def test_issues_take_out_the_average_rounded_and_the_last_unit_takes_what_is_left() -> None:
    level = StockLevel("product", "warehouse")
    level.receive(Decimal(1), "GR-1", AT, ACTOR, currency=EUR, unit_cost=Decimal("10.00"))
    level.receive(Decimal(2), "GR-2", AT, ACTOR, currency=EUR, unit_cost=Decimal("5.00"))

    taken = [-level.issue(Decimal(1), Decimal(0), f"GI-{n}", AT, ACTOR, currency=EUR).value for n in range(3)]

    assert taken == [Decimal("6.67"), Decimal("6.67"), Decimal("6.66")]
    assert (level.on_hand, level.value) == (Decimal(0), Decimal(0))
    assert level.average_cost == Decimal("6.66")  # the last average is kept for the next receipt


def test_a_receipt_without_a_cost_comes_in_at_the_average_or_the_last_one_and_at_zero_on_a_level_never_valued(
) -> None:
    never = StockLevel("product", "warehouse")
    level = StockLevel("product", "other")
    level.receive(Decimal(2), "GR-1", AT, ACTOR, currency=EUR, unit_cost=Decimal("4.50"))

    at_average = level.receive(Decimal(2), "GR-2", AT, ACTOR, currency=EUR)
    level.issue(Decimal(4), Decimal(0), "GI-1", AT, ACTOR, currency=EUR)
    at_last = level.receive(Decimal(1), "GR-3", AT, ACTOR, currency=EUR)
    at_zero = never.receive(Decimal(3), "GR-4", AT, ACTOR, currency=EUR)

    assert (at_average.value, at_average.unit_cost) == (Decimal("9.00"), Decimal("4.5"))
    assert (at_last.value, at_last.unit_cost) == (Decimal("4.50"), Decimal("4.5"))
    assert (at_zero.value, never.value) == (Decimal(0), Decimal(0))


def test_units_found_come_in_at_their_cost_and_units_lost_leave_at_the_average() -> None:
    level = StockLevel("product", "warehouse")
    level.receive(Decimal(4), "GR-1", AT, ACTOR, currency=EUR, unit_cost=Decimal("2.00"))

    found = level.adjust(Decimal(2), "ADJ-1", "count", AT, ACTOR, currency=EUR, unit_cost=Decimal("5.00"))
    lost = level.adjust(Decimal(-3), "ADJ-2", "count", AT, ACTOR, currency=EUR)

    assert found.value == Decimal("10.00")
    assert lost.value == Decimal("-9.00")  # 18.00 for 6 units: 3.00 each
    assert (level.on_hand, level.value) == (Decimal(3), Decimal("9.00"))


def test_values_are_rounded_to_the_minor_unit_of_the_warehouses_currency() -> None:
    level = StockLevel("product", "warehouse")

    movement = level.receive(Decimal(3), "GR-1", AT, ACTOR, currency=Currency.of("JPY"),
                             unit_cost=Decimal("33.5"))

    assert movement.value == Decimal(101)  # 100.5 yen, half up


@pytest.mark.parametrize("cost", ["-0.01", "0.0000001", "1000000001"])
def test_a_unit_cost_is_never_negative_finer_than_six_decimals_or_absurd(cost: str) -> None:
    level = StockLevel("product", "warehouse")

    with pytest.raises(InvalidValue) as error:
        level.receive(Decimal(1), "GR-1", AT, ACTOR, currency=EUR, unit_cost=Decimal(cost))

    assert error.value.field == "unit_cost"
    assert level.new_movements == []
