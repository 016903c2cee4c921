"""A chart of many customers or products draws the largest and adds up the rest as "Other"; the table keeps every
row."""

from __future__ import annotations

from decimal import Decimal

from oms.adapters.charts.drawing import chart_series, draw_chart
from oms.domain.reports.tables import ChartKind, ChartSpec, Column, ColumnKind, ReportTable


def _table(rows: int, largest: int | None) -> ReportTable:
    return ReportTable(
        report="test", title="Owed by customer", basis="test",
        columns=(Column("customer", "Customer"), Column("current", "Not due", ColumnKind.AMOUNT),
                 Column("late", "Late", ColumnKind.AMOUNT)),
        rows=tuple((f"C{n:02}", Decimal(n), Decimal(1)) for n in range(rows)),
        chart=ChartSpec(kind=ChartKind.BARS, x="customer", series=("current", "late"), title="Owed",
                        largest=largest))


def test_a_chart_of_more_labels_than_it_keeps_draws_the_largest_first_and_adds_up_the_rest_as_other() -> None:
    labels, series = chart_series(_table(40, largest=25))

    assert labels == [f"C{n:02}" for n in range(39, 14, -1)] + ["Other (15)"]
    assert series == [("Not due", [float(n) for n in range(39, 14, -1)] + [float(sum(range(15)))]),
                      ("Late", [1.0] * 25 + [15.0])]
    assert draw_chart(_table(40, largest=25), "svg").count(b"Other (15)") == 1


def test_a_chart_of_as_many_labels_as_it_keeps_or_of_periods_draws_every_row_in_the_tables_order() -> None:
    assert chart_series(_table(25, largest=25))[0] == [f"C{n:02}" for n in range(25)]
    assert chart_series(_table(40, largest=None))[0] == [f"C{n:02}" for n in range(40)]
