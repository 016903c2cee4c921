"""The purchasing and ageing reports on memory, SQLite and PostgreSQL, through `system.report(...)`: purchase spend
(peers.md 6d case 7: a cancelled bill never counts; a EUR bill of 100.00 at 1.08 is 108.00 in a USD branch), open
purchase commitments, supplier on-time delivery, and the ageing of receivables and payables on a day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

import oms
from oms.domain.reports.tables import ChartKind, ReportTable
from oms.domain.shared.errors import InvalidValue

from .integration_helpers import Backend

D = Decimal
MARCH = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TODAY = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


def rows(table: ReportTable, *names: str) -> list[tuple[object, ...]]:
    index = [column.name for column in table.columns]
    return [tuple(row[index.index(name)] for name in names) for row in table.rows]


def totals(table: ReportTable, *names: str) -> tuple[object, ...]:
    assert table.totals is not None
    index = [column.name for column in table.columns]
    return tuple(table.totals[index.index(name)] for name in names)


class Books:
    """A USD branch NYC buying BOLT and NUT from EURO (EUR, 5 days' lead time) and YANK (USD, 10 days), both paid
    net 30; 1 EUR = 1.08 USD from New Year; the customer ACME pays net 30 for the service SETUP (100.00 + 10 %)."""

    def __init__(self, backend: Backend) -> None:
        self.clock = oms.FixedClock(MARCH)
        self.system = oms.bootstrap(uow_factory=backend.uow_factory, clock=self.clock)
        handle = self.system.handle
        handle(oms.CreateBranch(code="NYC", name="New York", currency="USD", tax_jurisdiction="US"))
        handle(oms.CreateWarehouse(code="NYC-A", name="New York A", branch_code="NYC", priority=10))
        handle(oms.SetTaxRate(jurisdiction="US", category=oms.TaxCategory.STANDARD, rate="0.10"))
        handle(oms.CreateProduct(sku="BOLT", name="Bolt", price="2.00", currency="USD"))
        handle(oms.CreateProduct(sku="NUT", name="Nut", price="1.00", currency="USD"))
        handle(oms.CreateProduct(sku="SETUP", name="Set-up", price="100.00", currency="USD",
                                 kind=oms.ProductKind.SERVICE))
        handle(oms.CreateSupplier(code="EURO", name="Euro Parts", currency="EUR", payment_terms="net 30",
                                  lead_time_days=5))
        handle(oms.CreateSupplier(code="YANK", name="Yankee Tools", currency="USD", payment_terms="net 30",
                                  lead_time_days=10))
        handle(oms.CreateCustomer(code="ACME", name="Acme Inc.", payment_terms="net 30"))
        handle(oms.SetExchangeRate(from_currency="EUR", to_currency="USD", day=date(2026, 1, 1), rate="1.08"))

    def at(self, moment: datetime) -> Books:
        self.clock.current = moment
        return self

    def order(self, supplier: str, *lines: tuple[str, str, str]) -> str:
        """A purchase order placed now: (sku, quantity, unit price) per line."""
        order = self.system.handle(oms.CreatePurchaseOrder(supplier_code=supplier, branch_code="NYC", lines=tuple(
            oms.LineInput(sku=sku, quantity=quantity, unit_price=price) for sku, quantity, price in lines)))
        self.system.handle(oms.PlacePurchaseOrder(order_id=order))
        return order

    def receive(self, order: str, *quantities: str) -> None:
        with self.system.uow_factory() as uow:
            ids = [line.id for line in uow.procurement.orders.get(order).lines]
        self.system.handle(oms.ReceiveGoods(order_id=order, lines=tuple(
            oms.ReceiptLine(line_id=line, quantity=quantity) for line, quantity in zip(ids, quantities, strict=False)
            if quantity != "0")))

    def bill(self, order: str, number: str, day: date, *quantities: str, post: bool = True) -> str:
        bill = self.system.handle(oms.BillPurchaseOrder(order_id=order, supplier_invoice_number=number, bill_date=day,
                                                        lines=tuple(oms.BillLineRequest(line=str(n), quantity=q)
                                                                    for n, q in enumerate(quantities, 1))))
        if post:
            self.system.handle(oms.PostVendorBill(bill_id=bill))
        return bill

    def invoice(self, day: date, quantity: str = "1") -> str:
        order = self.system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="NYC", confirm=True, lines=(
            oms.LineInput(sku="SETUP", quantity=quantity),)))
        invoice = self.system.handle(oms.InvoiceOrders(orders=(order,)))
        self.system.handle(oms.PostInvoice(invoice_id=invoice, invoice_date=day))
        return invoice

    def report(self, name: str, **given: object) -> ReportTable:
        return self.system.report(name, oms.ReportRequest(**given))  # type: ignore[arg-type]


@pytest.fixture
def books(backend: Backend) -> Books:
    return Books(backend)


# -- purchase spend ----------------------------------------------------------------------------------------------

def test_a_cancelled_bill_never_counts_and_a_eur_bill_of_100_at_1_08_is_108_usd_of_spend(books: Books) -> None:
    order = books.order("EURO", ("BOLT", "20", "10.00"))
    books.receive(order, "20")
    books.bill(order, "E-1", date(2026, 3, 2), "10")
    cancelled = books.bill(order, "E-2", date(2026, 3, 3), "10", post=False)
    books.system.handle(oms.CancelVendorBill(bill_id=cancelled))

    spend = books.at(TODAY).report("purchase-spend", start=date(2026, 3, 1), end=date(2026, 3, 31))

    assert spend.currency == "USD"
    assert rows(spend, "supplier", "currency", "bills", "billed", "debited", "net") == [
        ("EURO", "USD", 1, D("108.00"), D(0), D("108.00"))]
    assert "bill date's exchange rate" in spend.basis


def test_spend_is_bills_less_debit_notes_each_in_its_own_month_by_supplier_product_and_month(books: Books) -> None:
    euro = books.order("EURO", ("BOLT", "10", "10.00"))
    yank = books.order("YANK", ("BOLT", "5", "4.00"), ("NUT", "10", "1.50"))
    books.receive(euro, "10")
    books.receive(yank, "5", "10")
    books.bill(euro, "E-1", date(2026, 3, 10), "10")
    bill = books.bill(yank, "Y-1", date(2026, 3, 20), "5", "10")
    note = books.system.handle(oms.CreateDebitNote(bill_id=bill, supplier_invoice_number="YC-1",
                                                   bill_date=date(2026, 4, 2),
                                                   lines=(oms.DebitLine(line="2", quantity="4"),)))
    books.system.handle(oms.PostVendorBill(bill_id=note))
    books.at(TODAY)
    given = {"start": date(2026, 3, 1), "end": date(2026, 4, 30)}

    by_supplier = books.report("purchase-spend", **given)
    by_product = books.report("purchase-spend", by="product", **given)
    by_month = books.report("purchase-spend", by="month", **given)
    only_nut = books.report("purchase-spend", product="NUT", **given)

    assert rows(by_supplier, "supplier", "bills", "billed", "debited", "net") == [
        ("EURO", 1, D("108.00"), D(0), D("108.00")), ("YANK", 1, D("35.00"), D("6.00"), D("29.00"))]
    assert totals(by_supplier, "bills", "net") == (2, D("137.00"))
    assert rows(by_product, "product", "net") == [("BOLT", D("128.00")), ("NUT", D("9.00"))]
    assert rows(by_month, "period", "billed", "debited", "net") == [
        ("2026-03", D("143.00"), D(0), D("143.00")), ("2026-04", D(0), D("6.00"), D("-6.00"))]
    assert by_month.chart is not None
    assert (by_month.chart.kind, by_month.chart.x, by_month.chart.series) == (ChartKind.BARS, "period", ("net",))
    assert rows(only_nut, "supplier", "net") == [("YANK", D("9.00"))]


def test_spend_of_branches_in_two_currencies_is_a_row_per_currency_and_never_one_total(books: Books) -> None:
    handle = books.system.handle
    handle(oms.CreateBranch(code="BER", name="Berlin", currency="EUR", tax_jurisdiction="US"))
    handle(oms.CreateWarehouse(code="BER-A", name="Berlin A", branch_code="BER", priority=10))
    berlin = handle(oms.CreatePurchaseOrder(supplier_code="EURO", branch_code="BER", lines=(
        oms.LineInput(sku="BOLT", quantity="3", unit_price="10.00"),)))
    handle(oms.PlacePurchaseOrder(order_id=berlin))
    books.receive(berlin, "3")
    books.bill(berlin, "B-1", date(2026, 3, 5), "3")
    york = books.order("EURO", ("BOLT", "1", "10.00"))
    books.receive(york, "1")
    books.bill(york, "N-1", date(2026, 3, 5), "1")
    books.at(TODAY)
    given = {"start": date(2026, 3, 1), "end": date(2026, 3, 31)}

    by_branch = books.report("purchase-spend", by="branch", **given)
    by_supplier = books.report("purchase-spend", **given)
    berlin_only = books.report("purchase-spend", branch="BER", **given)

    assert rows(by_branch, "branch", "currency", "net") == [("BER", "EUR", D("30.00")), ("NYC", "USD", D("10.80"))]
    assert rows(by_supplier, "supplier", "currency", "net") == [("EURO", "EUR", D("30.00")),
                                                                ("EURO", "USD", D("10.80"))]
    assert (by_supplier.totals, by_supplier.currency) == (None, None)
    assert (berlin_only.currency, totals(berlin_only, "net")) == ("EUR", (D("30.00"),))


def test_spend_refuses_a_filter_or_a_grouping_it_does_not_take_naming_it(books: Books) -> None:
    with pytest.raises(InvalidValue) as filtered:
        books.report("purchase-spend", customer="ACME")
    with pytest.raises(InvalidValue) as grouped:
        books.report("purchase-spend", by="customer")
    with pytest.raises(InvalidValue) as unknown:
        books.report("purchase-spend", supplier="NOBODY")

    assert (filtered.value.field, grouped.value.field, unknown.value.field) == ("customer", "by", "supplier")


# -- open purchase commitments -----------------------------------------------------------------------------------

def test_commitments_are_what_open_orders_still_have_to_deliver_with_the_day_they_are_expected(books: Books) -> None:
    euro = books.order("EURO", ("BOLT", "10", "10.00"), ("NUT", "4", "2.50"))
    books.receive(euro, "6", "4")
    closed = books.order("YANK", ("BOLT", "10", "4.00"))
    books.receive(closed, "2")
    books.system.handle(oms.ClosePurchaseOrder(order_id=closed, reason="rest not needed"))
    cancelled = books.order("YANK", ("NUT", "10", "1.00"))
    books.system.handle(oms.CancelPurchaseOrder(order_id=cancelled))
    books.at(datetime(2026, 3, 4, 12, 0, tzinfo=UTC)).system.handle(oms.CreatePurchaseOrder(
        supplier_code="YANK", branch_code="NYC", lines=(oms.LineInput(sku="NUT", quantity="3", unit_price="1.00"),)))
    books.order("YANK", ("NUT", "8", "1.25"))

    by_supplier = books.at(datetime(2026, 3, 10, 8, 0, tzinfo=UTC)).report("purchase-commitments")
    by_product = books.report("purchase-commitments", by="product")
    by_order = books.report("purchase-commitments", by="purchase_order", supplier="YANK")

    assert rows(by_supplier, "supplier", "lines", "amount", "overdue", "expected") == [
        ("EURO", 1, D("43.20"), D("43.20"), date(2026, 3, 7)), ("YANK", 1, D("10.00"), D(0), date(2026, 3, 14))]
    assert totals(by_supplier, "amount") == (D("53.20"),)
    assert rows(by_product, "product", "quantity", "amount") == [("BOLT", D(4), D("43.20")),
                                                                  ("NUT", D(8), D("10.00"))]
    assert rows(by_order, "supplier", "amount", "expected") == [("YANK", D("10.00"), date(2026, 3, 14))]
    assert rows(books.report("purchase-commitments", product="BOLT"), "supplier", "amount") == [("EURO", D("43.20"))]


# -- supplier on-time delivery -----------------------------------------------------------------------------------

def test_on_time_counts_receipt_lines_arriving_by_the_ordered_day_plus_the_lead_time(books: Books) -> None:
    euro = books.order("EURO", ("BOLT", "10", "10.00"), ("NUT", "30", "1.00"))  # expected 2026-03-07
    books.at(datetime(2026, 3, 7, 23, 0, tzinfo=UTC)).receive(euro, "10", "0")
    books.at(datetime(2026, 3, 11, 8, 0, tzinfo=UTC)).receive(euro, "0", "30")  # 4 days late
    books.at(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    yank = books.order("YANK", ("BOLT", "5", "4.00"))  # expected 2026-03-12
    books.at(datetime(2026, 3, 12, 10, 0, tzinfo=UTC)).receive(yank, "5")

    table = books.at(TODAY).report("supplier-on-time", start=date(2026, 3, 1), end=date(2026, 3, 31))
    april = books.report("supplier-on-time", start=date(2026, 4, 1), end=date(2026, 4, 30))

    assert rows(table, "supplier", "lines", "on_time", "late", "on_time_percent", "on_time_quantity_percent",
                "average_days_late") == [("EURO", 2, 1, 1, D("50.0"), D("25.0"), D("4.0")),
                                         ("YANK", 1, 1, 0, D("100.0"), D("100.0"), None)]
    assert totals(table, "lines", "on_time", "on_time_percent") == (3, 2, D("66.7"))
    assert april.rows == ()
    assert rows(books.report("supplier-on-time", start=date(2026, 3, 1), end=date(2026, 3, 31), product="NUT"),
                "supplier", "lines", "on_time", "average_days_late") == [("EURO", 1, 0, D("4.0"))]


# -- ageing ------------------------------------------------------------------------------------------------------

def test_receivables_age_what_posted_invoices_still_owe_on_the_day_by_days_past_due(books: Books) -> None:
    books.at(TODAY)
    not_due = books.invoice(date(2026, 4, 20))  # due 05-20
    late = books.invoice(date(2026, 3, 1))  # due 03-31: 34 days late on 05-04
    paid_later = books.invoice(date(2026, 1, 15))  # due 02-14
    books.system.handle(oms.RecordPayment(customer_code="ACME", amount="50.00", currency="USD",
                                          payment_date=date(2026, 4, 10), invoice_id=late))
    books.system.handle(oms.RecordPayment(customer_code="ACME", amount="110.00", currency="USD",
                                          payment_date=date(2026, 5, 1), invoice_id=paid_later))
    note = books.system.handle(oms.CreateCreditNote(invoice_id=not_due))
    books.system.handle(oms.PostInvoice(invoice_id=note, invoice_date=date(2026, 5, 2)))
    books.system.handle(oms.InvoiceOrders(orders=(books.system.handle(oms.CreateSalesOrder(
        customer_code="ACME", branch_code="NYC", confirm=True, lines=(oms.LineInput(sku="SETUP", quantity="9"),))),)))

    today = books.report("receivables-ageing")
    april = books.report("receivables-ageing", as_of=date(2026, 4, 30))

    buckets = ("current", "days_1_30", "days_31_60", "days_61_90", "days_over_90", "total")
    assert rows(today, "customer", "currency", "documents", *buckets) == [
        ("ACME", "USD", 1, D(0), D(0), D("60.00"), D(0), D(0), D("60.00"))]
    assert rows(april, "customer", "documents", *buckets) == [
        ("ACME", 3, D("110.00"), D("60.00"), D(0), D("110.00"), D(0), D("280.00"))]
    assert totals(april, "total") == (D("280.00"),)
    assert april.chart is not None
    assert april.chart.series == buckets[:-1]


def test_payables_age_what_posted_bills_still_owe_less_debit_notes_and_payments_by_supplier(books: Books) -> None:
    euro = books.order("EURO", ("BOLT", "10", "10.00"))
    yank = books.order("YANK", ("BOLT", "10", "4.00"))
    books.receive(euro, "10")
    books.receive(yank, "10")
    books.bill(euro, "E-1", date(2026, 3, 2), "10")  # 110.00 EUR due 04-01: 33 days late on 05-04
    bill = books.bill(yank, "Y-1", date(2026, 4, 20), "10")  # 44.00 USD due 05-20
    note = books.system.handle(oms.CreateDebitNote(bill_id=bill, supplier_invoice_number="YC-1",
                                                   bill_date=date(2026, 4, 21),
                                                   lines=(oms.DebitLine(line="1", quantity="5"),)))
    books.system.handle(oms.PostVendorBill(bill_id=note))
    books.at(TODAY).system.handle(oms.PayBill(bill_id=bill, amount="10.00", payment_date=date(2026, 5, 3)))

    table = books.report("payables-ageing")
    by_branch = books.report("payables-ageing", by="branch", supplier="YANK")

    assert rows(table, "supplier", "currency", "documents", "current", "days_31_60", "total") == [
        ("EURO", "EUR", 1, D(0), D("110.00"), D("110.00")), ("YANK", "USD", 1, D("12.00"), D(0), D("12.00"))]
    assert table.totals is None
    assert table.currency is None
    assert rows(by_branch, "branch", "currency", "total") == [("NYC", "USD", D("12.00"))]


def test_an_ageing_is_taken_at_a_day_and_refuses_a_period_or_a_day_to_come_naming_the_field(books: Books) -> None:
    books.at(TODAY)

    with pytest.raises(InvalidValue) as period:
        books.report("payables-ageing", start=date(2026, 1, 1))
    with pytest.raises(InvalidValue) as future:
        books.report("receivables-ageing", as_of=date(2026, 5, 5))
    with pytest.raises(InvalidValue) as day:
        books.report("purchase-spend", as_of=date(2026, 5, 1))

    assert "taken at a day (as_of)" in period.value.detail
    assert (future.value.field, day.value.field) == ("as_of", "as_of")
