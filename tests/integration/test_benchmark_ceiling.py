"""The raw ceiling of benchmarks b, c and g writes in oms's own tables: as the schema grows (a column without a
default), its statements must grow with it, or every benchmark run fails on them. Its order must read back
through the adapters as a confirmed order holding its stock."""

from __future__ import annotations

import oms
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
