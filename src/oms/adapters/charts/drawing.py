"""A report's chart drawn as SVG or PNG with matplotlib, the maintained plotting library (its Agg and SVG back ends
need no system library).

matplotlib is imported on the first chart, not at start (it takes about a third of a second). Figures are made
with its object API, never pyplot's global state, and drawn one at a time (its font caches are not thread-safe);
a chart drawn once is kept, keyed by the table it draws, so a page and its export draw it once. The SVG keeps its
text as text and carries no date, so the same table gives the same bytes."""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from oms.domain.reports.tables import ChartKind, ReportTable

CHART_FORMATS = ("svg", "png")
MAX_LABEL = 24  # characters of an axis label; longer ones end in an ellipsis
_lock = threading.Lock()
COLOURS = ("#2f6db5", "#9bb7d9", "#e08a2e", "#5a9e4b", "#b5443b", "#7d5ba6")


def _number(cell: object) -> float:
    return float(cell) if isinstance(cell, Decimal | int) else 0.0


def _label(cell: object) -> str:
    text = "" if cell is None else str(cell)
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "\u2026"


def chart_series(table: ReportTable) -> tuple[list[str], list[tuple[str, list[float]]]]:
    """The x labels and each series' values; a table with a row per currency gets a series per currency."""
    chart = table.chart
    assert chart is not None, "the table has no chart"
    names = [column.name for column in table.columns]
    titles = {column.name: column.title for column in table.columns}
    x = names.index(chart.x)
    currency = names.index("currency") if "currency" in names else None
    currencies = sorted({str(row[currency]) for row in table.rows}) if currency is not None else [""]
    labels = list(dict.fromkeys(_label(row[x]) for row in table.rows))
    series = []
    for name in chart.series:
        index = names.index(name)
        for code in currencies:
            values = dict.fromkeys(labels, 0.0)
            for row in table.rows:
                if currency is None or str(row[currency]) == code:
                    values[_label(row[x])] += _number(row[index])
            title = titles[name] if len(currencies) == 1 else f"{titles[name]} ({code})"
            series.append((title, list(values.values())))
    if chart.largest is not None and len(labels) > chart.largest:
        return _largest(labels, series, chart.largest)
    return labels, series


def _largest(labels: list[str], series: list[tuple[str, list[float]]],
             kept: int) -> tuple[list[str], list[tuple[str, list[float]]]]:
    """The `kept` largest labels (by their series' sizes added up), largest first, and "Other (n)" adding up the
    rest."""
    size = [sum(abs(values[index]) for _, values in series) for index in range(len(labels))]
    order = sorted(range(len(labels)), key=lambda index: -size[index])
    largest, rest = order[:kept], order[kept:]
    return ([labels[index] for index in largest] + [f"Other ({len(rest)})"],
            [(title, [values[index] for index in largest] + [sum(values[index] for index in rest)])
             for title, values in series])


def draw_chart(table: ReportTable, fmt: str) -> bytes:
    """The table's chart as `fmt` ("svg" or "png")."""
    if fmt not in CHART_FORMATS:
        raise ValueError(f"a chart is drawn as {' or '.join(CHART_FORMATS)}, not {fmt}")
    return _drawn(table, fmt)


@functools.lru_cache(maxsize=128)
def _drawn(table: ReportTable, fmt: str) -> bytes:
    with _lock:
        return _draw(table, fmt)


def _draw(table: ReportTable, fmt: str) -> bytes:
    import matplotlib
    from matplotlib.figure import Figure

    chart = table.chart
    assert chart is not None, "the table has no chart"
    labels, series = chart_series(table)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "oms", "font.size": 9,
                                "axes.spines.top": False, "axes.spines.right": False}):
        figure = Figure(figsize=(8.0, 3.6), dpi=100, layout="constrained")
        axes = figure.add_subplot()
        positions = list(range(len(labels)))
        if chart.kind is ChartKind.BARS:
            _bars(axes, positions, series)
        else:
            for index, (title, values) in enumerate(series):
                axes.plot(positions, values, marker="o", markersize=3, label=title,
                          color=COLOURS[index % len(COLOURS)])
        axes.set_title(chart.title, loc="left")
        axes.set_xticks(positions, labels, rotation=45 if len(labels) > 8 else 0,
                        ha="right" if len(labels) > 8 else "center")
        if table.currency:
            axes.set_ylabel(table.currency)
        axes.grid(axis="y", linewidth=0.4, alpha=0.6)
        if len(series) > 1:
            axes.legend(frameon=False, fontsize=8)
        buffer = io.BytesIO()
        figure.savefig(buffer, format=fmt, metadata=_metadata(fmt))
    return buffer.getvalue()


def _bars(axes: Any, positions: Sequence[int], series: list[tuple[str, list[float]]]) -> None:
    width = 0.8 / max(len(series), 1)
    for index, (title, values) in enumerate(series):
        offset = (index - (len(series) - 1) / 2) * width
        axes.bar([position + offset for position in positions], values, width=width, label=title,
                 color=COLOURS[index % len(COLOURS)])


def _metadata(fmt: str) -> dict[str, Any]:
    return {"Date": None, "Creator": "oms"} if fmt == "svg" else {"Software": "oms"}
