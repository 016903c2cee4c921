"""Property: any supplier price, written to its CSV file and read back, is the row that sets the same entry (names
that look like formulas, quotes and commas included), and a file of them imported again changes nothing."""

from __future__ import annotations

import io
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

import oms
from oms.application.masterdata.supplier_exports import SupplierPriceRecord
from oms.application.shared.views import money
from oms.entrypoints.csvfiles import SUPPLIER_PRICES, csv_writer, records

DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
UNITS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12).map(str.strip)


@st.composite
def price_records(draw: st.DrawFn) -> SupplierPriceRecord:
    valid_from = draw(st.none() | DAYS)
    valid_to = draw(st.none() | DAYS.filter(lambda day: valid_from is None or day >= valid_from))
    return SupplierPriceRecord(
        supplier_code="BOLT", sku="BOOK", price=money(draw(st.decimals("0.000001", "99999", places=6)), "EUR"),
        min_quantity=draw(st.decimals("0", "1000", places=3)), purchase_unit=draw(UNITS),
        unit_factor=draw(st.decimals("0.001", "500", places=3)), lead_time_days=draw(st.none() | st.integers(0, 400)),
        valid_from=valid_from, valid_to=valid_to, preferred=draw(st.booleans()))


@settings(max_examples=60, deadline=None)
@given(record=price_records())
def test_property_a_supplier_price_read_back_from_its_file_sets_the_same_entry(record: SupplierPriceRecord) -> None:
    file = io.StringIO()
    write = csv_writer(file)
    write(SUPPLIER_PRICES.columns)
    write(SUPPLIER_PRICES.cells(record))
    system = oms.bootstrap()
    system.handle(oms.CreateProduct(sku="BOOK", name="Book", price="20.00", currency="EUR"))
    system.handle(oms.CreateSupplier(code="BOLT", name="Bolt AG", currency="EUR", lead_time_days=7))

    rows = [SUPPLIER_PRICES.build(number, cells) for number, cells in records(io.StringIO(file.getvalue()),
                                                                               SUPPLIER_PRICES, "prices.csv")]
    first = system.handle(oms.ImportSupplierPrices(rows=tuple(row for row, _ in rows)))
    again = system.handle(oms.ImportSupplierPrices(rows=tuple(row for row, _ in rows)))

    assert [errors for _, errors in rows] == [[]]
    assert (first.created, first.refused, again.unchanged) == (1, (), 1)
    [stored] = system.read(oms.supplier_price_records).items
    assert stored == record
