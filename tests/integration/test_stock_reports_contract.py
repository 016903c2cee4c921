"""Stock reports on memory, SQLite and PostgreSQL through the Python API (`system.report`): stock valuation at a
day per product and warehouse, per warehouse and per branch, equal to the inventory account at every day; slow
movers at a day, most value first; stock cover now, what runs out first first; filters and currencies; a
production's consumption counts as a goods issue, a count does not."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import oms
from oms.application.accounting.queries import trial_balance
from tests.unit.application.test_stock_reports_properties import START, plant

from .integration_helpers import Backend, seed_master_data

D = Decimal
INVENTORY_ACCOUNT = "1300"


def _at(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), UTC).replace(hour=9)


def _ship(system: oms.OrderManagement, sku: str, quantity: str, warehouse: str) -> None:
    order_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True,
                                                  lines=(oms.LineInput(sku=sku, quantity=quantity),)))
    line = system.sales_order(order_id).lines[0]
    system.handle(oms.IssueGoods(order_id=order_id, warehouse_code=warehouse,
                                 lines=(oms.IssueLine(line_id=line.id, quantity=quantity),)))


def stocked(backend: Backend) -> tuple[oms.OrderManagement, oms.FixedClock]:
    """WIDGET in BER-A: 10 @ 2.00 on Jan 5, 10 @ 3.00 on Jan 10, 4 issued on Feb 1, 6 on May 20 (10 left, 25.00);
    GADGET in BER-B: 4 @ 10.00 on Jan 5, 2 @ 13.00 on Mar 1 (66.00), never issued, 2 reserved on May 25.
    Today is Jun 1, 2026."""
    clock = oms.FixedClock(_at(date(2026, 1, 5)))
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=clock)
    seed_master_data(system)
    handle = system.handle
    handle(oms.ReceiveStock(sku="WIDGET", warehouse_code="BER-A", quantity="10", unit_cost="2.00"))
    handle(oms.ReceiveStock(sku="GADGET", warehouse_code="BER-B", quantity="4", unit_cost="10.00"))
    clock.current = _at(date(2026, 1, 10))
    handle(oms.ReceiveStock(sku="WIDGET", warehouse_code="BER-A", quantity="10", unit_cost="3.00"))
    clock.current = _at(date(2026, 2, 1))
    _ship(system, "WIDGET", "4", "BER-A")
    clock.current = _at(date(2026, 3, 1))
    handle(oms.ReceiveStock(sku="GADGET", warehouse_code="BER-B", quantity="2", unit_cost="13.00"))
    clock.current = _at(date(2026, 5, 20))
    _ship(system, "WIDGET", "6", "BER-A")
    clock.current = _at(date(2026, 5, 25))
    handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True,
                                lines=(oms.LineInput(sku="GADGET", quantity="2"),)))
    clock.current = _at(date(2026, 6, 1))
    return system, clock


def _inventory(system: oms.OrderManagement, day: date) -> Decimal:
    books = system.read(trial_balance, until=day)
    return sum((row.closing.amount for row in books.accounts if row.code == INVENTORY_ACCOUNT), D(0))


def test_stock_valuation_at_a_day_is_the_movements_up_to_its_end_and_equals_the_inventory_account(
        backend: Backend) -> None:
    system, _ = stocked(backend)

    days = {day: system.report("stock-valuation", oms.ReportRequest(as_of=day))
            for day in (date(2026, 1, 4), date(2026, 1, 31), date(2026, 2, 1), date(2026, 6, 1))}

    assert days[date(2026, 1, 4)].rows == ()
    assert days[date(2026, 1, 31)].rows == (("GADGET", "BER-B", "EUR", D(4), D("40.00"), D("10.000000")),
                                            ("WIDGET", "BER-A", "EUR", D(20), D("50.00"), D("2.500000")))
    assert days[date(2026, 2, 1)].column("value") == [D("40.00"), D("40.00")]
    assert days[date(2026, 6, 1)].rows == (("GADGET", "BER-B", "EUR", D(6), D("66.00"), D(11)),
                                           ("WIDGET", "BER-A", "EUR", D(10), D("25.00"), D("2.5")))
    for day, table in days.items():
        assert table.totals is not None
        assert table.totals[4] == _inventory(system, day)
        assert table.currency == "EUR"
    assert days[date(2026, 6, 1)].totals == ("Total", None, "EUR", None, D("91.00"), None)
    assert "inventory account" in days[date(2026, 6, 1)].basis


def test_stock_valuation_by_warehouse_and_by_branch_counts_products_and_adds_their_values(backend: Backend) -> None:
    system, _ = stocked(backend)

    by_warehouse = system.report("stock-valuation", oms.ReportRequest(by="warehouse", as_of=date(2026, 3, 1)))
    by_branch = system.report("stock-valuation", oms.ReportRequest(by="branch"))

    assert by_warehouse.rows == (("BER-A", "EUR", 1, D("40.00")), ("BER-B", "EUR", 1, D("66.00")))
    assert by_warehouse.totals == ("Total", "EUR", 2, D("106.00"))
    assert by_branch.rows == (("BER", "EUR", 2, D("91.00")),)
    assert by_branch.chart is not None
    assert by_branch.chart.x == "branch"


def test_stock_reports_filter_by_warehouse_product_and_branch_and_never_add_currencies(backend: Backend) -> None:
    system, _ = stocked(backend)
    system.handle(oms.CreateBranch(code="LON", name="London", currency="GBP", tax_jurisdiction="GB"))
    system.handle(oms.CreateWarehouse(code="LON-A", name="London A", branch_code="LON"))
    system.handle(oms.ReceiveStock(sku="WIDGET", warehouse_code="LON-A", quantity="3", unit_cost="1.50"))

    everything = system.report("stock-valuation")
    berlin = system.report("stock-valuation", oms.ReportRequest(branch="BER"))
    one_warehouse = system.report("stock-valuation", oms.ReportRequest(warehouse="BER-B"))
    one_product = system.report("stock-valuation", oms.ReportRequest(product="WIDGET", by="warehouse"))
    elsewhere = system.report("stock-valuation", oms.ReportRequest(branch="LON", warehouse="BER-A"))

    assert everything.currency is None
    assert everything.totals is None
    assert everything.column("currency") == ["EUR", "EUR", "GBP"]
    assert (berlin.currency, berlin.totals) == ("EUR", ("Total", None, "EUR", None, D("91.00"), None))
    assert one_warehouse.column("product") == ["GADGET"]
    assert one_product.rows == (("BER-A", "EUR", 1, D("25.00")), ("LON-A", "GBP", 1, D("4.50")))
    assert elsewhere.rows == ()
    assert elsewhere.totals == ("Total", None, "GBP", None, D(0), None)


def test_the_stock_reports_filter_by_category_counting_only_that_categorys_products(backend: Backend) -> None:
    system, _ = stocked(backend)
    system.handle(oms.UpdateProduct(sku="GADGET", category="electronics"))
    electronics = oms.ReportRequest(category="electronics")

    valuation = system.report("stock-valuation", electronics)
    slow = system.report("slow-movers", electronics)
    cover = system.report("stock-cover", electronics)
    none = system.report("stock-valuation", oms.ReportRequest(category="toys"))
    with_product = system.report("stock-cover", oms.ReportRequest(category="electronics", product="WIDGET"))

    assert valuation.column("product") == ["GADGET"]
    assert valuation.totals == ("Total", None, "EUR", None, D("66.00"), None)
    assert slow.column("product") == ["GADGET"]
    assert cover.column("product") == ["GADGET"]
    assert ("category", "electronics") in valuation.filters
    assert none.rows == ()
    assert with_product.rows == ()


def test_slow_movers_are_stock_without_an_issue_for_ninety_days_most_value_first(backend: Backend) -> None:
    system, _ = stocked(backend)

    may_15 = system.report("slow-movers", oms.ReportRequest(as_of=date(2026, 5, 15)))
    april_10 = system.report("slow-movers", oms.ReportRequest(as_of=date(2026, 4, 10)))
    today = system.report("slow-movers")

    assert may_15.rows == (("GADGET", "BER-B", "EUR", D(6), D("66.00"), None, 130),
                           ("WIDGET", "BER-A", "EUR", D(16), D("40.00"), date(2026, 2, 1), 103))
    assert may_15.totals == ("Total", None, "EUR", None, D("106.00"), None, None)
    assert april_10.column("product") == ["GADGET"]  # WIDGET issued 68 days before; GADGET first in 95 days before
    assert today.column("product") == ["GADGET"]  # WIDGET issued on May 20
    assert "90 days" in today.basis


def test_stock_cover_divides_what_is_available_by_the_pace_of_the_last_thirty_days_shortest_first(
        backend: Backend) -> None:
    system, _ = stocked(backend)

    cover = system.report("stock-cover")
    gadgets = system.report("stock-cover", oms.ReportRequest(product="GADGET"))

    assert cover.rows == (("WIDGET", "BER-A", D(10), D(0), D(10), D(6), D("0.2"), D("50.0")),
                          ("GADGET", "BER-B", D(6), D(2), D(4), D(0), D(0), None))
    assert gadgets.column("product") == ["GADGET"]


def test_consumption_by_production_is_a_goods_issue_and_a_count_is_not(backend: Backend) -> None:
    clock = oms.FixedClock(START)
    system = plant(clock, backend.uow_factory)
    system.handle(oms.ReceiveStock(sku="P1", warehouse_code="A", quantity="30", unit_cost="1.00"))
    system.handle(oms.ReceiveStock(sku="P2", warehouse_code="A", quantity="10", unit_cost="2.00"))
    clock.advance(timedelta(days=100))
    order = system.handle(oms.CreateWorkOrder(sku="P3", quantity="3", warehouse_code="A", release=True))
    system.handle(oms.ReportOutput(order_id=order, quantity="3"))
    system.handle(oms.AdjustStock(sku="P2", warehouse_code="A", quantity="-1", reason="count"))
    clock.advance(timedelta(days=1))

    slow = system.report("slow-movers")
    cover = system.report("stock-cover")

    assert slow.rows == ()  # P1 and P2 consumed yesterday, P3 made yesterday
    assert [(row[0], row[5]) for row in cover.rows] == [("P2", D(3)), ("P1", D(6)), ("P3", D(0))]
    assert cover.column("cover_days") == [D("60.0"), D("120.0"), None]  # 6 left at 3 in 30 days; 24 at 6
