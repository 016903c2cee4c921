"""Report figures are exact on every store: sums of amounts that a float would get wrong (0.10 + 0.20, 2911.98)
come back to the cent on memory, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import oms
from oms.adapters.sql.reports.summary import rebuild_sales_summary

from .integration_helpers import Backend, seed_master_data


def test_sales_figures_add_up_to_the_cent_on_every_store(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory,
                           clock=oms.FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC)))
    seed_master_data(system, stock={"BER-A": 100})
    for price in ("0.10", "0.20", "2911.68"):
        order = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", lines=(
            oms.LineInput(sku="WIDGET", quantity="1", unit_price=price),)))
        system.handle(oms.ConfirmSalesOrder(order_id=order))

    report = system.report("sales", oms.ReportRequest(start=date(2026, 3, 1), end=date(2026, 3, 31)))

    assert report.rows == (("2026-03", "EUR", Decimal(3), Decimal("2911.98"), Decimal(0), None),)
    assert str(report.rows[0][3]) == "2911.98"


def test_a_category_filter_counts_only_that_categorys_products_on_every_store(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory,
                           clock=oms.FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC)))
    seed_master_data(system, stock={"BER-A": 100})
    system.handle(oms.UpdateProduct(sku="WIDGET", category="hardware"))
    system.handle(oms.ReceiveStock(sku="GADGET", warehouse_code="BER-A", quantity="10", reference="opening"))
    order = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", lines=(
        oms.LineInput(sku="WIDGET", quantity="2", unit_price="10.00"),
        oms.LineInput(sku="GADGET", quantity="1", unit_price="99.90"))))
    system.handle(oms.ConfirmSalesOrder(order_id=order))
    first, last = date(2026, 3, 1), date(2026, 3, 31)

    hardware = system.report("sales", oms.ReportRequest(category="hardware", start=first, end=last))
    by_product = system.report("sales", oms.ReportRequest(category="hardware", by="product", start=first, end=last))
    nothing = system.report("sales", oms.ReportRequest(category="toys", start=first, end=last))

    assert hardware.rows[0][2:4] == (Decimal(2), Decimal("20.00"))
    assert [row[0] for row in by_product.rows] == ["WIDGET"]
    assert nothing.rows[0][2:4] == (Decimal(0), Decimal("0.00"))
    assert ("category", "hardware") in hardware.filters
    if backend.url is not None:  # read again through the daily summary, rebuilt from the documents
        rebuild_sales_summary(backend.uow_factory)
        again = system.report("sales", oms.ReportRequest(category="hardware", by="product", start=first, end=last))
        assert again == by_product
