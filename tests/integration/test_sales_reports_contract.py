"""The sales and gross margin reports on memory, SQLite and PostgreSQL through the Python API (`system.report`):
every basis (bookings, shipments, revenue) and every grouping over one history, the filters, a row per currency,
peers.md 6d case 5 (a return and its credit note in July change July's gross profit, not June's), and on SQL the
property of the unit tests (revenue by product, customer and period equal the revenue account) over fewer
random histories."""

from __future__ import annotations

import shutil
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import oms
from oms.adapters.sql import SqlDatabase
from tests.unit.application.test_sales_reports import STEP, WINDOW, check_revenue_and_cost, new_history, play

from .conftest import SQL_BACKENDS, empty_postgres
from .integration_helpers import Backend, seed_master_data

D = Decimal
JUNE, JULY = (date(2026, 6, 1), date(2026, 6, 30)), (date(2026, 7, 1), date(2026, 7, 31))
SUMMER = (date(2026, 6, 1), date(2026, 7, 31))
GROUPINGS = ("day", "week", "month", "quarter", "year", "product", "customer", "branch")


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 10, 0, tzinfo=UTC)


def _system(backend: Backend) -> tuple[oms.OrderManagement, oms.FixedClock]:
    clock = oms.FixedClock(at(5, 10))
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=clock)
    seed_master_data(system)
    return system, clock


def _order(system: oms.OrderManagement, customer: str, *lines: tuple[str, str], branch: str = "BER",
           confirm: bool = True, price: str | None = None) -> str:
    order_id = system.handle(oms.CreateSalesOrder(
        customer_code=customer, branch_code=branch, confirm=confirm,
        lines=tuple(oms.LineInput(sku=sku, quantity=quantity, unit_price=price) for sku, quantity in lines)))
    return system.sales_order(order_id).number


def _ship(system: oms.OrderManagement, order: str, *quantities: tuple[int, str]) -> None:
    lines = system.sales_order(order).lines
    system.handle(oms.IssueGoods(order_id=order, warehouse_code="BER-A", lines=tuple(
        oms.IssueLine(line_id=lines[position - 1].id, quantity=quantity) for position, quantity in quantities)))


def _return(system: oms.OrderManagement, order: str, position: int, quantity: str) -> None:
    line = system.sales_order(order).lines[position - 1]
    number = system.handle(oms.AuthoriseReturn(order_id=order, line_id=line.id, quantity=quantity, reason="broken"))
    system.handle(oms.ReceiveReturn(order_id=order, return_number=number, warehouse_code="BER-A"))


def _invoice(system: oms.OrderManagement, order: str) -> str:
    invoice_id = system.handle(oms.InvoiceOrders(orders=(order,)))
    system.handle(oms.PostInvoice(invoice_id=invoice_id))
    return invoice_id


def _credit(system: oms.OrderManagement, invoice: str, line: str, quantity: str) -> None:
    credited = (oms.CreditLine(line=line, quantity=quantity),)
    note = system.handle(oms.CreateCreditNote(invoice_id=invoice, lines=credited))
    system.handle(oms.PostInvoice(invoice_id=note))


@pytest.fixture
def history(backend: Backend) -> oms.OrderManagement:
    """Berlin (EUR) sells BOLT (10.00, cost 6.00) and NUT (2.50, cost 1.00) to ACME and UNI in June and July;
    London (GBP) sells one set-up to ACME in July.

    June: SO-1 ACME 10 BOLT + 4 NUT (110.00) ships 6 BOLT + 4 NUT (70.00, cost 40.00), invoiced 70.00; SO-2 UNI
    5 BOLT (50.00), not shipped; a draft and a cancelled order. July: SO-1 ships 4 BOLT (40.00, cost 24.00), 1 NUT
    comes back (-2.50, cost -1.00) and is credited (-2.50), the 4 BOLT invoiced (40.00); London books 1 SETUP at
    5.00 GBP."""
    system, clock = _system(backend)
    handle = system.handle
    handle(oms.CreateProduct(sku="BOLT", name="Bolt", price="10.00", currency="EUR"))
    handle(oms.CreateProduct(sku="NUT", name="Nut", price="2.50", currency="EUR"))
    handle(oms.ReceiveStock(sku="BOLT", warehouse_code="BER-A", quantity="100", unit_cost="6.00"))
    handle(oms.ReceiveStock(sku="NUT", warehouse_code="BER-A", quantity="100", unit_cost="1.00"))
    handle(oms.CreateCustomer(code="UNI", name="Uni Ltd", email="buy@uni.example"))
    handle(oms.CreateBranch(code="LON", name="London", currency="GBP", tax_jurisdiction="GB"))
    handle(oms.SetTaxRate(jurisdiction="GB", category=oms.TaxCategory.STANDARD, rate="0.20"))
    clock.current = at(6, 3)
    first = _order(system, "ACME", ("BOLT", "10"), ("NUT", "4"))
    _order(system, "ACME", ("BOLT", "1"), confirm=False)
    cancelled = _order(system, "UNI", ("BOLT", "2"))
    handle(oms.CancelSalesOrder(order_id=cancelled))
    clock.current = at(6, 5)
    _ship(system, first, (1, "6"), (2, "4"))
    clock.current = at(6, 20)
    invoice = _invoice(system, first)
    clock.current = at(6, 25)
    _order(system, "UNI", ("BOLT", "5"))
    clock.current = at(7, 2)
    _ship(system, first, (1, "4"))
    clock.current = at(7, 3)
    _return(system, first, 2, "1")
    clock.current = at(7, 4)
    _credit(system, invoice, "2", "1")
    clock.current = at(7, 6)
    _invoice(system, first)
    clock.current = at(7, 7)
    _order(system, "ACME", ("SETUP", "1"), branch="LON", price="5.00")
    clock.current = at(8, 1)
    return system


