"""Stock valuation properties over random histories of receipts at random costs, goods issues, adjustments of both
signs and customer returns: quantities and values never go negative, nothing on hand is worth nothing, a level's
value is the sum of its movements' values (value in - value out = value on hand), the valuation report at any day
equals the sums of the movements up to that day's end and the inventory account's balance on that day (the journal
entries the movements posted), and returns never give back more than was issued."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from attrs import define, field, frozen
from hypothesis import event, given, settings
from hypothesis import strategies as st

import oms
from oms.application.accounting.queries import trial_balance
from oms.application.masterdata.lookups import product_by_sku, warehouse_by_code
from oms.application.stock.valuation import end_of

from .builders import refusal

SKUS, WAREHOUSES = ("P1", "P2"), ("A", "B")
INVENTORY_ACCOUNT = "1300"  # the default chart's


@frozen
class Receive:
    """`cents`: the unit cost in cents; None: valued at the average."""

    sku: str
    warehouse: str
    quantity: int
    cents: int | None


@frozen
class Ship:
    sku: str
    warehouse: str
    quantity: int


@frozen
class Adjust:
    sku: str
    warehouse: str
    change: int
    cents: int | None


@frozen
class Return:
    order: int
    warehouse: str
    quantity: int


@frozen
class Wait:
    hours: int


Step = Receive | Ship | Adjust | Return | Wait
skus, warehouses = st.sampled_from(SKUS), st.sampled_from(WAREHOUSES)
costs = st.one_of(st.none(), st.integers(0, 10_000))
receipts = st.builds(Receive, skus, warehouses, st.integers(1, 7), costs)
shipments = st.builds(Ship, skus, warehouses, st.integers(1, 5))
returns = st.builds(Return, st.integers(0, 20), warehouses, st.integers(1, 3))
# Receipts, shipments and returns come twice as often as the rest, so histories reach returns of costed goods.
weighted: list[st.SearchStrategy[Step]] = [
    receipts, shipments, returns, receipts, shipments, returns,
    st.builds(Adjust, skus, warehouses, st.sampled_from([-4, -3, -2, -1, 1, 2, 3, 4]), costs),
    st.builds(Wait, st.integers(1, 40)),
]
steps: st.SearchStrategy[Step] = st.sampled_from(weighted).flatmap(lambda strategy: strategy)
EXPECTED = {"StockMustBeAvailable", "StockMustNotGoNegative", "CannotReturnMoreThanDelivered"}


@define
class Store:
    system: oms.OrderManagement
    clock: oms.FixedClock
    orders: list[str] = field(factory=list)
    days: set[date] = field(factory=set)

    def run(self, step: Step) -> None:
        rule = refusal(lambda: self._run(step))
        assert rule is None or rule in EXPECTED, rule
        event(f"{type(step).__name__} {'refused' if rule else 'done'}")
        self.days.add(self.clock.now().date())

    def _run(self, step: Step) -> None:
        handle = self.system.handle
        cost = None if isinstance(step, Wait | Ship | Return) or step.cents is None else Decimal(step.cents) / 100
        if isinstance(step, Wait):
            self.clock.advance(timedelta(hours=step.hours))
        elif isinstance(step, Receive):
            handle(oms.ReceiveStock(sku=step.sku, warehouse_code=step.warehouse, quantity=step.quantity,
                                    unit_cost=cost))
        elif isinstance(step, Adjust):
            handle(oms.AdjustStock(sku=step.sku, warehouse_code=step.warehouse, quantity=step.change, reason="count",
                                   unit_cost=cost))
        elif isinstance(step, Ship):  # an order, shipped from the warehouse it reserved in first
            order_id = handle(oms.CreateSalesOrder(customer_code="C", branch_code="HQ", allow_backorder=True,
                                                   confirm=True,
                                                   lines=(oms.LineInput(sku=step.sku, quantity=step.quantity),)))
            order = self.system.sales_order(order_id)
            if not order.reservations:
                event("Ship of nothing")
                return
            first = order.reservations[0]
            warehouse = self.system.read(lambda uow: uow.masterdata.warehouses.get(first.warehouse_id)).code
            self.orders.append(order_id)
            handle(oms.IssueGoods(order_id=order_id, warehouse_code=warehouse,
                                  lines=(oms.IssueLine(line_id=first.line_id, quantity=first.open),)))
        elif not self.orders:
            event("Return of nothing")
        else:
            order = self.system.sales_order(self.orders[step.order % len(self.orders)])
            number = handle(oms.AuthoriseReturn(order_id=order.id, line_id=order.lines[0].id,
                                                quantity=step.quantity, reason="returned"))
            handle(oms.ReceiveReturn(order_id=order.id, return_number=number, warehouse_code=step.warehouse))

    def check(self) -> None:
        for sku in SKUS:
            movements = self.system.movements(sku)
            for level in self.system.stock(sku):
                here = [m for m in movements if m.warehouse_id == level.warehouse_id]
                assert level.on_hand >= 0
                assert level.value >= 0
                assert level.value == 0 or level.on_hand > 0
                assert level.value == sum((m.value for m in here), Decimal(0))
                assert sum((m.value for m in here if m.value > 0), Decimal(0)) + sum(
                    (m.value for m in here if m.value < 0), Decimal(0)) == level.value
        for order in map(self.system.sales_order, self.orders):
            for line in order.lines:
                issued, cost = order.issued_cost(line.id)
                back = sum((r.value for ret in order.returns for r in ret.receipts), Decimal(0))
                assert 0 <= back <= cost
                assert line.delivered >= 0
                if line.quantity_returned == issued:
                    assert back == cost  # everything returned gives back exactly the cost of the goods issued

    def check_report(self) -> None:
        movements = self.system.movements()
        names = {self.system.read(warehouse_by_code, code).id: code for code in WAREHOUSES}
        skus = {self.system.read(product_by_sku, sku).id: sku for sku in SKUS}
        for day in sorted(self.days):
            expected: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
            for m in movements:
                if m.at < end_of(day):
                    sums = expected[(m.product_id, names[m.warehouse_id])]
                    sums[0] += m.quantity
                    sums[1] += m.value
            wanted = {(skus[p], w): (q, v) for (p, w), (q, v) in expected.items() if q or v}
            report = self.system.read(oms.stock_valuation, at=day)
            shown = {(line.sku, view.warehouse_code): (line.quantity.value, line.value.amount)
                     for view in report.warehouses for line in view.lines}
            assert shown == wanted
            assert [total.amount for total in report.totals] == (
                [sum((v for _, v in wanted.values()), Decimal(0))] if wanted else [])
            books = self.system.read(trial_balance, until=day)
            inventory = [row.closing.amount for row in books.accounts if row.code == INVENTORY_ACCOUNT]
            assert sum(inventory, Decimal(0)) == sum((v for _, v in wanted.values()), Decimal(0))
            assert books.totals.debits == books.totals.credits


@settings(max_examples=60, deadline=None)
@given(story=st.lists(steps, min_size=5, max_size=30))
def test_random_histories_keep_stock_values_exact_and_the_report_equal_to_the_movements_and_the_inventory_account(
        new_system: Callable[[], oms.OrderManagement], story: list[Step]) -> None:
    system = new_system()
    clock = system.bus.clock
    assert isinstance(clock, oms.FixedClock)
    store = Store(system, clock)

    for step in story:
        store.run(step)
        store.check()

    store.check_report()
