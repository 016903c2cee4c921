"""What the benchmarks write beside the adapters, in oms's own tables: the raw ceiling of b, c and g, and the
orders d copies in. As the schema grows (a column without a default), their statements must grow with it, or
every benchmark run fails on them: what they write must read back through the adapters."""

from __future__ import annotations

import pytest

import oms
from benchmarks import scale
from benchmarks.raw_sql import RawPlacer
from benchmarks.sql_adapters import RAW_SKUS, seed
from oms.adapters.sql import SqlDatabase


def test_the_raw_placement_writes_an_order_the_adapters_read_back(sql_url: str) -> None:
    database = SqlDatabase.from_url(sql_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    seed(system)
    catalog = RawPlacer.lookup(sql_url, customer="ACME", branch="BER", warehouse="BER-1", skus=RAW_SKUS)
    placer = RawPlacer(sql_url, catalog)
    try:
        number = placer.place([(sku, 2) for sku in RAW_SKUS])
    finally:
        placer.close()

    assert number is not None
    order = system.sales_order(number)
    assert (order.status, [line.sku for line in order.lines]) == (oms.SalesOrderStatus.CONFIRMED, list(RAW_SKUS))
    assert [level.reserved for sku in RAW_SKUS for level in system.stock(sku)] == [2, 2, 2]
    database.dispose()


@pytest.mark.postgres
def test_the_orders_of_the_scale_benchmark_read_back_through_the_adapters(clean_postgres_url: str) -> None:
    """Benchmark d writes its customers and orders with COPY, beside the adapters: a column added without a
    default, or numbers taken from elsewhere, would stop every full run at its fourth step."""
    scale.generate(clean_postgres_url, 120)
    database = SqlDatabase.from_url(clean_postgres_url)
    system = oms.bootstrap(uow_factory=database.unit_of_work)
    system.handle(oms.SetTaxRate(jurisdiction="DE", category=oms.TaxCategory.STANDARD, rate="0.19"))
    system.handle(oms.CreateProduct(sku="DESK", name="Desk", price="10.00", currency="EUR"))

    copied = system.sales_order("SO-0000120")
    made = system.sales_order(system.handle(oms.CreateSalesOrder(
        customer_code="CUST-0001", branch_code="BER", lines=(oms.LineInput(sku="DESK", quantity="1"),))))
    database.dispose()

    assert copied.grand_total == copied.net_total + copied.tax_total > 0
    assert int(made.number.removeprefix("SO-")) == 121  # the sequence stands past the copied orders
