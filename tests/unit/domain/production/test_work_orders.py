"""The acceptance cases of peers.md 2d (1-8) on the work order aggregate, with the TABLE fixture of kit.py."""

from __future__ import annotations

import pytest

from oms.domain.production.boms import ComponentKind, ConsumptionMode
from oms.domain.production.records import BackflushBasis, WorkOrderStatus
from oms.domain.shared.errors import BusinessRuleViolation, InvalidValue

from .kit import ACTOR, AT, EUR, D, bom, component, levels, missing, on_hand, pid, reserved, table_bom, work_order


def refusal(action: object) -> str:
    assert callable(action)
    with pytest.raises(BusinessRuleViolation) as refused:
        action()
    return refused.value.rule


def test_a_work_order_of_10_tables_requires_40_legs_10_tops_and_85_screws() -> None:
    order = work_order(table_bom(), 10)

    assert {c.sku: c.required for c in order.components} == {"LEG": D(40), "TOP": D(10), "SCREW": D(85)}


def test_releasing_reserves_what_is_available_and_shows_the_tops_missing() -> None:
    stock = levels()
    order = work_order(table_bom(), 10)

    order.release(stock, AT, ACTOR)

    assert order.status is WorkOrderStatus.RELEASED
    assert reserved(order) == {"LEG": D(40), "TOP": D(8), "SCREW": D(85)}
    assert missing(order) == {"LEG": 0, "TOP": D(2), "SCREW": 0}
    assert stock[pid("LEG")].available == D(10)
    assert not order.fully_reserved


def test_producing_6_backflushes_components_and_costs_each_table_75_85() -> None:
    stock = levels()
    order = work_order(table_bom(), 10)
    order.release(stock, AT, ACTOR)

    output = order.report_output(D(6), stock, AT, ACTOR)

    assert on_hand(stock) == {"TABLE": D(6), "LEG": D(26), "TOP": D(2), "SCREW": D(949)}
    assert reserved(order) == {"LEG": D(16), "TOP": D(2), "SCREW": D(34)}
    assert order.status is WorkOrderStatus.IN_PROGRESS
    assert (output.component_value, output.labour_value, output.value) == (D("365.10"), D("90.00"), D("455.10"))
    assert output.unit_cost == D("75.85")
    assert stock[pid("TABLE")].value == D("455.10")


def test_the_stock_levels_hold_exactly_the_open_reservations_of_the_order() -> None:
    stock = levels()
    order = work_order(table_bom(), 10)
    order.release(stock, AT, ACTOR)

    order.report_output(D(6), stock, AT, ACTOR)

    assert {c.sku: stock[c.product_id].reserved for c in order.components} == reserved(order)


def test_closing_short_after_6_releases_every_reservation_and_keeps_the_tables() -> None:
    stock = levels()
    order = work_order(table_bom(), 10)
    order.release(stock, AT, ACTOR)
    order.report_output(D(6), stock, AT, ACTOR)

    order.close(stock, AT, ACTOR, "top supplier late")

    assert order.status is WorkOrderStatus.CLOSED_SHORT
    assert reserved(order) == {"LEG": 0, "TOP": 0, "SCREW": 0}
    assert [stock[pid(sku)].reserved for sku in ("LEG", "TOP", "SCREW")] == [0, 0, 0]
    assert stock[pid("TABLE")].on_hand == D(6)


def test_a_work_order_that_produced_cannot_be_cancelled() -> None:
    stock = levels()
    order = work_order(table_bom(), 10)
    order.release(stock, AT, ACTOR)
    order.report_output(D(6), stock, AT, ACTOR)

    assert refusal(lambda: order.cancel(stock, AT, ACTOR)) == "WorkOrderHasProduction"


def test_cancelling_a_released_order_releases_its_reservations() -> None:
    stock = levels()
    order = work_order(table_bom(), 10)
    order.release(stock, AT, ACTOR)

    order.cancel(stock, AT, ACTOR, "not needed")

    assert order.status is WorkOrderStatus.CANCELLED
    assert [stock[pid(sku)].reserved for sku in ("LEG", "TOP", "SCREW")] == [0, 0, 0]


def test_closing_short_needs_a_reason() -> None:
    stock = levels()
    order = work_order(table_bom(), 10)
    order.release(stock, AT, ACTOR)

    with pytest.raises(InvalidValue):
        order.close(stock, AT, ACTOR)


def test_a_strict_bom_refuses_26_legs_for_6_tables() -> None:
    stock = levels()
    order = work_order(table_bom(ConsumptionMode.STRICT), 10)
    order.release(stock, AT, ACTOR)
    consumed = {pid("LEG"): D(26), pid("TOP"): D(6), pid("SCREW"): D(51)}

    assert refusal(lambda: order.report_output(D(6), stock, AT, ACTOR, consumed=consumed)) == (
        "ConsumptionMustMatchBom")
    assert order.outputs == []
    assert stock[pid("LEG")].on_hand == D(50)


def test_a_warning_bom_accepts_26_legs_and_records_the_deviation() -> None:
    stock = levels()
    order = work_order(table_bom(ConsumptionMode.WARNING), 10)
    order.release(stock, AT, ACTOR)

    order.report_output(D(6), stock, AT, ACTOR, consumed={pid("LEG"): D(26), pid("TOP"): D(6), pid("SCREW"): D(51)})

    [deviation] = order.deviations
    assert (deviation.product_id, deviation.expected, deviation.actual) == (pid("LEG"), D(24), D(26))
    assert stock[pid("LEG")].on_hand == D(24)


