"""Sales orders against stock: reserving by warehouse priority, backorders, goods issues, progress per line."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from oms.domain.masterdata.products import Product
from oms.domain.sales.events import GoodsIssued
from oms.domain.sales.sales_order import SalesOrder, SalesOrderStatus
from oms.domain.shared.discounts import Discount
from oms.domain.shared.errors import BusinessRuleViolation, InvalidValue
from oms.domain.stock.events import StockReserved
from oms.domain.stock.levels import MovementKind
from oms.domain.stock.reservations import Inventory

from .builders import ACTOR, AT, EUR, MAIN, OVERFLOW, line, make_inventory, make_order, on_hand, order_in, reserved


def issue(order: SalesOrder, inventory: Inventory, warehouse: str, *quantities: tuple[int, str | int]) -> None:
    """Ship (line index, quantity) pairs from a warehouse."""
    order.issue_goods(number=f"GI-{len(order.goods_issues) + 1:06d}", warehouse_id=warehouse,
                      quantities={order.lines[index].id: Decimal(quantity) for index, quantity in quantities},
                      inventory=inventory, at=AT, actor=ACTOR)


def test_confirming_an_order_reserves_stock_in_warehouse_priority_order(desk: Product) -> None:
    inventory = make_inventory([desk], {("DESK", MAIN): 3, ("DESK", OVERFLOW): 10})
    order = make_order(line(desk, 5))

    order.confirm(inventory, AT, ACTOR)

    assert order.status is SalesOrderStatus.CONFIRMED
    assert reserved(inventory, desk) == {MAIN: Decimal(3), OVERFLOW: Decimal(2)}
    assert [(r.warehouse_id, r.quantity) for r in order.reservations] == [(MAIN, Decimal(3)), (OVERFLOW, Decimal(2))]
    assert [(e.warehouse_id, e.quantity) for e in order.events if isinstance(e, StockReserved)] == [
        (MAIN, Decimal(3)), (OVERFLOW, Decimal(2))]


def test_two_lines_of_the_same_product_reserve_together(desk: Product) -> None:
    # 3 + 3 desks with 5 in stock: each line alone would fit, both together do not.
    inventory = make_inventory([desk], {("DESK", MAIN): 2, ("DESK", OVERFLOW): 3})
    order = make_order(line(desk, 3), line(desk, 3))

    with pytest.raises(BusinessRuleViolation) as error:
        order.confirm(inventory, AT, ACTOR)

    assert error.value.rule == "StockMustBeAvailable"
    assert "6 needed, 5 available" in error.value.detail
    assert order.status is SalesOrderStatus.DRAFT
    assert order.reservations == []
    assert reserved(inventory, desk) == {MAIN: Decimal(0), OVERFLOW: Decimal(0)}


def test_two_lines_of_the_same_product_are_both_reserved_when_there_is_enough(desk: Product) -> None:
    inventory = make_inventory([desk], {("DESK", MAIN): 2, ("DESK", OVERFLOW): 4})
    order = make_order(line(desk, 3), line(desk, 3))

    order.confirm(inventory, AT, ACTOR)

    assert [order.open_reserved(item.id) for item in order.lines] == [Decimal(3), Decimal(3)]
    assert reserved(inventory, desk) == {MAIN: Decimal(2), OVERFLOW: Decimal(4)}


def test_reserving_is_all_or_nothing_over_every_product_of_the_order(desk: Product, chair: Product) -> None:
    inventory = make_inventory([desk, chair], {("DESK", MAIN): 10, ("CHAIR", MAIN): 1})
    order = make_order(line(desk, 2), line(chair, 2))

    with pytest.raises(BusinessRuleViolation) as error:
        order.confirm(inventory, AT, ACTOR)

    assert error.value.rule == "StockMustBeAvailable"
    assert reserved(inventory, desk)[MAIN] == reserved(inventory, chair)[MAIN] == 0


def test_services_and_consumables_are_not_reserved(desk: Product, assembly: Product, coffee: Product) -> None:
    inventory = make_inventory([desk], {("DESK", MAIN): 1})
    order = make_order(line(desk, 1), line(assembly, 2), line(coffee, 3))

    order.confirm(inventory, AT, ACTOR)

    assert [(r.product_id, r.quantity) for r in order.reservations] == [(desk.id, Decimal(1))]
    assert order.product_ids() == [desk.id]


def test_an_order_without_lines_cannot_be_confirmed() -> None:
    order = make_order()

    with pytest.raises(BusinessRuleViolation) as error:
        order.confirm(make_inventory([], {}), AT, ACTOR)

    assert error.value.rule == "SalesOrderMustHaveLines"


def test_an_order_that_allows_backorders_reserves_what_there_is_and_the_rest_when_it_arrives(desk: Product) -> None:
    inventory = make_inventory([desk], {("DESK", MAIN): 3})
    order = make_order(line(desk, 5), allow_backorder=True)
    order.confirm(inventory, AT, ACTOR)
    assert order.backordered(order.lines[0]) == Decimal(2)

    inventory.level(desk.id, OVERFLOW).receive(Decimal(10), "GR-000001", AT, ACTOR, currency=EUR)
    reserved_now = order.reserve_backorders(inventory, AT)

    assert reserved_now == Decimal(2)
    assert order.backordered(order.lines[0]) == 0
    assert reserved(inventory, desk) == {MAIN: Decimal(3), OVERFLOW: Decimal(2)}


def test_issuing_goods_consumes_the_reservation_and_writes_an_issue_movement(desk: Product) -> None:
    inventory = make_inventory([desk], {("DESK", MAIN): 10})
    order = make_order(line(desk, 4))
    order.confirm(inventory, AT, ACTOR)

    issue(order, inventory, MAIN, (0, 3))

    level = inventory.level(desk.id, MAIN)
    assert (level.on_hand, level.reserved, level.available) == (Decimal(7), Decimal(1), Decimal(6))
    assert [(m.kind, m.quantity, m.reference) for m in level.new_movements][-1] == (
        MovementKind.ISSUE, Decimal(-3), "GI-000001")
    assert order.reservations[0].issued == Decimal(3)
    assert (order.lines[0].quantity_issued, order.status) == (Decimal(3), SalesOrderStatus.PARTIALLY_ISSUED)
    assert isinstance(order.events[-2], GoodsIssued)


def test_goods_are_never_issued_beyond_the_ordered_quantity(desk: Product) -> None:
    inventory = make_inventory([desk], {("DESK", MAIN): 10})
    order = make_order(line(desk, 4))
    order.confirm(inventory, AT, ACTOR)
    issue(order, inventory, MAIN, (0, 3))

    with pytest.raises(BusinessRuleViolation) as error:
        issue(order, inventory, MAIN, (0, 2))

    assert error.value.rule == "CannotIssueMoreThanOrdered"
    assert order.lines[0].quantity_issued == Decimal(3)
    assert on_hand(inventory, desk)[MAIN] == Decimal(7)


def test_an_over_delivery_allowance_lets_an_issue_exceed_the_order_by_that_percentage(desk: Product) -> None:
    inventory = make_inventory([desk], {("DESK", MAIN): 20})
    order = make_order(line(desk, 10), over_delivery_percent="10")
    order.confirm(inventory, AT, ACTOR)

    with pytest.raises(BusinessRuleViolation) as error:
        issue(order, inventory, MAIN, (0, 12))
    issue(order, inventory, MAIN, (0, 11))

    assert error.value.rule == "CannotIssueMoreThanOrdered"
    assert order.status is SalesOrderStatus.ISSUED
    level = inventory.level(desk.id, MAIN)
    assert (level.on_hand, level.reserved) == (Decimal(9), Decimal(0))


def test_service_lines_are_not_issued(desk: Product, assembly: Product) -> None:
    inventory = make_inventory([desk], {("DESK", MAIN): 1})
    order = make_order(line(desk, 1), line(assembly, 1))
    order.confirm(inventory, AT, ACTOR)

    with pytest.raises(BusinessRuleViolation) as error:
        issue(order, inventory, MAIN, (1, 1))

    assert error.value.rule == "ServiceLinesAreNotIssued"


def test_a_goods_issue_that_is_refused_for_one_line_ships_nothing(desk: Product, chair: Product) -> None:
    inventory = make_inventory([desk, chair], {("DESK", MAIN): 5, ("CHAIR", MAIN): 5})
    order = make_order(line(desk, 2), line(chair, 2))
    order.confirm(inventory, AT, ACTOR)

    with pytest.raises(BusinessRuleViolation):
        issue(order, inventory, MAIN, (0, 2), (1, 3))

    assert [item.quantity_issued for item in order.lines] == [0, 0]
    assert (on_hand(inventory, desk)[MAIN], on_hand(inventory, chair)[MAIN]) == (Decimal(5), Decimal(5))
    assert order.goods_issues == []


def test_a_refused_issue_quantity_is_named_by_its_place_among_the_quantities_not_by_the_line_id(
        desk: Product, chair: Product) -> None:
    inventory = make_inventory([desk, chair], {("DESK", MAIN): 5, ("CHAIR", MAIN): 5})
    order = make_order(line(desk, 2), line(chair, 2))
    order.confirm(inventory, AT, ACTOR)

    with pytest.raises(InvalidValue) as error:
        issue(order, inventory, MAIN, (0, 1), (1, 0))

    assert (error.value.field, error.value.detail) == ("lines[1].quantity", "must be greater than zero")


def test_issuing_unreserved_stock_needs_it_to_be_available_in_that_warehouse(desk: Product) -> None:
    inventory = make_inventory([desk], {("DESK", MAIN): 5, ("DESK", OVERFLOW): 1})
    order = make_order(line(desk, 3))
    order.confirm(inventory, AT, ACTOR)

    with pytest.raises(BusinessRuleViolation) as error:
        issue(order, inventory, OVERFLOW, (0, 2))

    assert error.value.rule == "StockMustBeAvailable"


def test_an_order_is_issued_when_every_line_is_whatever_the_units_of_other_lines(desk: Product, book: Product) -> None:
    # Progress is per line: 10 books and 1 of 2 desks shipped is not "11 of 12 units", it is one line open.
    inventory = make_inventory([desk, book], {("DESK", MAIN): 2, ("BOOK", MAIN): 10})
    order = make_order(line(desk, 2), line(book, 10))
    order.confirm(inventory, AT, ACTOR)

    issue(order, inventory, MAIN, (0, 1), (1, 10))
    partially = order.status
    issue(order, inventory, MAIN, (0, 1))

    assert (partially, order.status) == (SalesOrderStatus.PARTIALLY_ISSUED, SalesOrderStatus.ISSUED)
    assert all(item.fully_issued and item.remaining == 0 for item in order.lines)


def test_a_fully_issued_line_releases_what_is_still_reserved_for_it_elsewhere(desk: Product) -> None:
    # 2 reserved in MAIN and 3 in OVERFLOW; all 5 ship from OVERFLOW, so MAIN's 2 are free again.
    inventory = make_inventory([desk], {("DESK", MAIN): 2, ("DESK", OVERFLOW): 10})
    order = make_order(line(desk, 5))
    order.confirm(inventory, AT, ACTOR)

    issue(order, inventory, OVERFLOW, (0, 5))

    assert reserved(inventory, desk) == {MAIN: Decimal(0), OVERFLOW: Decimal(0)}
    assert sum((r.open for r in order.reservations), Decimal(0)) == 0


def test_a_line_never_holds_more_reserved_than_it_still_has_to_ship(desk: Product) -> None:
    # 4 reserved in MAIN and 6 in OVERFLOW; 8 ship from OVERFLOW (its 6 reserved and 2 more). 2 remain to ship,
    # so only 2 stay reserved in MAIN; the other 2 there are free for other orders again.
    inventory = make_inventory([desk], {("DESK", MAIN): 4, ("DESK", OVERFLOW): 10})
    order = make_order(line(desk, 10))
    order.confirm(inventory, AT, ACTOR)

    issue(order, inventory, OVERFLOW, (0, 8))

    assert order.open_reserved(order.lines[0].id) == order.lines[0].remaining == Decimal(2)
    assert reserved(inventory, desk) == {MAIN: Decimal(2), OVERFLOW: Decimal(0)}
    assert order.backordered(order.lines[0]) == 0


def test_cancelling_a_confirmed_order_releases_its_reservations(desk: Product) -> None:
    inventory = make_inventory([desk], {("DESK", MAIN): 3, ("DESK", OVERFLOW): 3})
    order = make_order(line(desk, 5))
    order.confirm(inventory, AT, ACTOR)

    order.cancel(inventory, AT, ACTOR, "no longer needed")

    assert reserved(inventory, desk) == {MAIN: Decimal(0), OVERFLOW: Decimal(0)}
    assert [r.released for r in order.reservations] == [Decimal(3), Decimal(2)]
    assert order.history[-1].reason == "no longer needed"


@pytest.mark.parametrize("status", [s for s in SalesOrderStatus if s is not SalesOrderStatus.DRAFT])
def test_only_a_draft_order_can_be_edited(status: SalesOrderStatus, desk: Product) -> None:
    order = order_in(status).order
    first = order.lines[0]
    edits: list[Callable[[], object]] = [
        lambda: order.add_line(line(desk, 1)),
        lambda: order.update_line(first.id, quantity=Decimal(1)),
        lambda: order.remove_line(first.id),
        lambda: order.set_order_discount(None),
    ]

    for edit in edits:
        with pytest.raises(BusinessRuleViolation) as error:
            edit()
        assert error.value.rule == "SalesOrderMustBeDraft"

    assert [(item.id, item.quantity) for item in order.lines] == [(first.id, Decimal(10))]


def test_an_over_delivery_allowance_must_be_a_percentage(desk: Product) -> None:
    with pytest.raises(InvalidValue) as error:
        make_order(line(desk, 1), over_delivery_percent="101")

    assert error.value.field == "over_delivery_percent"


def test_a_refused_line_change_leaves_the_order_as_it_was(desk: Product) -> None:
    order = make_order(line(desk, 2))
    first = order.lines[0]

    with pytest.raises(InvalidValue) as too_big:
        order.add_line(line(desk, 1, discount=Discount.amount("100.01")))
    with pytest.raises(InvalidValue) as negative:
        order.update_line(first.id, quantity=Decimal(1), unit_price=Decimal("-5"))

    assert (too_big.value.field, negative.value.field) == ("line.discount", "unit_price")
    assert [(item.quantity, item.unit_price) for item in order.lines] == [(Decimal(2), Decimal("100.00"))]
    assert order.grand_total == Decimal("238.00")
