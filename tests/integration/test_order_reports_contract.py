"""Reports on orders, quotations, MRR and carts on memory, SQLite and PostgreSQL through the Python API
(`system.report`): the backlog (peers.md 6d case 4), the sales order analysis without fan-out (case 6), quotation
conversion (case 3), MRR at a month's end (case 1) and cart recovery, each built from documents made by commands."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

import oms
from oms.domain.reports.tables import ReportTable
from oms.domain.shared.errors import InvalidValue
from tests.unit.application.test_subscription_measures import build_book

from .integration_helpers import Backend, seed_master_data

D = Decimal
START = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)
MARCH = oms.ReportRequest(start=date(2026, 3, 1), end=date(2026, 3, 31))


def seeded(backend: Backend) -> tuple[oms.OrderManagement, oms.FixedClock]:
    """BER (EUR) and ACME from `seed_master_data`; PART at 5.00 with 100 in stock in BER-A."""
    clock = oms.FixedClock(START)
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=clock)
    seed_master_data(system)
    system.handle(oms.CreateProduct(sku="PART", name="Part", price="5.00", currency="EUR"))
    system.handle(oms.ReceiveStock(sku="PART", warehouse_code="BER-A", quantity="100", reference="opening"))
    return system, clock


def confirmed_order(system: oms.OrderManagement, quantity: str = "10", sku: str = "PART") -> str:
    order = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER",
                                               lines=(oms.LineInput(sku=sku, quantity=quantity),)))
    system.handle(oms.ConfirmSalesOrder(order_id=order))
    return order


def issue(system: oms.OrderManagement, order: str, quantity: str) -> None:
    line = system.sales_order(order).lines[0].id
    system.handle(oms.IssueGoods(order_id=order, warehouse_code="BER-A",
                                 lines=(oms.IssueLine(line_id=line, quantity=quantity),)))


def invoice(system: oms.OrderManagement, order: str, quantity: str, *, post: bool = True) -> str:
    draft = system.handle(oms.InvoiceOrders(lines=(oms.InvoiceLineRequest(order=order, line="1", quantity=quantity),)))
    if post:
        system.handle(oms.PostInvoice(invoice_id=draft))
    return draft


def cells(table: ReportTable, *names: str) -> list[tuple[object, ...]]:
    indexes = [[column.name for column in table.columns].index(name) for name in names]
    return [tuple(row[i] for i in indexes) for row in table.rows]


# -- backlog (6d case 4) -----------------------------------------------------------------------------------------
def test_an_order_of_10_at_5_00_with_4_delivered_has_30_00_open_and_3_days_of_delay(backend: Backend) -> None:
    system, clock = seeded(backend)
    order = confirmed_order(system)
    issue(system, order, "4")
    clock.current = START + timedelta(days=3)

    table = system.report("backlog")

    number = system.sales_order(order).number
    assert cells(table, "order", "product", "ordered", "delivered", "open_quantity", "open_value", "delay_days") == [
        (number, "PART", D(10), D(4), D(6), D("30.00"), 3)]
    assert table.totals is not None
    assert table.totals[-2:] == (D("30.00"), 3)
    assert table.currency == "EUR"


def test_the_same_order_closed_short_is_out_of_the_backlog_and_drafts_cancelled_and_issued_never_count(
        backend: Backend) -> None:
    system, _ = seeded(backend)
    closed = confirmed_order(system)
    issue(system, closed, "4")
    system.handle(oms.CompleteSalesOrder(order_id=closed, reason="customer took the rest elsewhere"))
    system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER",
                                       lines=(oms.LineInput(sku="PART", quantity="3"),)))
    cancelled = confirmed_order(system, "2")
    system.handle(oms.CancelSalesOrder(order_id=cancelled, reason="duplicate"))
    shipped = confirmed_order(system, "2")
    issue(system, shipped, "2")

    table = system.report("backlog")

    assert table.rows == ()
    assert table.totals is not None
    assert table.totals[-2:] == (D(0), None)


def test_an_order_on_hold_after_confirming_stays_in_the_backlog_grouped_by_customer_and_by_product(
        backend: Backend) -> None:
    system, clock = seeded(backend)
    held = confirmed_order(system, "2")
    system.handle(oms.HoldSalesOrder(order_id=held, reason="credit check"))
    confirmed_order(system, "3")
    confirmed_order(system, "1", sku="SETUP")  # a service never ships: never in the backlog
    clock.current = START + timedelta(days=1)

    by_customer = system.report("backlog", oms.ReportRequest(by="customer"))
    by_product = system.report("backlog", oms.ReportRequest(by="product", product="PART"))

    assert by_customer.rows == (("ACME", "EUR", 2, 2, D("25.00"), 1),)
    assert by_product.rows == (("PART", "EUR", 2, 2, D(5), D("25.00"), 1),)


# -- order analysis (6d case 6) ----------------------------------------------------------------------------------
def test_one_line_with_two_deliveries_and_two_invoices_is_delivered_10_and_billed_10_not_20(
        backend: Backend) -> None:
    system, _ = seeded(backend)
    order = confirmed_order(system)
    issue(system, order, "4")
    issue(system, order, "6")
    invoice(system, order, "3")
    invoice(system, order, "7")

    table = system.report("order-analysis", MARCH)

    assert cells(table, "ordered", "delivered", "billed", "to_deliver", "to_bill", "net", "billed_amount") == [
        (D(10), D(10), D(10), D(0), D(0), D("50.00"), D("50.00"))]


def test_billed_is_posted_invoices_less_posted_credit_notes_and_a_draft_counts_nothing(backend: Backend) -> None:
    system, _ = seeded(backend)
    order = confirmed_order(system)
    issue(system, order, "10")
    posted = invoice(system, order, "6")
    invoice(system, order, "4", post=False)
    credit = system.handle(oms.CreateCreditNote(invoice_id=posted, lines=(oms.CreditLine(line="1", quantity="2"),)))
    system.handle(oms.PostInvoice(invoice_id=credit))
    system.handle(oms.CreateCreditNote(invoice_id=posted, lines=(oms.CreditLine(line="1", quantity="1"),)))

    table = system.report("order-analysis", MARCH)

    assert cells(table, "delivered", "billed", "to_bill", "billed_amount") == [(D(10), D(4), D(6), D("20.00"))]


def test_order_analysis_leaves_out_orders_of_other_months_and_cancelled_orders(backend: Backend) -> None:
    system, clock = seeded(backend)
    confirmed_order(system, "1")
    cancelled = confirmed_order(system, "2")
    system.handle(oms.CancelSalesOrder(order_id=cancelled, reason="duplicate"))
    clock.current = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
    confirmed_order(system, "5")

    table = system.report("order-analysis", MARCH)

    assert cells(table, "ordered", "to_deliver") == [(D(1), D(1))]


# -- quotation conversion (6d case 3) ------------------------------------------------------------------------------
def quotation(system: oms.OrderManagement, valid_until: date = date(2026, 4, 30)) -> str:
    return str(system.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER", valid_until=valid_until,
                                                 lines=(oms.LineInput(sku="PART", quantity="1"),))))


def test_march_quotations_4_ordered_3_lost_1_expired_2_open_convert_at_50_0_percent(backend: Backend) -> None:
    system, clock = seeded(backend)
    for _ in range(4):
        q = quotation(system)
        system.handle(oms.SendQuotation(quotation_id=q))
        system.handle(oms.AcceptQuotation(quotation_id=q))
        system.handle(oms.ConvertQuotation(quotation_id=q))
    for _ in range(3):
        q = quotation(system)
        system.handle(oms.SendQuotation(quotation_id=q))
        system.handle(oms.RejectQuotation(quotation_id=q, reason="too dear"))
    system.handle(oms.SendQuotation(quotation_id=quotation(system, valid_until=date(2026, 3, 12))))
    system.handle(oms.SendQuotation(quotation_id=quotation(system)))
    quotation(system)
    system.handle(oms.CancelQuotation(quotation_id=quotation(system), reason="wrong customer"))
    clock.current = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
    system.handle(oms.ExpireQuotations())
    quotation(system)  # April's

    table = system.report("quotation-conversion", oms.ReportRequest(start=date(2026, 3, 1), end=date(2026, 4, 30)))

    assert table.rows[0] == ("2026-03", "EUR", 10, 4, 3, 1, 2, 8, D("50.0"), D("20.00"), D("40.00"), D("50.0"))
    assert table.rows[1] == ("2026-04", "EUR", 1, 0, 0, 0, 1, 0, None, D(0), D(0), None)
    assert table.chart is not None
    assert table.chart.x == "period"


# -- MRR (6d case 1) -------------------------------------------------------------------------------------------
def test_mrr_of_march_is_203_33_and_arr_2440_00_through_the_report(backend: Backend) -> None:
    clock = oms.FixedClock(datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=clock)
    seed_master_data(system)
    build_book(system, clock)

    table = system.report("mrr", oms.ReportRequest(start=date(2026, 1, 1), end=date(2026, 3, 31)))

    assert cells(table, "month", "mrr_start", "new", "churn", "mrr", "arr") == [
        ("2026-01", D("0.00"), D("50.00"), D("0.00"), D("50.00"), D("600.00")),
        ("2026-02", D("50.00"), D("0.00"), D("30.00"), D("20.00"), D("240.00")),
        ("2026-03", D("20.00"), D("203.33"), D("20.00"), D("203.33"), D("2440.00"))]
    assert table.chart is not None
    assert table.chart.kind == "lines"


# -- cart recovery ---------------------------------------------------------------------------------------------
def test_cart_recovery_counts_the_carts_messaged_in_the_month_those_checked_out_after_and_their_value(
        backend: Backend) -> None:
    system, clock = seeded(backend)
    system.handle(oms.SetCartPolicy(branch_code="BER", recovery=True))
    won = system.handle(oms.OpenCart(branch_code="BER", customer_code="ACME")).cart_id
    system.handle(oms.AddToCart(cart_id=won, sku="PART", quantity="2"))
    lost = system.handle(oms.OpenCart(branch_code="BER", email="visitor@example.com"))
    system.handle(oms.AddToCart(cart_id=lost.cart_id, cart_token=lost.token, sku="PART", quantity="1"))
    clock.advance(timedelta(minutes=61))
    oms.run_cart_recovery(system, clock.now())
    system.handle(oms.CheckOutCart(cart_id=won, expected_total="11.90"))

    table = system.report("cart-recovery", oms.ReportRequest(start=date(2026, 2, 1), end=date(2026, 3, 31)))

    assert table.rows == (("2026-02", 0, 0, None, D(0), D(0)),
                          ("2026-03", 2, 1, D("50.0"), D("15.00"), D("10.00")))
    assert table.totals == ("Total", 2, 1, D("50.0"), D("15.00"), D("10.00"))


# -- requests refused, naming the field ------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "request_", "field"), [
    ("backlog", oms.ReportRequest(as_of=date(2026, 3, 1)), "as_of"),
    ("backlog", oms.ReportRequest(by="week"), "by"),
    ("order-analysis", oms.ReportRequest(by="customer"), "by"),
    ("quotation-conversion", oms.ReportRequest(supplier="S1"), "supplier"),
    ("mrr", oms.ReportRequest(basis="invoices"), "basis"),
    ("cart-recovery", oms.ReportRequest(branch="BER"), "branch"),
])
def test_a_request_a_report_does_not_take_is_refused_naming_the_field(
        backend: Backend, name: str, request_: oms.ReportRequest, field: str) -> None:
    system, _ = seeded(backend)

    with pytest.raises(InvalidValue) as refused:
        system.report(name, request_)

    assert refused.value.field == field


def test_a_quotation_made_late_on_the_last_day_of_march_counts_in_march_by_its_utc_day(backend: Backend) -> None:
    system, clock = seeded(backend)
    clock.current = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    quotation(system)
    clock.current = datetime(2026, 4, 1, 0, 30, tzinfo=UTC)
    quotation(system)

    table = system.report("quotation-conversion", oms.ReportRequest(start=date(2026, 3, 1), end=date(2026, 4, 30)))

    assert cells(table, "period", "quotations", "open") == [("2026-03", 1, 1), ("2026-04", 1, 1)]


def test_order_analysis_lists_the_first_orders_of_a_long_period_and_says_so_without_totals(
        backend: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("oms.application.reports.order_analysis.MAX_ORDERS", 2)
    system, clock = seeded(backend)
    for day in (12, 11, 13):
        clock.current = datetime(2026, 3, day, 9, 0, tzinfo=UTC)
        confirmed_order(system, str(day))

    table = system.report("order-analysis", MARCH)
    filtered = system.report("order-analysis", oms.ReportRequest(start=date(2026, 3, 1), end=date(2026, 3, 31),
                                                                 product="SETUP"))

    assert cells(table, "order_date", "ordered") == [(date(2026, 3, 11), D(11)), (date(2026, 3, 12), D(12))]
    assert table.totals is None
    assert any("first 2 orders" in note for note in table.notes)
    assert (filtered.rows, filtered.totals is not None) == ((), True)


def test_a_month_with_a_new_an_upgrade_a_downgrade_and_a_churn_goes_from_203_33_to_218_33_in_the_report(
        backend: Backend) -> None:
    clock = oms.FixedClock(datetime(2026, 2, 1, 9, 0, tzinfo=UTC))
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=clock)
    seed_master_data(system)
    system.handle(oms.CreateProduct(sku="SEAT", name="Seat", price="30.00", currency="EUR",
                                    kind=oms.ProductKind.SERVICE))
    plans = {"M30": ("30.00", "1", oms.IntervalUnit.MONTH, 1), "M70": ("70.00", "1", oms.IntervalUnit.MONTH, 1),
             "M25": ("25.00", "1", oms.IntervalUnit.MONTH, 1), "W10": ("10.00", "1", oms.IntervalUnit.WEEK, 1),
             "Q90": ("30.00", "3", oms.IntervalUnit.MONTH, 3)}
    for code, (price, quantity, unit, every) in plans.items():
        system.handle(oms.CreatePlan(code=code, name=code, currency="EUR", interval=unit, every=every, trial_days=0,
                                     lines=(oms.PlanLineInput(sku="SEAT", quantity=quantity, unit_price=price),)))

    def subscribe(plan: str) -> str:
        return str(system.handle(oms.Subscribe(customer_code="ACME", branch_code="BER", plan_code=plan,
                                               start_day=clock.now().date())))

    def days_until(last: date) -> None:
        while clock.now().date() < last:
            clock.advance(timedelta(days=1))
            oms.renew_due_subscriptions(system, clock.now().date())

    upgraded, churned, downgraded = subscribe("M30"), subscribe("M30"), subscribe("Q90")
    subscribe("W10")
    subscribe("M70")
    oms.renew_due_subscriptions(system, clock.now().date())
    days_until(date(2026, 4, 20))
    system.handle(oms.ChangeQuantity(subscription_id=downgraded, sku="SEAT", quantity="2"))  # from May 1
    days_until(date(2026, 5, 5))
    subscribe("M25")
    oms.renew_due_subscriptions(system, clock.now().date())
    days_until(date(2026, 5, 10))
    system.handle(oms.ChangeQuantity(subscription_id=upgraded, sku="SEAT", quantity="2"))
    days_until(date(2026, 5, 15))
    system.handle(oms.CancelSubscription(subscription_id=churned, reason="moving on"))

    table = system.report("mrr", oms.ReportRequest(start=date(2026, 5, 1), end=date(2026, 5, 31)))

    assert cells(table, "mrr_start", "new", "expansion", "reactivation", "contraction", "churn", "mrr") == [
        (D("203.33"), D("25.00"), D("30.00"), D("0.00"), D("10.00"), D("30.00"), D("218.33"))]


def test_every_row_of_the_mrr_report_is_the_subscription_measures_of_its_month_and_reconciles(
        backend: Backend) -> None:
    clock = oms.FixedClock(datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=clock)
    seed_master_data(system)
    build_book(system, clock)

    table = system.report("mrr", oms.ReportRequest(start=date(2025, 12, 1), end=date(2026, 5, 31)))

    measured = []
    for month in range(12, 18):
        first = date(2025 + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        for view in system.read(oms.subscription_measures, first).currencies:
            measured.append((f"{first:%Y-%m}", view.currency, view.mrr_start.amount, view.new.amount,
                             view.expansion.amount, view.reactivation.amount, view.contraction.amount,
                             view.churn.amount, view.mrr.amount, view.arr.amount, view.subscriptions))
    assert list(table.rows) == measured
    assert len(measured) == 5  # December 2025 had no MRR
    assert all(row[2] + row[3] + row[4] + row[5] - row[6] - row[7] == row[8] for row in measured)


def test_the_backlog_by_line_lists_the_longest_overdue_lines_first_and_totals_them_all(
        backend: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("oms.application.reports.backlog.MAX_LINES", 1)
    system, clock = seeded(backend)
    confirmed_order(system, "2")
    clock.current = START + timedelta(days=1)
    confirmed_order(system, "3")
    clock.current = START + timedelta(days=4)

    table = system.report("backlog")

    assert cells(table, "open_quantity", "open_value", "delay_days") == [(D(2), D("10.00"), 4)]
    assert table.totals is not None
    assert (table.totals[1], table.totals[-2:]) == (2, (D("25.00"), 4))
    assert any("1 longest overdue of 2" in note for note in table.notes)


@pytest.mark.parametrize("name", ["backlog", "order-analysis", "quotation-conversion", "mrr", "cart-recovery"])
def test_each_report_answers_its_default_request_with_its_basis_on_an_empty_book(backend: Backend, name: str) -> None:
    system, _ = seeded(backend)

    table = system.report(name)

    assert table.report == name
    assert table.basis.split(":")[0] in {"Open order lines", "Bookings", "Quotation cohorts", "Subscriptions",
                                         "Recovery messages"}
    assert all(row[-1] in (None, 0, D(0)) for row in table.rows if name != "order-analysis")
