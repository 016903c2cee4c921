"""Purchase orders: approval at the branch's threshold, receipts within the tolerance, progress per line, close short,
cancel refused after a receipt, returns to the supplier at the cost the goods came in at."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oms.domain.procurement.events import (
    GoodsReceived,
    GoodsReturnedToSupplier,
    PurchaseOrderApproved,
    PurchaseOrderOrdered,
    PurchaseOrderSubmittedForApproval,
)
from oms.domain.procurement.purchase_order import PurchaseOrder, PurchaseOrderStatus, ReceiptStatus
from oms.domain.procurement.settings import ProcurementSettings
from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.ids import new_id
from oms.domain.stock.levels import MovementKind, StockLevel

from .builders import ACTOR, AT, EUR, MAIN, line, make_product, refusal

S = PurchaseOrderStatus


def make_po(*drafts: object) -> PurchaseOrder:
    order = PurchaseOrder(id=new_id(), number="PO-000001", supplier_id="supplier", branch_id="branch",
                          warehouse_id=MAIN, currency="EUR", created_at=AT)
    for draft in drafts:
        order.add_line(draft)  # type: ignore[arg-type]
    return order


def ordered(*quantities: int | str, price: str = "10.00") -> tuple[PurchaseOrder, dict[str, StockLevel]]:
    products = [make_product(f"P{index}") for index in range(len(quantities))]
    order = make_po(*(line(p, q, unit_price=price) for p, q in zip(products, quantities, strict=True)))
    order.place(total_in_branch_currency=order.grand_total, threshold=None, at=AT, actor=ACTOR)
    return order, {p.id: StockLevel(p.id, MAIN) for p in products}


def receive(order: PurchaseOrder, levels: dict[str, StockLevel], tolerance: str | int,
            *quantities: tuple[int, int | str]) -> None:
    order.receive(number=f"GR-{len(order.receipts) + 1:06d}", warehouse_id=MAIN,
                  quantities={order.lines[i].id: Decimal(q) for i, q in quantities},
                  tolerances={line.product_id: Decimal(tolerance) for line in order.lines}, levels=levels,
                  rate=Decimal(1), branch_currency=EUR, at=AT, actor=ACTOR)


def give_back(order: PurchaseOrder, levels: dict[str, StockLevel], index: int, quantity: int) -> None:
    line_ = order.lines[index]
    order.return_to_supplier(number=f"RTS-{len(order.supplier_returns) + 1:06d}", line_id=line_.id,
                             quantity=Decimal(quantity), warehouse_id=MAIN, level=levels[line_.product_id],
                             branch_currency=EUR, reason="damaged", at=AT, actor=ACTOR)


@pytest.mark.parametrize(("total", "status"), [("4999.99", S.ORDERED), ("5000.00", S.TO_APPROVE)])
def test_an_order_at_or_above_the_approval_threshold_waits_for_approval(total: str, status: S) -> None:
    order = make_po(line(make_product("DESK"), 1, unit_price=total))

    order.place(total_in_branch_currency=Decimal(total), threshold=Decimal("5000.00"), at=AT, actor=ACTOR)

    assert order.status is status
    assert any(isinstance(e, PurchaseOrderSubmittedForApproval) for e in order.events) is (status is S.TO_APPROVE)


def test_a_manager_approving_orders_it_and_only_an_order_to_approve_is_approved() -> None:
    order = make_po(line(make_product("DESK"), 1, unit_price="6000"))
    assert refusal(lambda: order.approve(AT, "boss")) == "PurchaseOrderMustAwaitApproval"
    order.place(total_in_branch_currency=Decimal(6000), threshold=Decimal(5000), at=AT, actor=ACTOR)

    order.approve(AT, "boss")

    assert order.status is S.ORDERED
    assert [type(e) for e in order.events if isinstance(e, (PurchaseOrderApproved, PurchaseOrderOrdered))] == [
        PurchaseOrderOrdered, PurchaseOrderApproved]
    assert order.history[-1].actor == "boss"


def test_sending_keeps_it_open_for_ordering_and_an_empty_order_is_not_sent() -> None:
    empty = make_po()
    order = make_po(line(make_product("DESK"), 1, unit_price="1"))
    assert refusal(lambda: empty.send(AT, ACTOR)) == "PurchaseOrderMustHaveLines"

    order.send(AT, ACTOR)
    order.place(total_in_branch_currency=order.grand_total, threshold=None, at=AT, actor=ACTOR)

    assert order.status is S.ORDERED
    assert refusal(lambda: order.add_line(line(make_product("CHAIR"), 1, unit_price="1"))) == \
        "PurchaseOrderMustBeDraft"


def test_receipts_within_the_tolerance_post_and_the_one_beyond_it_is_refused_whole() -> None:
    order, levels = ordered(100)

    receive(order, levels, 10, (0, 60))
    receive(order, levels, 10, (0, 45))
    rule = refusal(lambda: receive(order, levels, 10, (0, 6)))

    assert rule == "CannotReceiveMoreThanOrdered"
    assert order.received(order.lines[0].id) == Decimal(105)
    assert order.status is S.RECEIVED
    assert levels[order.lines[0].product_id].on_hand == Decimal(105)


def test_the_same_line_twice_in_one_receipt_counts_as_its_sum() -> None:
    order, levels = ordered(100)

    rule = refusal(lambda: order.receive(
        number="GR-1", warehouse_id=MAIN, quantities={order.lines[0].id: Decimal(101)}, tolerances={},
        levels=levels, rate=Decimal(1), branch_currency=EUR, at=AT, actor=ACTOR))

    assert rule == "CannotReceiveMoreThanOrdered"
    assert order.receipts == []


def test_one_over_received_line_does_not_make_the_order_received() -> None:
    order, levels = ordered(1, 1, 1)

    receive(order, levels, 200, (0, 3))

    assert order.status is S.PARTIALLY_RECEIVED
    assert order.receipt_status() is ReceiptStatus.PARTIAL
    assert [order.line_receipt_status(line_) for line_ in order.lines] == [
        ReceiptStatus.RECEIVED, ReceiptStatus.NOTHING, ReceiptStatus.NOTHING]


def test_a_receipt_values_stock_at_the_net_unit_cost_converted_to_the_branch_currency() -> None:
    order, levels = ordered(10, price="2.50")
    level = levels[order.lines[0].product_id]

    order.receive(number="GR-1", warehouse_id=MAIN, quantities={order.lines[0].id: Decimal(4)}, tolerances={},
                  levels=levels, rate=Decimal("1.08"), branch_currency=EUR, at=AT, actor=ACTOR)

    assert level.value == Decimal("10.80")
    assert level.new_movements[0].kind is MovementKind.RECEIPT
    assert order.events[-2] == GoodsReceived(aggregate_id=order.id, occurred_at=AT, number=order.number,
                                             receipt_number="GR-1", warehouse_id=MAIN,
                                             lines=((order.lines[0].id, Decimal(4)),), value=Decimal("10.80"))


def test_a_receipt_keeps_an_inverse_rate_to_six_decimals_and_values_the_stock_at_it() -> None:
    order, levels = ordered(10, price="155.00")

    receipt = order.receive(number="GR-1", warehouse_id=MAIN, quantities={order.lines[0].id: Decimal(10)},
                            tolerances={}, levels=levels, rate=Decimal(1) / Decimal("1.08"), branch_currency=EUR,
                            at=AT, actor=ACTOR)

    assert receipt.rate == Decimal("0.925926")  # 1 USD in EUR when 1 EUR = 1.08 USD: what the store keeps
    assert receipt.lines[0].value == Decimal("1435.19")  # 10 x 155.00 x 0.925926 = 1,435.1853


def test_closing_short_leaves_nothing_open_and_the_receipt_status_is_not_received() -> None:
    order, levels = ordered(100)
    receive(order, levels, 0, (0, 60))
    with pytest.raises(InvalidValue) as missing:
        order.close(AT, ACTOR)

    order.close(AT, ACTOR, "supplier out of stock")

    assert missing.value.field == "reason"
    assert order.status is S.CLOSED
    assert order.open_quantity(order.lines[0]) == 0
    assert order.receipt_status() is ReceiptStatus.CLOSED_SHORT
    assert refusal(lambda: receive(order, levels, 0, (0, 1))) == "PurchaseOrderMustBeOrdered"


def test_an_order_with_a_receipt_is_not_cancelled_but_its_remainder_is_closed() -> None:
    order, levels = ordered(10)
    receive(order, levels, 0, (0, 1))

    rule = refusal(lambda: order.cancel(AT, ACTOR))
    order.close(AT, ACTOR, "enough")

    assert rule == "PurchaseOrderHasReceipts"
    assert order.status is S.CLOSED


def test_an_order_with_a_billed_quantity_is_not_cancelled() -> None:
    order, _ = ordered(10)
    order.lines[0].billed = Decimal(2)

    assert refusal(lambda: order.cancel(AT, ACTOR)) == "PurchaseOrderHasReceipts"


def test_a_return_to_the_supplier_takes_out_what_the_receipts_brought_in_and_lowers_received() -> None:
    order, levels = ordered(100)
    level = levels[order.lines[0].product_id]
    receive(order, levels, 10, (0, 60))
    receive(order, levels, 10, (0, 45))

    give_back(order, levels, 0, 5)

    assert order.received(order.lines[0].id) == Decimal(100)
    assert (level.on_hand, level.value) == (Decimal(100), Decimal("1000.00"))
    assert level.new_movements[-1].kind is MovementKind.SUPPLIER_RETURN
    assert isinstance(order.events[-1], GoodsReturnedToSupplier)
    assert order.status is S.RECEIVED
    assert refusal(lambda: give_back(order, levels, 0, 101)) == "CannotReturnMoreThanReceived"


def test_returning_below_the_ordered_quantity_makes_a_received_order_partially_received_again() -> None:
    order, levels = ordered(10)
    receive(order, levels, 0, (0, 10))

    give_back(order, levels, 0, 3)

    assert order.status is S.PARTIALLY_RECEIVED
    assert order.open_quantity(order.lines[0]) == Decimal(3)


def test_the_per_product_tolerance_wins_over_the_branch_default() -> None:
    settings = ProcurementSettings(id="branch", over_receipt_percent=Decimal(5))
    settings.set_tolerance("p1", Decimal(20), new_id())

    assert (settings.tolerance("p1"), settings.tolerance("p2")) == (Decimal(20), Decimal(5))
    settings.set_tolerance("p1", None, new_id())
    assert settings.tolerance("p1") == Decimal(5)
    with pytest.raises(InvalidValue):
        ProcurementSettings(id="b", approval_threshold=Decimal(0))


@given(st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=6),
       st.integers(min_value=0, max_value=50))
def test_received_never_exceeds_the_tolerance_whatever_the_receipts(receipts: list[int], tolerance: int) -> None:
    order, levels = ordered(50, price="3.33")
    line_ = order.lines[0]

    for quantity in receipts:
        refusal(lambda q=quantity: receive(order, levels, tolerance, (0, q)))  # type: ignore[misc]

    received = order.received(line_.id)
    assert received <= 50 * (1 + Decimal(tolerance) / 100)
    assert levels[line_.product_id].on_hand == received
    assert (order.status is S.RECEIVED) is (received >= 50)
    assert order.status in (S.ORDERED, S.PARTIALLY_RECEIVED, S.RECEIVED)

