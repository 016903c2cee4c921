"""Stock valuation and customer returns on memory, SQLite and PostgreSQL: values, unit costs, the cost of goods
issued and return receipts come back as stored, and the valuation report sums the movements exactly."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import oms

from .integration_helpers import Backend, check_ledger, seed_master_data, snapshot


def test_values_costs_and_returns_round_trip_and_the_report_sums_the_movements_exactly(backend: Backend) -> None:
    clock = oms.FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=clock)
    seed_master_data(system)
    system.handle(oms.ReceiveStock(sku="WIDGET", warehouse_code="BER-A", quantity="3", unit_cost="10.333333"))
    clock.advance(timedelta(days=1))
    system.handle(oms.ReceiveStock(sku="WIDGET", warehouse_code="BER-A", quantity="1", unit_cost="0.01"))
    order_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True,
                                                  lines=(oms.LineInput(sku="WIDGET", quantity="3"),)))
    line = system.sales_order(order_id).lines[0]
    system.handle(oms.IssueGoods(order_id=order_id, warehouse_code="BER-A",
                                 lines=(oms.IssueLine(line_id=line.id, quantity="3"),)))
    number = system.handle(oms.AuthoriseReturn(order_id=order_id, line_id=line.id, quantity="2", reason="broken"))
    system.handle(oms.ReceiveReturn(order_id=order_id, return_number=number, warehouse_code="BER-B", quantity="1"))

    order = system.sales_order(order_id)
    again = system.sales_order(order.number)
    level = next(level for level in system.stock("WIDGET") if level.warehouse_id == order.goods_issues[0].warehouse_id)
    first_day = system.read(oms.stock_valuation, at=date(2026, 3, 2))
    now = system.read(oms.stock_valuation)

    assert snapshot(again) == snapshot(order)
    assert order.goods_issues[0].lines[0].value == Decimal("23.26")  # 3 of 4 worth 31.01
    assert [(r.quantity, r.value) for r in order.returns[0].receipts] == [(Decimal(1), Decimal("7.75"))]
    assert (order.lines[0].quantity_returned, order.lines[0].delivered) == (Decimal(1), Decimal(2))
    assert (level.on_hand, level.value, level.unit_cost) == (Decimal(1), Decimal("7.75"), Decimal("7.75"))
    assert [(w.warehouse_code, w.total.amount) for w in first_day.warehouses] == [("BER-A", Decimal("31.00"))]
    assert [(w.warehouse_code, w.total.amount) for w in now.warehouses] == [("BER-A", Decimal("7.75")),
                                                                            ("BER-B", Decimal("7.75"))]
    assert [t.amount for t in now.totals] == [Decimal("15.50")]
    check_ledger(backend.uow_factory())
