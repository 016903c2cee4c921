"""Stock reports in memory through `system.report`: what each takes and refuses (naming the field), and slow movers
never issued counted from their first receipt."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

import oms
from oms.domain.shared.errors import InvalidValue
from tests.unit.application.test_stock_reports_properties import START, plant

D = Decimal


@pytest.mark.parametrize(("report", "request_", "fields"), [
    ("stock-valuation", oms.ReportRequest(by="customer"), ("by",)),
    ("stock-valuation", oms.ReportRequest(customer="C"), ("customer",)),
    ("stock-valuation", oms.ReportRequest(start=date(2026, 1, 1)), ("start", "from")),  # `from` on older mains
    ("stock-valuation", oms.ReportRequest(as_of=date(2026, 3, 3)), ("as_of",)),
    ("stock-valuation", oms.ReportRequest(warehouse="NOWHERE"), ("warehouse",)),
    ("stock-valuation", oms.ReportRequest(product="NOTHING"), ("product",)),
    ("slow-movers", oms.ReportRequest(by="product"), ("by",)),
    ("slow-movers", oms.ReportRequest(supplier="S"), ("supplier",)),
    ("stock-cover", oms.ReportRequest(as_of=date(2026, 3, 1)), ("as_of",)),
    ("stock-cover", oms.ReportRequest(end=date(2026, 3, 1)), ("end", "to")),
])
def test_a_stock_report_refuses_what_it_does_not_take_naming_the_field(
        report: str, request_: oms.ReportRequest, fields: tuple[str, ...]) -> None:
    system = plant(oms.FixedClock(START))

    with pytest.raises(InvalidValue) as refused:
        system.report(report, request_)

    assert refused.value.field in fields


def test_the_catalogue_lists_the_stock_reports_with_their_dating_and_filters() -> None:
    catalogue = oms.report_catalogue()

    assert {name: (catalogue[name].dating.value, sorted(catalogue[name].filters), catalogue[name].groupings)
            for name in ("stock-valuation", "slow-movers", "stock-cover")} == {
        "stock-valuation": ("as_of", ["branch", "category", "product", "warehouse"],
                            ("product", "warehouse", "branch")),
        "slow-movers": ("as_of", ["branch", "category", "product", "warehouse"], ()),
        "stock-cover": ("none", ["branch", "category", "product", "warehouse"], ())}


def test_slow_movers_count_idle_days_from_the_first_receipt_when_nothing_was_ever_issued() -> None:
    clock = oms.FixedClock(START)
    system = plant(clock)
    system.handle(oms.ReceiveStock(sku="P1", warehouse_code="A", quantity="2", unit_cost="4.00"))
    clock.advance(timedelta(days=89))
    system.handle(oms.ReceiveStock(sku="P2", warehouse_code="B", quantity="1", unit_cost="100.00"))

    on_day_89 = system.report("slow-movers")
    clock.advance(timedelta(days=1))
    on_day_90 = system.report("slow-movers")

    assert on_day_89.rows == ()
    assert on_day_90.rows == (("P1", "A", "EUR", D(2), D("8.00"), None, 90),)
