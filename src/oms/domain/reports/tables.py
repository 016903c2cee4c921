"""What a report answers with: a table (its columns, rows and totals), the bases of its figures, and the chart that
draws it. Cells are typed (text, exact decimals, counts, days); the front doors format them."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from attrs import field, frozen

Cell = str | Decimal | int | date | None


class ColumnKind(enum.StrEnum):
    TEXT = "text"  # a label: a product, a customer, a bucket of a period
    AMOUNT = "amount"  # money in the currency of the report's row (or of the report)
    QUANTITY = "quantity"
    COUNT = "count"
    PERCENT = "percent"  # 12.5 is 12.5 %
    DAYS = "days"
    DATE = "date"


@frozen
class Column:
    name: str  # a stable key (the CSV header, the JSON field)
    title: str  # what a person reads
    kind: ColumnKind = ColumnKind.TEXT


class ChartKind(enum.StrEnum):
    BARS = "bars"
    LINES = "lines"


@frozen(kw_only=True)
class ChartSpec:
    """How the table is drawn: one bar group or point per row, labelled by the column `x`, one series per column
    of `series` (amounts or quantities). `largest`: for labels that are not periods (customers, products), the most
    bar groups drawn: those of the largest labels (by the size of their series added up), largest first, and one
    more, "Other (n)", adding up the rest; the table keeps every row."""

    kind: ChartKind
    x: str
    series: tuple[str, ...]
    title: str
    largest: int | None = None


CHART_BARS = 25
"""The bar groups a chart of customers, suppliers or products shows before it adds up the rest as "Other"."""


@frozen(kw_only=True)
class ReportTable:
    """A report's answer. `basis` says which documents count and by which of their dates (bookings by order date,
    revenue by invoice posting date); `currency` the currency of the amounts (None: each row says its own in a
    `currency` column); `notes` what a reader must know to read it right."""

    report: str
    title: str
    basis: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    totals: tuple[Cell, ...] | None = None
    chart: ChartSpec | None = None
    currency: str | None = None
    notes: tuple[str, ...] = ()
    filters: tuple[tuple[str, str], ...] = field(default=())  # (name, value) of each filter applied, for the reader

    def __attrs_post_init__(self) -> None:
        width = len(self.columns)
        for row in (*self.rows, *(() if self.totals is None else (self.totals,))):
            if len(row) != width:
                raise ValueError(f"a row of {len(row)} cells in a table of {width} columns")
        names = {column.name for column in self.columns}
        if self.chart is not None and not {self.chart.x, *self.chart.series} <= names:
            raise ValueError("a chart draws columns the table does not have")

    def column(self, name: str) -> Sequence[Cell]:
        """The cells of one column, row by row."""
        index = [column.name for column in self.columns].index(name)
        return [row[index] for row in self.rows]
