"""peers.md 6d case 8 through `system.report`: over random histories of receipts at random costs, goods issues,
customer returns, adjustments and production (components consumed, finished goods made with labour and overhead),
the stock valuation report's total at any day equals the inventory account's balance at that day, its rows are the
sums of the movements up to the day's end, and grouping by warehouse or branch moves no cent. Here in memory;
`tests/integration/test_stock_reports_properties_on_sql.py` runs the same histories on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal

from attrs import define, frozen
from hypothesis import currently_in_test_context, event, given, settings
from hypothesis import strategies as st

import oms
from oms.application.accounting.queries import trial_balance
from oms.application.masterdata.lookups import product_by_sku, warehouse_by_code
from oms.application.reports.stock_scope import end_of
from oms.ports.unit_of_work import UnitOfWorkFactory
from tests.unit.domain.builders import refusal
from tests.unit.domain.conftest import seeded_system
from tests.unit.domain.test_valuation_properties import EXPECTED, SKUS, WAREHOUSES, Store, weighted

INVENTORY_ACCOUNT = "1300"  # the default chart's
MADE = "P3"


@frozen
class Make:
    """A work order for `quantity` of P3 (2 P1 and 1 P2 each, half an hour at 20.00, 1.25 overhead) in a
    warehouse, released, made whole and closed (cancelled when its components are short); `supply_cents`: its
    components received first at that unit cost in cents (None: made from what is there)."""

    warehouse: str
    quantity: int
    supply_cents: int | None = None


Step = object
makes = st.builds(Make, st.sampled_from(WAREHOUSES), st.integers(1, 3), st.one_of(st.none(), st.integers(0, 5_000)))
steps: st.SearchStrategy[Step] = st.sampled_from([*weighted, makes, makes]).flatmap(lambda strategy: strategy)


def plant(clock: oms.FixedClock, uow_factory: UnitOfWorkFactory | None = None) -> oms.OrderManagement:
    """`seeded_system` with P3, made from P1 and P2 (in memory unless `uow_factory` is given)."""
    system = seeded_system(clock, uow_factory)
    system.handle(oms.CreateProduct(sku=MADE, name="Assembly", price="40.00", currency="EUR"))
    system.handle(oms.CreateBom(sku=MADE, components=(oms.ComponentInput(sku="P1", quantity="2"),
                                                      oms.ComponentInput(sku="P2", quantity="1")),
                                operations=(oms.OperationInput(name="Assemble", hours="0.5", rate="20.00"),),
                                overhead_per_unit="1.25"))
    return system


@define
class Books(Store):
    """The valuation store of `test_valuation_properties`, that also makes P3."""

    def run(self, step: Step) -> None:
        if not isinstance(step, Make):
            super().run(step)  # type: ignore[arg-type]
            return
        rule = refusal(lambda: self._make(step))
        assert rule is None or rule in EXPECTED | {"ComponentsMustBeAvailable"}, rule
        if currently_in_test_context():
            event(f"Make {'refused' if rule else 'done'}")
        self.days.add(self.clock.now().date())

    def _make(self, step: Make) -> None:
        handle = self.system.handle
        if step.supply_cents is not None:
            for sku, each in (("P1", 2), ("P2", 1)):
                handle(oms.ReceiveStock(sku=sku, warehouse_code=step.warehouse, quantity=each * step.quantity,
                                        unit_cost=Decimal(step.supply_cents) / 100))
        order = handle(oms.CreateWorkOrder(sku=MADE, quantity=step.quantity, warehouse_code=step.warehouse,
                                           release=True))
        try:
            handle(oms.ReportOutput(order_id=order, quantity=step.quantity))
        except oms.BusinessRuleViolation:
            handle(oms.CancelWorkOrder(order_id=order, reason="short"))
            raise
        handle(oms.CloseWorkOrder(order_id=order))

    def check_valuation(self) -> None:
        movements = self.system.movements()
        codes = {self.system.read(warehouse_by_code, code).id: code for code in WAREHOUSES}
        skus = {self.system.read(product_by_sku, sku).id: sku for sku in (*SKUS, MADE)}
        for day in sorted(self.days):
            expected: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
            for m in movements:
                if m.at < end_of(day):
                    sums = expected[(m.product_id, codes[m.warehouse_id])]
                    sums[0] += m.quantity
                    sums[1] += m.value
            report = self.system.report("stock-valuation", oms.ReportRequest(as_of=day))
            by_branch = self.system.report("stock-valuation", oms.ReportRequest(as_of=day, by="branch"))
            books = self.system.read(trial_balance, until=day)
            inventory = sum((row.closing.amount for row in books.accounts if row.code == INVENTORY_ACCOUNT),
                            Decimal(0))

            assert report.totals is not None
            assert report.totals[4] == inventory
            assert {(row[0], row[1]): (row[3], row[4]) for row in report.rows} == {
                (skus[p], w): (q, v) for (p, w), (q, v) in expected.items() if q or v}  # none whose stock all left
            assert by_branch.totals is not None
            assert by_branch.totals[3] == inventory


def history_checks(system: oms.OrderManagement, clock: oms.FixedClock, story: list[Step]) -> None:
    books = Books(system, clock)
    for step in story:
        books.run(step)
    books.check_valuation()


START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@settings(max_examples=25, deadline=None)
@given(story=st.lists(steps, min_size=5, max_size=25))
def test_the_stock_valuation_total_equals_the_inventory_account_at_any_day_of_a_random_history(
        story: list[Step]) -> None:
    clock = oms.FixedClock(START)

    history_checks(plant(clock), clock, story)


def test_a_history_with_production_values_the_made_goods_at_their_components_labour_and_overhead() -> None:
    clock = oms.FixedClock(START)
    system = plant(clock)
    system.handle(oms.ReceiveStock(sku="P1", warehouse_code="A", quantity="4", unit_cost="3.00"))
    system.handle(oms.ReceiveStock(sku="P2", warehouse_code="A", quantity="2", unit_cost="5.00"))

    history_checks(system, clock, [Make("A", 2)])
    table = system.report("stock-valuation", oms.ReportRequest(as_of=date(2026, 3, 2)))

    assert table.rows == (("P3", "A", "EUR", Decimal(2), Decimal("44.50"), Decimal("22.25")),)  # 2 x (11 + 10 + 1.25)