def _run(system: oms.OrderManagement, report: str, span: tuple[date, date], **given: str) -> oms.ReportTable:
    return system.report(report, oms.ReportRequest(start=span[0], end=span[1], **given))  # type: ignore[arg-type]


def _rows(table: oms.ReportTable, *names: str) -> list[tuple[object, ...]]:
    index = [column.name for column in table.columns]
    return [tuple(row[index.index(name)] for name in names) for row in table.rows]


def test_bookings_count_confirmed_orders_by_order_date_with_a_row_per_currency(history: oms.OrderManagement) -> None:
    table = _run(history, "sales", SUMMER, basis="bookings")

    assert _rows(table, "period", "currency", "quantity", "amount") == [
        ("2026-06", "EUR", D(19), D("160.00")), ("2026-06", "GBP", D(0), D(0)),
        ("2026-07", "EUR", D(0), D(0)), ("2026-07", "GBP", D(1), D("5.00"))]
    assert table.totals is None
    assert table.currency is None
    assert table.basis.startswith("Bookings: sales orders confirmed and not cancelled, by order date")


def test_shipments_count_goods_issues_at_the_lines_net_price_less_returns_in_the_month_they_came_back(
        history: oms.OrderManagement) -> None:
    table = _run(history, "sales", SUMMER, basis="shipments", branch="BER")

    assert _rows(table, "period", "quantity", "amount") == [("2026-06", D(10), D("70.00")),
                                                            ("2026-07", D(3), D("37.50"))]
    assert table.totals is not None
    assert table.totals[-3:-1] == (D("107.50"), D(0))
    assert table.basis.startswith("Shipments: goods issues by goods-issue date")


def test_revenue_counts_posted_invoices_by_posting_date_and_credit_notes_in_their_own_month(
        history: oms.OrderManagement) -> None:
    table = _run(history, "sales", SUMMER, basis="revenue")

    assert _rows(table, "period", "quantity", "amount") == [("2026-06", D(10), D("70.00")),
                                                            ("2026-07", D(3), D("37.50"))]
    assert table.currency == "EUR"
    assert table.basis.startswith("Revenue: posted invoices by posting date")


@pytest.mark.parametrize("basis", ["bookings", "shipments", "revenue"])
@pytest.mark.parametrize("by", GROUPINGS)
def test_every_grouping_of_every_basis_adds_up_to_the_same_total(history: oms.OrderManagement, basis: str,
                                                                 by: str) -> None:
    expected = {"bookings": (D(19), D("160.00")), "shipments": (D(13), D("107.50")),
                "revenue": (D(13), D("107.50"))}[basis]

    table = _run(history, "sales", SUMMER, basis=basis, by=by, branch="BER")

    assert table.totals is not None
    assert (table.totals[-4], table.totals[-3]) == expected
    assert sum(row[-3] for row in table.rows) == expected[1]  # type: ignore[misc]
    assert table.chart is not None
    assert table.chart.x == table.columns[0].name


def test_products_customers_and_branches_are_named_largest_first(history: oms.OrderManagement) -> None:
    by_product = _run(history, "sales", SUMMER, basis="revenue", by="product")
    by_customer = _run(history, "sales", SUMMER, basis="bookings", by="customer", branch="BER")
    by_branch = _run(history, "sales", JULY, basis="bookings", by="branch")

    assert _rows(by_product, "product", "name", "quantity", "amount") == [
        ("BOLT", "Bolt", D(10), D("100.00")), ("NUT", "Nut", D(3), D("7.50"))]
    assert _rows(by_customer, "customer", "name", "amount") == [("ACME", "Acme GmbH", D("110.00")),
                                                                ("UNI", "Uni Ltd", D("50.00"))]
    assert _rows(by_branch, "branch", "currency", "amount", "previous_amount") == [
        ("BER", "EUR", D(0), D("160.00")), ("LON", "GBP", D("5.00"), D(0))]  # currency by currency


