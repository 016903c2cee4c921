"""The order and purchasing reports filtered by a product category on memory, SQLite and PostgreSQL, through
`system.report(...)`: only the lines of that category's products count, and a document-level report (quotation
conversion, which orders the analysis lists) keeps the documents with such a line, as a product filter does."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import oms
from oms.domain.reports.tables import ReportTable

from .integration_helpers import Backend, seed_master_data

D = Decimal
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
MARCH = {"start": date(2026, 3, 1), "end": date(2026, 3, 31)}


def rows(table: ReportTable, *names: str) -> list[tuple[object, ...]]:
    index = [column.name for column in table.columns]
    return [tuple(row[index.index(name)] for name in names) for row in table.rows]


def sold_and_bought(system: oms.OrderManagement) -> None:
    """WIDGET is hardware, GADGET has no category. Sales: an order of 2 WIDGET and 1 GADGET and one of 3 GADGET,
    both confirmed and nothing shipped; a quotation with both and one with GADGET only. Purchases from EURO: 10
    WIDGET at 4.00 and 5 GADGET at 20.00, of which 6 WIDGET and 2 GADGET arrived and were billed (posted)."""
    handle = system.handle
    seed_master_data(system, stock={"BER-A": 100})
    handle(oms.UpdateProduct(sku="WIDGET", category="hardware"))
    handle(oms.ReceiveStock(sku="GADGET", warehouse_code="BER-A", quantity="10", reference="opening"))
    for lines in ((("WIDGET", "2", "10.00"), ("GADGET", "1", "99.90")), (("GADGET", "3", "99.90"),)):
        handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True, lines=tuple(
            oms.LineInput(sku=sku, quantity=quantity, unit_price=price) for sku, quantity, price in lines)))
        handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER", valid_until=date(2026, 4, 30),
                                   lines=tuple(oms.LineInput(sku=sku, quantity=quantity, unit_price=price)
                                               for sku, quantity, price in lines)))
    handle(oms.CreateSupplier(code="EURO", name="Euro Parts", currency="EUR", payment_terms="net 30",
                              lead_time_days=5))
    order = handle(oms.CreatePurchaseOrder(supplier_code="EURO", branch_code="BER", lines=(
        oms.LineInput(sku="WIDGET", quantity="10", unit_price="4.00"),
        oms.LineInput(sku="GADGET", quantity="5", unit_price="20.00"))))
    handle(oms.PlacePurchaseOrder(order_id=order))
    with system.uow_factory() as uow:
        ids = [line.id for line in uow.procurement.orders.get(order).lines]
    handle(oms.ReceiveGoods(order_id=order, lines=(oms.ReceiptLine(line_id=ids[0], quantity="6"),
                                                   oms.ReceiptLine(line_id=ids[1], quantity="2"))))
    bill = handle(oms.BillPurchaseOrder(order_id=order, supplier_invoice_number="EU-1", bill_date=date(2026, 3, 2),
                                        lines=(oms.BillLineRequest(line="1", quantity="6"),
                                               oms.BillLineRequest(line="2", quantity="2"))))
    handle(oms.PostVendorBill(bill_id=bill))


def test_the_order_and_purchasing_reports_filtered_by_a_category_count_only_that_categorys_products(
        backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=oms.FixedClock(NOW))
    sold_and_bought(system)

    def report(name: str, **given: object) -> ReportTable:
        return system.report(name, oms.ReportRequest(**given))  # type: ignore[arg-type]

    analysis, every_line = report("order-analysis", category="hardware", **MARCH), report("order-analysis", **MARCH)
    backlog, by_customer = report("backlog", category="hardware"), report("backlog", by="customer", category="hardware")
    quotations = report("quotation-conversion", category="hardware", **MARCH)
    spend = report("purchase-spend", by="product", category="hardware", **MARCH)
    commitments = report("purchase-commitments", by="product", category="hardware")
    on_time = report("supplier-on-time", category="hardware", **MARCH)
    toys = [report(name, category="toys", **MARCH) for name in ("order-analysis", "purchase-spend", "supplier-on-time")]

    assert rows(analysis, "product", "ordered", "net") == [("WIDGET", D(2), D("20.00"))]
    assert len(every_line.rows) == 3  # the GADGET lines the filter leaves out
    assert rows(backlog, "product", "open_quantity", "open_value") == [("WIDGET", D(2), D("20.00"))]
    assert backlog.totals is not None
    assert (backlog.totals[1], backlog.totals[-2]) == (1, D("20.00"))  # open lines and value: the groups' sums
    assert rows(by_customer, "customer", "open_lines", "open_value") == [("ACME", 1, D("20.00"))]
    assert rows(quotations, "quotations", "open") == [(1, 1)]  # the quotation with a WIDGET line, not GADGET's
    assert rows(spend, "product", "bills", "net") == [("WIDGET", 1, D("24.00"))]
    assert rows(commitments, "product", "lines", "quantity", "amount") == [("WIDGET", 1, D(4), D("16.00"))]
    assert rows(on_time, "supplier", "lines") == [("EURO", 1)]
    assert [table.rows for table in toys] == [(), (), ()]
    assert ("category", "hardware") in spend.filters
