"""What every front door does with a report: read its request from text (a query string, CLI options), show its
cells, and export it as CSV, SVG or PNG."""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from oms.adapters.charts import CHART_FORMATS, draw_chart
from oms.application.reports.requests import FILTERS, ReportRequest
from oms.domain.reports.tables import Cell, Column, ColumnKind, ReportTable
from oms.domain.shared.errors import InvalidValue
from oms.entrypoints.csvfiles import csv_writer
from oms.entrypoints.json.converter import format_decimal

EXPORT_FORMATS = ("csv", *CHART_FORMATS)
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "svg": "image/svg+xml", "png": "image/png"}
REQUEST_FIELDS = ("start", "end", "as_of", "by", "basis", *FILTERS)
_PLACES = {ColumnKind.AMOUNT: 2, ColumnKind.PERCENT: 1}


def _day(name: str, text: str | None) -> date | None:
    if text is None or text == "":
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidValue(name, f"{text!r} is not a day (YYYY-MM-DD)") from None


def report_request(given: Mapping[str, str | None]) -> ReportRequest:
    """A request from text fields named as the front doors name them (`start`, `end`, `as_of`, `by`, `basis` and the
    filters); empty fields are left out; an unknown field is refused, named."""
    unknown = sorted(name for name in given if name not in REQUEST_FIELDS)
    if unknown:
        raise InvalidValue(unknown[0], "is not a parameter of reports")
    text = {name: value.strip() for name, value in given.items() if value is not None and value.strip() != ""}
    return ReportRequest(start=_day("start", text.get("start")), end=_day("end", text.get("end")),
                         as_of=_day("as_of", text.get("as_of")), by=text.get("by"), basis=text.get("basis"),
                         **{name: text.get(name) for name in FILTERS})


def shown(cell: Cell, column: Column) -> str:
    """A cell as a person reads it: amounts to the cent, percentages to one decimal, empty for nothing."""
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return format_decimal(cell, _PLACES.get(column.kind, 0))
    return str(cell)


def shown_row(row: tuple[Cell, ...], table: ReportTable) -> list[str]:
    return [shown(cell, column) for cell, column in zip(row, table.columns, strict=True)]


def report_csv(table: ReportTable) -> str:
    """The table as CSV: a header of the columns' titles, its rows, then its totals; formulas neutralised."""
    out = io.StringIO()
    write = csv_writer(out)
    write([column.title for column in table.columns])
    for row in table.rows:
        write(shown_row(row, table))
    if table.totals is not None:
        write(shown_row(table.totals, table))
    return out.getvalue()


def exported(table: ReportTable, fmt: str) -> bytes:
    """The table as `fmt`: csv, svg or png (a report without a chart has only its CSV)."""
    if fmt not in EXPORT_FORMATS:
        raise InvalidValue("format", f"must be one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "csv":
        return report_csv(table).encode()
    if table.chart is None:
        raise InvalidValue("format", f"the {table.report} report has no chart; export it as csv")
    return draw_chart(table, fmt)


def export_name(table: ReportTable, fmt: str) -> str:
    return f"{table.report}.{fmt}"
