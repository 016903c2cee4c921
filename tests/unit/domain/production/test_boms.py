"""Bills of materials: revisions with one active, cycles refused by name, requirements rounded up (W1), cumulative
backflush shares (W4)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import pytest

from oms.domain.production.boms import BomLine, ComponentKind, Operation, activate, check_no_cycle
from oms.domain.production.requirements import consume_now, explode, round_up, transferred_target
from oms.domain.shared.errors import BusinessRuleViolation, InvalidValue

from .kit import D, bom, component, no_boms, pid, table_bom, work_order


def test_activating_a_revision_deactivates_the_others_of_the_product() -> None:
    first, second = table_bom(), table_bom()
    other = bom("CHAIR", component("LEG", 4))

    deactivated = activate(second, [first, second, other])

    assert (first.active, second.active, other.active) == (False, True, True)
    assert deactivated == [first]


def test_a_bom_whose_kit_leads_back_to_its_product_is_refused_naming_the_cycle() -> None:
    kit = bom("LEG-KIT", component("TABLE", 1), component("GLUE", 1))
    table = bom("TABLE", component("LEG-KIT", 1, kind=ComponentKind.PHANTOM), component("TOP", 1))
    boms = {kit.product_id: kit}

    with pytest.raises(BusinessRuleViolation) as refused:
        check_no_cycle(table, boms.get)

    assert (refused.value.rule, refused.value.detail) == ("BomMustNotBeCyclic", "TABLE -> LEG-KIT -> TABLE")


def test_a_product_used_twice_below_a_bom_is_no_cycle() -> None:
    kit = bom("LEG-KIT", component("SCREW", 4))
    table = bom("TABLE", component("LEG-KIT", 1), component("SCREW", 8))

    check_no_cycle(table, {kit.product_id: kit}.get)


def test_a_product_cannot_be_its_own_component() -> None:
    with pytest.raises(BusinessRuleViolation):
        bom("TABLE", component("TABLE", 1))


def test_a_scrap_of_100_percent_is_refused() -> None:
    with pytest.raises(InvalidValue):
        BomLine(product_id=pid("X"), sku="X", quantity=D(1), scrap_percent=D(100))


@pytest.mark.parametrize(("build", "field"), [
    (lambda: Operation(name="Assemble", hours=D("0.0000001"), rate=D(30)), "hours"),
    (lambda: BomLine(product_id=pid("X"), sku="X", quantity=D("1.1234567")), "quantity"),
    (lambda: BomLine(product_id=pid("X"), sku="X", quantity=D(1), scrap_percent=D("5.0000001")), "scrap_percent"),
    (lambda: BomLine(product_id=pid("X"), sku="X", quantity=D("1000000001")), "quantity"),
])
def test_more_decimals_or_more_units_than_are_kept_are_refused_naming_the_field(
        build: Callable[[], object], field: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        build()

    assert refused.value.field == field


def test_a_requirement_is_rounded_up_to_the_decimals_of_the_components_unit() -> None:
    paint = BomLine(product_id=pid("PAINT"), sku="PAINT", quantity=D("0.25"), decimals=3, scrap_percent=D(3))
    order = work_order(bom("TABLE", paint), 7)

    assert order.components[0].required == D("1.805")  # 0.25 x 7 / 0.97 = 1.80412...


def test_an_exact_requirement_is_not_rounded_up() -> None:
    order = work_order(bom("TABLE", component("LEG", 19, scrap="5"), output=3), 3)

    assert order.components[0].required == D(20)


def test_a_bom_for_several_units_scales_by_the_work_order_quantity() -> None:
    order = work_order(bom("TABLE", component("SCREW", 30), output=4), 10)

    assert order.components[0].required == D(75)


def test_two_lines_of_one_component_are_one_requirement() -> None:
    needs = explode(bom("TABLE", component("SCREW", 8), component("SCREW", 2)), no_boms)

    assert [(n.sku, n.target(D(10))) for n in needs] == [("SCREW", D(100))]


def test_a_kit_without_an_active_bom_is_refused() -> None:
    with pytest.raises(BusinessRuleViolation) as refused:
        explode(bom("TABLE", component("LEG-KIT", 1, kind=ComponentKind.PHANTOM)), no_boms)

    assert refused.value.rule == "PhantomKitNeedsBom"


def test_rounding_up_keeps_the_units_decimals() -> None:
    assert [round_up(Fraction(q), 2) for q in (Decimal("1.001"), Decimal(2), Decimal("0.129"))] == [
        D("1.01"), D("2.00"), D("0.13")]


def test_110_transferred_for_100_are_taken_99_then_11_when_finishing_90_then_10() -> None:
    first = consume_now(transferred_target(D(110), D(100), D(90), 0), D(0))
    second = consume_now(transferred_target(D(110), D(100), D(100), 0), first)

    assert (first, second) == (D(99), D(11))


def test_cumulative_targets_sum_to_the_total_in_any_steps() -> None:
    made = consumed = D(0)
    for step in (D(7), D(13), D(30), D(50)):
        made += step
        consumed += consume_now(transferred_target(D(110), D(100), made, 0), consumed)

    assert consumed == D(110)
