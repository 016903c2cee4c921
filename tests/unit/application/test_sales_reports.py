"""The sales and gross margin reports in memory: the 20 largest groups named and the rest in one row, the requests
they refuse, and a property over random histories of orders, goods issues, returns, invoices and credit notes:
revenue by product, by customer and by period add up to the same total, which is what the books' revenue account
took in over the range, and the gross margin's cost is what the books posted to cost of goods sold."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import oms
from oms.application.accounting.queries import trial_balance
from oms.ports.unit_of_work import UnitOfWork

D = Decimal
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _report(system: oms.OrderManagement, name: str, first: date, last: date, **given: str) -> oms.ReportTable:
    return system.report(name, oms.ReportRequest(start=first, end=last, **given))  # type: ignore[arg-type]


def test_grouped_by_product_the_20_largest_are_named_and_the_others_summed_in_one_row(
        system: oms.OrderManagement, clock: oms.FixedClock) -> None:
    for n in range(22):
        system.handle(oms.CreateProduct(sku=f"S{n:02d}", name=f"Service {n}", price=f"{n + 1}.00", currency="EUR",
                                        kind=oms.ProductKind.SERVICE))
        system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True,
                                           lines=(oms.LineInput(sku=f"S{n:02d}", quantity="1"),)))

    table = _report(system, "sales", clock.now().date(), clock.now().date(), by="product", basis="bookings")

    assert [row[0] for row in table.rows[:3]] == ["S21", "S20", "S19"]
    assert table.rows[-1][:2] == ("Others", "2 more")
    assert table.rows[-1][-3] == D("3.00")  # S01 2.00 + S00 1.00
    assert len(table.rows) == 21
    assert table.totals is not None
    assert table.totals[-3] == sum(D(n + 1) for n in range(22))
    assert any("summed in one row" in note for note in table.notes)


def test_a_period_report_shows_every_bucket_of_the_range_even_without_sales(system: oms.OrderManagement) -> None:
    table = _report(system, "sales", date(2026, 1, 1), date(2026, 3, 31), basis="revenue")

    assert [row[0] for row in table.rows] == ["2026-01", "2026-02", "2026-03"]
    assert all(row[-3] == 0 for row in table.rows)
    assert table.chart is not None
    assert table.chart.series == ("amount", "previous_amount")


def test_a_basis_the_sales_report_does_not_know_is_refused_and_gross_margin_takes_none(
        system: oms.OrderManagement) -> None:
    with pytest.raises(oms.InvalidValue) as unknown:
        system.report("sales", oms.ReportRequest(basis="orders"))
    with pytest.raises(oms.InvalidValue) as none:
        system.report("gross-margin", oms.ReportRequest(basis="revenue"))
    with pytest.raises(oms.InvalidValue) as supplier:
        system.report("sales", oms.ReportRequest(supplier="ACME"))

    assert (unknown.value.field, none.value.field, supplier.value.field) == ("basis", "basis", "supplier")


# -- the property --------------------------------------------------------------------------------------------------

KINDS = st.sampled_from((0, 0, 1, 1, 1, 2, 2, 2, 3, 4, 4, 5))  # order, ship, invoice, credit, return, cancel
STEP = st.tuples(KINDS, st.integers(0, 50), st.integers(0, 3), st.integers(1, 6), st.integers(0, 9))
WINDOW = st.tuples(st.integers(0, 40), st.integers(0, 150))  # first day after the start, days after the first


def new_history(uow_factory: Callable[[], UnitOfWork] | None = None) -> tuple[oms.OrderManagement, oms.FixedClock]:
    """Berlin (EUR) with DESK, BOOK, ODD (12.345678) in stock at costs that leave fractions, the service FIT, and
    three customers (also used by the same property on SQL)."""
    clock = oms.FixedClock(START)
    system = oms.bootstrap(uow_factory=uow_factory, clock=clock)
    handle = system.handle
    handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="DE"))
    handle(oms.CreateWarehouse(code="BER-1", name="Berlin main", branch_code="BER", priority=10))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.STANDARD, rate="0.19"))
    handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.REDUCED, rate="0.07"))
    handle(oms.CreateProduct(sku="DESK", name="Desk", price="100.00", currency="EUR"))
    handle(oms.CreateProduct(sku="BOOK", name="Book", price="19.99", currency="EUR",
                             tax_category=oms.TaxCategory.REDUCED))
    handle(oms.CreateProduct(sku="ODD", name="Odd", price="12.345678", currency="EUR"))
    handle(oms.CreateProduct(sku="FIT", name="Fitting", price="50.00", currency="EUR", kind=oms.ProductKind.SERVICE))
    for code in ("ACME", "UNI", "ZED"):
        handle(oms.CreateCustomer(code=code, name=code.title()))
    for sku, cost in (("DESK", "61.37"), ("BOOK", "7.10"), ("ODD", "3.333333"), ("DESK", "64.01")):
        handle(oms.ReceiveStock(sku=sku, warehouse_code="BER-1", quantity="40", unit_cost=cost))
    return system, clock


def play(system: oms.OrderManagement, clock: oms.FixedClock, steps: list[tuple[int, int, int, int, int]]) -> None:
    orders: list[str] = []
    invoices: list[str] = []
    skus = ("DESK", "BOOK", "ODD", "FIT")
    for kind, pick, line, quantity, days in steps:
        clock.advance(timedelta(days=days, hours=5))
        order = orders[pick % len(orders)] if orders else None
        try:
            if kind == 0 or order is None:
                made = system.handle(oms.CreateSalesOrder(
                    customer_code=("ACME", "UNI", "ZED")[pick % 3], branch_code="BER", confirm=True,
                    allow_backorder=True, lines=(oms.LineInput(sku=skus[line], quantity=str(quantity)),
                                                 oms.LineInput(sku=skus[(line + pick) % 4], quantity="1"))))
                orders.append(system.sales_order(made).number)
            elif kind == 1:
                lines = [(item.id, min(D(quantity), item.remaining)) for item in system.sales_order(order).lines
                         if item.sku != "FIT" and item.remaining > 0]
                system.handle(oms.IssueGoods(order_id=order, warehouse_code="BER-1", lines=tuple(
                    oms.IssueLine(line_id=item, quantity=str(units)) for item, units in lines)))
            elif kind == 2:
                invoice = system.handle(oms.InvoiceOrders(orders=(order,)))
                system.handle(oms.PostInvoice(invoice_id=invoice))
                invoices.append(invoice)
            elif kind == 3 and invoices:
                note = system.handle(oms.CreateCreditNote(invoice_id=invoices[pick % len(invoices)], lines=(
                    oms.CreditLine(line=str(line % 2 + 1), quantity=str(quantity)),)))
                system.handle(oms.PostInvoice(invoice_id=note))
            elif kind == 4:
                item = system.sales_order(order).lines[line % 2]
                number = system.handle(oms.AuthoriseReturn(order_id=order, line_id=item.id,
                                                           quantity=str(quantity), reason="unwanted"))
                system.handle(oms.ReceiveReturn(order_id=order, return_number=number, warehouse_code="BER-1"))
            elif kind == 5:
                system.handle(oms.CancelSalesOrder(order_id=order))
        except oms.DomainError:
            continue  # a step the documents refuse (nothing to invoice, more than delivered): it changed nothing


def books(system: oms.OrderManagement, first: date, last: date) -> tuple[Decimal, Decimal]:
    """What the revenue accounts took in (credits less debits) and cost of goods sold took (debits less credits)
    from `first` to `last`."""
    balance = system.read(trial_balance, since=first, until=last)
    revenue = sum((row.credits.amount - row.debits.amount for row in balance.accounts if row.code == "4000"), D(0))
    cost = sum((row.debits.amount - row.credits.amount for row in balance.accounts if row.code == "5000"), D(0))
    return revenue, cost


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(STEP, min_size=4, max_size=30), window=WINDOW)
def test_revenue_by_product_by_customer_and_by_period_equals_the_revenue_account_and_cost_equals_cogs(
        steps: list[tuple[int, int, int, int, int]], window: tuple[int, int]) -> None:
    system, clock = new_history()
    play(system, clock, steps)

    check_revenue_and_cost(system, window)


def check_revenue_and_cost(system: oms.OrderManagement, window: tuple[int, int]) -> None:
    first = START.date() + timedelta(days=window[0])
    last = first + timedelta(days=window[1])
    totals = {by: _report(system, "sales", first, last, basis="revenue", by=by).totals
              for by in ("product", "customer", "month", "day", "branch")}
    margin = _report(system, "gross-margin", first, last, by="product").totals
    revenue, cost = books(system, first, last)

    assert {by: found[-3] for by, found in totals.items() if found is not None} == dict.fromkeys(totals, revenue)
    assert margin is not None
    assert (margin[-4], margin[-3], margin[-2]) == (revenue, cost, revenue - cost)