def test_a_flexible_bom_accepts_26_legs_without_a_deviation() -> None:
    stock = levels()
    order = work_order(table_bom(ConsumptionMode.FLEXIBLE), 10)
    order.release(stock, AT, ACTOR)

    order.report_output(D(6), stock, AT, ACTOR, consumed={pid("LEG"): D(26), pid("TOP"): D(6), pid("SCREW"): D(51)})

    assert order.deviations == []
    assert order.consumed(order.component(pid("LEG"))) == D(26)


def test_partial_outputs_of_one_raw_material_consume_90_then_10_never_111() -> None:
    stock = levels({"RM": 110}, skus=("X",))
    order = work_order(bom("X", component("RM", 1)), 100)
    order.release(stock, AT, ACTOR)

    order.report_output(D(90), stock, AT, ACTOR)
    order.report_output(D(10), stock, AT, ACTOR)

    assert [line.quantity for line in order.consumptions] == [D(90), D(10)]
    assert stock[pid("RM")].on_hand == D(10)


def test_110_transferred_for_100_are_backflushed_99_then_11_never_111() -> None:
    stock = levels({"RM": 120}, skus=("X",))
    order = work_order(bom("X", component("RM", 1)), 100, backflush=BackflushBasis.TRANSFERRED)
    order.release(stock, AT, ACTOR)
    order.transfer({pid("RM"): D(110)}, stock, AT, ACTOR)

    order.report_output(D(90), stock, AT, ACTOR)
    order.report_output(D(10), stock, AT, ACTOR)

    assert [line.quantity for line in order.consumptions] == [D(99), D(11)]
    assert (stock[pid("RM")].on_hand, stock[pid("RM")].reserved) == (D(10), D(0))


def test_a_transfer_beyond_what_is_available_is_refused_whole() -> None:
    stock = levels({"RM": 105}, skus=("X",))
    order = work_order(bom("X", component("RM", 1)), 100, backflush=BackflushBasis.TRANSFERRED)
    order.release(stock, AT, ACTOR)

    assert refusal(lambda: order.transfer({pid("RM"): D(110)}, stock, AT, ACTOR)) == "StockMustBeAvailable"
    assert (order.transfers, stock[pid("RM")].reserved) == ([], D(100))


def test_partial_outputs_consume_screws_cumulatively_51_then_34() -> None:
    stock = levels()
    order = work_order(table_bom(), 10)
    order.release(stock, AT, ACTOR)
    stock[pid("TOP")].receive(D(2), "late tops", AT, ACTOR, currency=EUR, unit_cost=D("40.00"))

    order.report_output(D(6), stock, AT, ACTOR)
    order.report_output(D(4), stock, AT, ACTOR)

    screws = [line.quantity for line in order.consumptions if line.product_id == pid("SCREW")]
    assert screws == [D(51), D(34)]
    assert order.status is WorkOrderStatus.TO_CLOSE


def test_over_production_of_10_percent_allows_11_of_10_and_refuses_12() -> None:
    stock = levels({"RM": 20}, skus=("X",))
    order = work_order(bom("X", component("RM", 1)), 10, overproduction="10")
    order.release(stock, AT, ACTOR)

    order.report_output(D(11), stock, AT, ACTOR)

    assert refusal(lambda: order.report_output(D(1), stock, AT, ACTOR)) == "CannotProduceMoreThanTolerated"
    assert order.produced == D(11)


def test_no_output_while_a_component_is_short() -> None:
    stock = levels({"LEG": 50, "TOP": 0, "SCREW": 1000})
    order = work_order(table_bom(), 10)
    order.release(stock, AT, ACTOR)

    assert refusal(lambda: order.report_output(D(1), stock, AT, ACTOR)) == "ComponentsMustBeAvailable"
    assert stock[pid("LEG")].on_hand == D(50)
    assert stock[pid("TABLE")].on_hand == 0


def test_a_phantom_kit_is_exploded_into_its_components() -> None:
    kit = bom("LEG-KIT", component("LEG", 4), component("GLUE", 1))
    table = bom("TABLE", component("LEG-KIT", 1, kind=ComponentKind.PHANTOM), component("TOP", 1))

    order = work_order(table, 10, kits=[kit])

    assert {c.sku: c.required for c in order.components} == {"LEG": D(40), "GLUE": D(10), "TOP": D(10)}


def test_a_stocked_subassembly_gets_a_child_order_and_the_parent_reserves_what_it_makes() -> None:
    sub = bom("LEG-KIT", component("LEG", 4), component("GLUE", 1))
    table = bom("TABLE", component("LEG-KIT", 1, kind=ComponentKind.SUBASSEMBLY), component("TOP", 1))
    stock = levels({"LEG": 50, "GLUE": 10, "TOP": 8}, skus=("TABLE", "LEG-KIT"))
    parent = work_order(table, 2)
    parent.release(stock, AT, ACTOR)
    [needed] = parent.subassemblies()
    child = work_order(sub, needed.required, number="WO-000002")

    child.release(stock, AT, ACTOR)
    child.report_output(needed.required, stock, AT, ACTOR)
    parent.reserve_missing(stock, AT)

    assert (needed.sku, needed.required) == ("LEG-KIT", D(2))
    assert reserved(parent) == {"LEG-KIT": D(2), "TOP": D(2)}
    assert stock[pid("LEG-KIT")].available == 0
