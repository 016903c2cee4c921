"""Stock ledger properties: whatever happens, on_hand is the sum of the movements, reserved the sum of the open
reservations, and available is never negative."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial

from attrs import define, field, frozen
from hypothesis import given, settings
from hypothesis import strategies as st

import oms

from .builders import ACTOR, AT, EUR, MAIN, OVERFLOW, line, make_inventory, make_order, make_product, refusal, reserved

SKUS = ("P1", "P2")
WAREHOUSES = ("A", "B")


@frozen
class Receive:
    sku: str
    warehouse: str
    quantity: int


@frozen
class PlaceOrder:
    """Create an order and confirm it; all-or-nothing unless it allows backorders."""

    lines: tuple[tuple[str, int], ...]
    allow_backorder: bool


@frozen
class Issue:
    order: int  # which of the orders placed so far (modulo their number)
    warehouse: str
    quantities: tuple[int, ...]  # per line, capped at what it still has to ship; 0 leaves the line out


@frozen
class Cancel:
    order: int


@frozen
class Adjust:
    sku: str
    warehouse: str
    change: int


@frozen
class ReserveBackorders:
    order: int


@frozen
class Hold:
    order: int


@frozen
class Release:
    order: int


Step = Receive | PlaceOrder | Issue | Cancel | Adjust | ReserveBackorders | Hold | Release

skus = st.sampled_from(SKUS)
warehouses = st.sampled_from(WAREHOUSES)
orders = st.integers(0, 50)
receipts = st.builds(Receive, skus, warehouses, st.integers(1, 20))
placements = st.builds(PlaceOrder, st.lists(st.tuples(skus, st.integers(1, 10)), min_size=1, max_size=3).map(tuple),
                       st.booleans())
issues = st.builds(Issue, orders, warehouses, st.lists(st.integers(0, 10), min_size=3, max_size=3).map(tuple))
# Receipts, orders and issues come three times as often as the rest, so stories reach deep into the flow.
weighted: list[st.SearchStrategy[Step]] = [
    receipts, placements, issues, receipts, placements, issues, receipts, placements, issues,
    st.builds(Cancel, orders),
    st.builds(Adjust, skus, warehouses, st.integers(-10, 10).filter(bool)),
    st.builds(ReserveBackorders, orders),
    st.builds(Hold, orders),
    st.builds(Release, orders),
]
steps: st.SearchStrategy[Step] = st.sampled_from(weighted).flatmap(lambda strategy: strategy)

# What a random step may run into; any other refusal is a defect.
ISSUABLE = frozenset({oms.SalesOrderStatus.CONFIRMED, oms.SalesOrderStatus.PARTIALLY_ISSUED})
EXPECTED_REFUSALS = {"StockMustBeAvailable", "StockMustNotGoNegative", "SalesOrderMustBeConfirmed",
                     "SalesOrderMustNotBeIssued", "SalesOrderMustBeOpen", "SalesOrderMustBeOnHold"}


@define
class Shop:
    """Runs steps through the public API and checks the stock ledger after each."""

    system: oms.OrderManagement
    order_ids: list[str] = field(factory=list)

    def run(self, step: Step) -> None:
        rule = refusal(lambda: self._run(step))
        assert rule is None or rule in EXPECTED_REFUSALS, rule

    def _order(self, index: int, among: frozenset[oms.SalesOrderStatus] | None = None) -> oms.SalesOrder | None:
        """The index-th order placed (modulo), or of those in a status in `among`."""
        candidates = [order for order in map(self.system.sales_order, self.order_ids)
                      if among is None or order.status in among]
        return candidates[index % len(candidates)] if candidates else None

    def _run(self, step: Step) -> None:
        handle = self.system.handle
        if isinstance(step, Receive):
            handle(oms.ReceiveStock(sku=step.sku, warehouse_code=step.warehouse, quantity=step.quantity))
        elif isinstance(step, Adjust):
            handle(oms.AdjustStock(sku=step.sku, warehouse_code=step.warehouse, quantity=step.change, reason="count"))
        elif isinstance(step, PlaceOrder):
            order_id = handle(oms.CreateSalesOrder(
                customer_code="C", branch_code="HQ", allow_backorder=step.allow_backorder,
                lines=tuple(oms.LineInput(sku=sku, quantity=quantity) for sku, quantity in step.lines)))
            self.order_ids.append(order_id)
            handle(oms.ConfirmSalesOrder(order_id=order_id))
        elif isinstance(step, Issue):
            if (order := self._order(step.order, ISSUABLE)) is None:
                return
            lines = tuple(oms.IssueLine(line_id=item.id, quantity=min(Decimal(quantity), item.remaining))
                          for item, quantity in zip(order.lines, step.quantities, strict=False)
                          if min(Decimal(quantity), item.remaining) > 0)
            if lines:
                handle(oms.IssueGoods(order_id=order.id, warehouse_code=step.warehouse, lines=lines))
        elif (order := self._order(step.order)) is not None:
            commands: dict[type[Step], Callable[[str], oms.Command[object]]] = {
                Cancel: lambda ref: oms.CancelSalesOrder(order_id=ref),
                ReserveBackorders: lambda ref: oms.ReserveBackorders(order_id=ref),
                Hold: lambda ref: oms.HoldSalesOrder(order_id=ref),
                Release: lambda ref: oms.ReleaseSalesOrder(order_id=ref),
            }
            handle(commands[type(step)](order.id))

    def check_ledger(self) -> None:
        placed = [self.system.sales_order(order_id) for order_id in self.order_ids]
        reservations = [reservation for order in placed for reservation in order.reservations]
        for sku in SKUS:
            movements = self.system.movements(sku)
            levels = self.system.stock(sku)
            assert {m.warehouse_id for m in movements} <= {level.warehouse_id for level in levels}
            for level in levels:
                here = (level.product_id, level.warehouse_id)
                assert level.on_hand == sum((m.quantity for m in movements
                                             if (m.product_id, m.warehouse_id) == here), Decimal(0))
                assert level.reserved == sum((r.open for r in reservations
                                              if (r.product_id, r.warehouse_id) == here), Decimal(0))
                assert level.available >= 0
        assert all(r.open >= 0 for r in reservations)
        assert all(order.open_reserved(item.id) <= item.remaining for order in placed for item in order.lines)


@settings(max_examples=150, deadline=None)
@given(story=st.lists(steps, min_size=5, max_size=30))
def test_random_receipts_reservations_issues_and_cancellations_keep_the_stock_ledger_exact(
        new_system: Callable[[], oms.OrderManagement], story: list[Step]) -> None:
    shop = Shop(new_system())

    for step in story:
        shop.run(step)
        shop.check_ledger()


@settings(max_examples=150, deadline=None)
@given(in_main=st.integers(0, 10), in_overflow=st.integers(0, 10), first=st.integers(1, 10),
       second=st.integers(1, 10))
def test_two_lines_of_the_same_product_reserve_together_or_not_at_all(in_main: int, in_overflow: int, first: int,
                                                                     second: int) -> None:
    desk = make_product("DESK")
    inventory = make_inventory([desk], {("DESK", MAIN): in_main, ("DESK", OVERFLOW): in_overflow})
    order = make_order(line(desk, first), line(desk, second))

    rule = refusal(lambda: order.confirm(inventory, AT, ACTOR))

    assert rule in (None, "StockMustBeAvailable")
    if first + second <= in_main + in_overflow:
        assert [order.open_reserved(item.id) for item in order.lines] == [first, second]
        assert reserved(inventory, desk)[MAIN] == min(in_main, first + second)
    else:
        assert order.reservations == []
        assert sum(reserved(inventory, desk).values()) == 0
    assert all(inventory.level(desk.id, warehouse).available >= 0 for warehouse in (MAIN, OVERFLOW))


# Receive into, or ship from, either warehouse (capped at what is left), or reserve backorders.
ONE_ORDER_STEPS = st.tuples(st.sampled_from(["receive", "issue", "reserve backorders"]),
                            st.sampled_from([MAIN, OVERFLOW]), st.integers(1, 10))


@settings(max_examples=200, deadline=None)
@given(in_main=st.integers(0, 10), in_overflow=st.integers(0, 10), quantity=st.integers(1, 15),
       allow_backorder=st.booleans(), story=st.lists(ONE_ORDER_STEPS, max_size=10))
def test_an_order_shipped_from_any_warehouse_never_holds_more_reserved_than_it_has_left_to_ship(
        in_main: int, in_overflow: int, quantity: int, allow_backorder: bool,
        story: list[tuple[str, str, int]]) -> None:
    desk = make_product("DESK")
    inventory = make_inventory([desk], {("DESK", MAIN): in_main, ("DESK", OVERFLOW): in_overflow})
    order = make_order(line(desk, quantity), allow_backorder=allow_backorder)
    item = order.lines[0]
    if refusal(lambda: order.confirm(inventory, AT, ACTOR)) is not None:
        return  # not enough stock and no backorders: covered by the test above

    for number, (action, warehouse, amount) in enumerate(story):
        level = inventory.level(desk.id, warehouse)
        if action == "receive":
            level.receive(Decimal(amount), f"GR-{number}", AT, ACTOR, currency=EUR)
        elif action == "reserve backorders":
            rule = refusal(partial(order.reserve_backorders, inventory, AT))
            assert rule in (None, "SalesOrderMustBeConfirmed")  # nothing left to ship
        elif item.remaining:
            rule = refusal(partial(order.issue_goods, number=f"GI-{number}", warehouse_id=warehouse,
                                   inventory=inventory, at=AT, actor=ACTOR,
                                   quantities={item.id: min(Decimal(amount), item.remaining)}))
            assert rule in (None, "StockMustBeAvailable")

        assert order.open_reserved(item.id) <= item.remaining
        for each in inventory.levels.values():
            assert each.on_hand == sum((m.quantity for m in each.new_movements), Decimal(0))
            assert each.reserved == order.open_reserved(item.id, each.warehouse_id)
            assert each.available >= 0
