"""Reports as the API and `--json` answer them: the catalogue, and a table with its cells as text (exact decimals,
ISO days), so a client reads every figure without a float."""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from oms.application.reports.catalogue import ReportDefinition
from oms.domain.reports.tables import Cell, ReportTable


@frozen(kw_only=True)
class ReportBasisView:
    name: str
    meaning: str


@frozen(kw_only=True)
class ReportInfoView:
    """A report of the catalogue: what it takes (`dating`: range, as_of or none; `groupings`: values of `by`, the
    first the default; `bases`: values of `basis`, the first the default; `filters`)."""

    name: str
    title: str
    summary: str
    dating: str
    groupings: list[str]
    bases: list[ReportBasisView]
    filters: list[str]


@frozen(kw_only=True)
class ReportColumnView:
    name: str
    title: str
    kind: str


@frozen(kw_only=True)
class ReportChartView:
    kind: str
    x: str
    series: list[str]
    title: str


@frozen(kw_only=True)
class ReportFilterView:
    name: str
    value: str


@frozen(kw_only=True)
class ReportView:
    report: str
    title: str
    basis: str
    currency: str | None
    columns: list[ReportColumnView]
    rows: list[list[str | None]]
    totals: list[str | None] | None
    chart: ReportChartView | None
    notes: list[str]
    filters: list[ReportFilterView]


def report_info(definition: ReportDefinition) -> ReportInfoView:
    return ReportInfoView(name=definition.name, title=definition.title, summary=definition.summary,
                          dating=str(definition.dating), groupings=list(definition.groupings),
                          bases=[ReportBasisView(name=name, meaning=definition.basis_meanings.get(name, ""))
                                 for name in definition.bases],
                          filters=sorted(definition.filters))


def cell_text(cell: Cell) -> str | None:
    if cell is None:
        return None
    if isinstance(cell, Decimal):
        return format(cell, "f")
    if isinstance(cell, int | str):
        return str(cell)
    return cell.isoformat()


def report_view(table: ReportTable) -> ReportView:
    chart = table.chart
    return ReportView(
        report=table.report, title=table.title, basis=table.basis, currency=table.currency,
        columns=[ReportColumnView(name=c.name, title=c.title, kind=str(c.kind)) for c in table.columns],
        rows=[[cell_text(cell) for cell in row] for row in table.rows],
        totals=None if table.totals is None else [cell_text(cell) for cell in table.totals],
        chart=None if chart is None else ReportChartView(kind=str(chart.kind), x=chart.x, series=list(chart.series),
                                                         title=chart.title),
        notes=list(table.notes), filters=[ReportFilterView(name=n, value=v) for n, v in table.filters])
