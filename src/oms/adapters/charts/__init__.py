"""Report charts drawn on the server (matplotlib)."""

from oms.adapters.charts.drawing import CHART_FORMATS, draw_chart

__all__ = ["CHART_FORMATS", "draw_chart"]
