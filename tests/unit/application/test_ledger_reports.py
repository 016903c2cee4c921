"""The purchasing and ageing reports through the Python API, in memory: every grouping of each answers on a store
with nothing to report, with its basis stated and a chart over columns the table has."""

from __future__ import annotations

from decimal import Decimal

import pytest

import oms

REPORTS = ("purchase-spend", "purchase-commitments", "supplier-on-time", "receivables-ageing", "payables-ageing")


@pytest.mark.parametrize("name", REPORTS)
def test_every_grouping_answers_with_its_basis_and_a_chart_when_there_is_nothing_to_report(
        system: oms.OrderManagement, name: str) -> None:
    definition = oms.report_catalogue()[name]

    tables = [system.report(name, oms.ReportRequest(by=by)) for by in definition.groupings]

    assert all(table.basis and table.chart is not None for table in tables)
    assert all(table.report == name for table in tables)
    assert all(value == 0 for table in tables for row in table.rows for value in row
               if isinstance(value, int | Decimal))
