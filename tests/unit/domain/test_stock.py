"""A stock level: on_hand moved only by recorded movements, reservations within what is available."""

from __future__ import annotations

from decimal import Decimal

import pytest

from oms.domain.shared.errors import BusinessRuleViolation, InvalidValue
from oms.domain.stock.events import StockMoved
from oms.domain.stock.levels import MovementKind, StockLevel

from .builders import ACTOR, AT, EUR


def level_with(on_hand: int, reserved: int = 0) -> StockLevel:
    level = StockLevel("product", "warehouse")
    if on_hand:
        level.receive(Decimal(on_hand), "GR-000001", AT, ACTOR, currency=EUR)
    if reserved:
        level.reserve(Decimal(reserved))
    return level


def test_a_receipt_adds_to_on_hand_through_a_recorded_movement() -> None:
    level = level_with(0)

    movement = level.receive(Decimal(5), "GR-000001", AT, ACTOR, currency=EUR)

    assert (level.on_hand, level.available) == (Decimal(5), Decimal(5))
    assert (movement.kind, movement.quantity, movement.reference, movement.at) == (
        MovementKind.RECEIPT, Decimal(5), "GR-000001", AT)
    assert level.new_movements == [movement]
    assert isinstance(level.events[-1], StockMoved)


@pytest.mark.parametrize("quantity", ["0", "-1"])
def test_a_receipt_must_bring_something(quantity: str) -> None:
    level = level_with(0)

    with pytest.raises(InvalidValue) as error:
        level.receive(Decimal(quantity), "GR-000001", AT, ACTOR, currency=EUR)

    assert error.value.field == "quantity"
    assert level.new_movements == []


def test_reserving_more_than_is_available_is_refused() -> None:
    level = level_with(on_hand=5, reserved=3)

    with pytest.raises(BusinessRuleViolation) as error:
        level.reserve(Decimal(3))

    assert error.value.rule == "StockMustBeAvailable"
    assert (level.reserved, level.available) == (Decimal(3), Decimal(2))


def test_reserving_everything_available_leaves_nothing_available() -> None:
    level = level_with(on_hand=5, reserved=3)

    level.reserve(Decimal(2))

    assert (level.on_hand, level.reserved, level.available) == (Decimal(5), Decimal(5), Decimal(0))


def test_more_than_is_reserved_cannot_be_released() -> None:
    level = level_with(on_hand=5, reserved=2)

    with pytest.raises(InvalidValue) as error:
        level.release(Decimal(3))

    assert error.value.field == "quantity"
    assert level.reserved == Decimal(2)


def test_an_adjustment_may_not_take_on_hand_below_what_is_reserved() -> None:
    level = level_with(on_hand=5, reserved=3)

    with pytest.raises(BusinessRuleViolation) as error:
        level.adjust(Decimal(-3), "ADJ-000001", "count", AT, ACTOR, currency=EUR)
    movement = level.adjust(Decimal(-2), "ADJ-000002", "count", AT, ACTOR, currency=EUR)

    assert error.value.rule == "StockMustNotGoNegative"
    assert (movement.kind, movement.quantity, movement.reason) == (MovementKind.ADJUSTMENT, Decimal(-2), "count")
    assert (level.on_hand, level.available) == (Decimal(3), Decimal(0))


@pytest.mark.parametrize(("change", "reason", "field"), [("0", "count", "quantity"), ("1", " ", "reason")])
def test_an_adjustment_needs_a_change_and_a_reason(change: str, reason: str, field: str) -> None:
    level = level_with(on_hand=5)

    with pytest.raises(InvalidValue) as error:
        level.adjust(Decimal(change), "ADJ-000001", reason, AT, ACTOR, currency=EUR)

    assert error.value.field == field


def test_an_issue_consumes_its_reservation_and_needs_the_rest_available() -> None:
    level = level_with(on_hand=5, reserved=4)  # 1 available

    with pytest.raises(BusinessRuleViolation) as error:
        level.issue(Decimal(4), Decimal(2), "GI-000001", AT, ACTOR, currency=EUR)  # 2 beyond its reservation
    movement = level.issue(Decimal(3), Decimal(2), "GI-000002", AT, ACTOR, currency=EUR)

    assert error.value.rule == "StockMustBeAvailable"
    assert (movement.kind, movement.quantity) == (MovementKind.ISSUE, Decimal(-3))
    assert (level.on_hand, level.reserved, level.available) == (Decimal(2), Decimal(2), Decimal(0))


def test_on_hand_is_the_sum_of_the_movements() -> None:
    level = level_with(on_hand=10, reserved=4)

    level.issue(Decimal(3), Decimal(3), "GI-000001", AT, ACTOR, currency=EUR)
    level.adjust(Decimal(2), "ADJ-000001", "found in the back", AT, ACTOR, currency=EUR)
    level.receive(Decimal("0.5"), "GR-000002", AT, ACTOR, currency=EUR)

    assert level.on_hand == sum((m.quantity for m in level.new_movements), Decimal(0)) == Decimal("9.5")
    assert [m.kind for m in level.new_movements] == [MovementKind.RECEIPT, MovementKind.ISSUE,
                                                     MovementKind.ADJUSTMENT, MovementKind.RECEIPT]