def test_the_previous_period_is_the_same_length_just_before_with_the_change_in_percent(
        history: oms.OrderManagement) -> None:
    table = _run(history, "sales", JULY, basis="revenue", branch="BER")

    assert _rows(table, "period", "amount", "previous_amount", "change") == [
        ("2026-07", D("37.50"), D("70.00"), D("-46.4"))]


def test_filters_by_customer_and_product_narrow_every_basis(history: oms.OrderManagement) -> None:
    nuts = _run(history, "sales", SUMMER, basis="shipments", product="NUT")
    uni = _run(history, "sales", SUMMER, basis="bookings", customer="UNI")
    uni_revenue = _run(history, "sales", SUMMER, basis="revenue", customer="UNI", by="product")

    assert _rows(nuts, "period", "quantity", "amount") == [("2026-06", D(4), D("10.00")),
                                                           ("2026-07", D(-1), D("-2.50"))]
    assert _rows(uni, "period", "amount") == [("2026-06", D("50.00")), ("2026-07", D(0))]
    assert uni_revenue.rows == ()
    assert ("customer", "UNI") in uni.filters


def test_gross_margin_is_revenue_less_the_cost_the_goods_issues_took_out(history: oms.OrderManagement) -> None:
    table = _run(history, "gross-margin", SUMMER, branch="BER")
    by_product = _run(history, "gross-margin", SUMMER, by="product")

    assert _rows(table, "period", "revenue", "cost", "gross_profit", "margin") == [
        ("2026-06", D("70.00"), D("40.00"), D("30.00"), D("42.9")),
        ("2026-07", D("37.50"), D("23.00"), D("14.50"), D("38.7"))]
    assert table.totals is not None
    assert table.totals[-4:] == (D("107.50"), D("63.00"), D("44.50"), D("41.4"))
    assert _rows(by_product, "product", "revenue", "cost", "gross_profit") == [
        ("BOLT", D("100.00"), D("60.00"), D("40.00")), ("NUT", D("7.50"), D("3.00"), D("4.50"))]


def test_case_5_a_return_and_its_credit_note_in_july_leave_junes_gross_profit_as_it_was(backend: Backend) -> None:
    system, clock = _system(backend)
    system.handle(oms.CreateProduct(sku="GEAR", name="Gear", price="1000.00", currency="EUR"))
    system.handle(oms.ReceiveStock(sku="GEAR", warehouse_code="BER-A", quantity="15", unit_cost="800.00"))
    clock.current = at(6, 10)
    order = _order(system, "ACME", ("GEAR", "15"))
    _ship(system, order, (1, "15"))
    invoice = _invoice(system, order)
    clock.current = at(6, 30)
    june = _run(system, "gross-margin", JUNE)
    clock.current = at(7, 12)
    _return(system, order, 1, "1")
    _credit(system, invoice, "1", "1")
    clock.current = at(8, 1)

    summer = _run(system, "gross-margin", SUMMER)

    assert _rows(june, "period", "gross_profit") == [("2026-06", D("3000.00"))]
    assert _rows(summer, "period", "revenue", "cost", "gross_profit") == [
        ("2026-06", D("15000.00"), D("12000.00"), D("3000.00")),
        ("2026-07", D("-1000.00"), D("-800.00"), D("-200.00"))]
    assert summer.totals is not None
    assert summer.totals[-2] == D("2800.00")
    assert _rows(_run(system, "gross-margin", JUNE), "period", "gross_profit") == [("2026-06", D("3000.00"))]


@pytest.mark.parametrize("store", SQL_BACKENDS)
def test_revenue_by_product_customer_and_period_equals_the_revenue_account_on_sql(
        store: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    def fresh() -> str:
        if store == "sqlite":
            path = tmp_path / f"{uuid.uuid4().hex}.db"
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
            return f"sqlite:///{path}"
        url: str = request.getfixturevalue("postgres_url")
        empty_postgres(url)
        return url

    @settings(max_examples=8, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(steps=st.lists(STEP, min_size=6, max_size=24), window=WINDOW)
    def check(steps: list[tuple[int, int, int, int, int]], window: tuple[int, int]) -> None:
        database = SqlDatabase.from_url(fresh())
        try:
            system, clock = new_history(database.unit_of_work)
            play(system, clock, steps)
            check_revenue_and_cost(system, window)
        finally:
            database.dispose()

    check()
