"""Reports for viewers: the overview of what waits in the back office today (the console's home page), and every
report of the catalogue as JSON, CSV and its chart as SVG or PNG."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
from attrs import frozen
from flask import Response

from oms.application.reports.catalogue import report_catalogue, run_report
from oms.application.reports.overview import Overview, overview
from oms.application.reports.requests import ReportRequest
from oms.application.reports.views import ReportInfoView, ReportView, report_info, report_view
from oms.domain.access.tokens import Role
from oms.domain.reports.tables import ReportTable
from oms.entrypoints.http.config import api
from oms.entrypoints.http.endpoints import ApiBlueprint, Call, Rendered
from oms.entrypoints.http.listing import LIMIT, parameters
from oms.entrypoints.report_files import MEDIA_TYPES, export_name, exported

bp = ApiBlueprint("reports", __name__, tag="reports")


@frozen(kw_only=True)
class OverviewQuery:
    """`low_stock_threshold`: a level is low at or below this available quantity; `limit`: rows per list."""

    low_stock_threshold: Decimal = Decimal(5)
    limit: int = attrs.field(default=10, metadata=LIMIT)


@bp.operation("GET", "/overview", summary="What waits today: orders to confirm, to ship and backordered, "
              "quotations expiring within a week, stock running low", role=Role.VIEWER, response=Overview,
              query=OverviewQuery)
def show_overview(call: Call) -> Overview:
    wanted = call.query(OverviewQuery)
    with parameters({"threshold": "low_stock_threshold"}):
        return call.system.read(overview, api().listings, today=call.system.bus.clock.now().date(),
                                low_stock_threshold=wanted.low_stock_threshold, limit=wanted.limit)


_CODE = attrs.field(default=None, metadata={"schema": {"maxLength": 64}})


@frozen(kw_only=True)
class ReportQuery:
    """`start` and `end`: the first and last day a report over a period covers (both included); `as_of`: the day
    a report at a day is taken; `by`: its grouping; `basis`: which documents count; the rest filter by code (a
    product by SKU, a category by name). Each report takes some of them: see `GET /reports`."""

    start: date | None = None
    end: date | None = None
    as_of: date | None = None
    by: str | None = _CODE
    basis: str | None = _CODE
    branch: str | None = _CODE
    customer: str | None = _CODE
    supplier: str | None = _CODE
    product: str | None = _CODE
    category: str | None = _CODE
    warehouse: str | None = _CODE


def _table(call: Call) -> ReportTable:
    q = call.query(ReportQuery)
    request = ReportRequest(start=q.start, end=q.end, as_of=q.as_of, by=q.by, basis=q.basis, branch=q.branch,
                            customer=q.customer, supplier=q.supplier, product=q.product, category=q.category,
                            warehouse=q.warehouse)
    return call.system.read(run_report, call.args["name"], request, call.system.bus.clock.now().date())


@bp.operation("GET", "/reports", summary="Every report: what each groups by, counts and takes as filters",
              role=Role.VIEWER, response=list[ReportInfoView])
def list_reports(call: Call) -> list[ReportInfoView]:
    return [report_info(definition) for definition in report_catalogue().values()]


@bp.operation("GET", "/reports/<name>", summary="A report: its table (exact figures as text), the basis of its "
              "figures and how its chart draws it", role=Role.VIEWER, response=ReportView, query=ReportQuery,
              errors=(404, 422))
def show_report(call: Call) -> ReportView:
    return report_view(_table(call))


def _export(call: Call, fmt: str) -> Response:
    table = _table(call)
    return Response(exported(table, fmt), mimetype=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'inline; filename="{export_name(table, fmt)}"'})


@bp.operation("GET", "/reports/<name>/report.csv", summary="A report's table as CSV (its totals last)",
              role=Role.VIEWER, response=Rendered(media_type="text/csv"), query=ReportQuery, errors=(404, 422))
def export_report_csv(call: Call) -> Response:
    return _export(call, "csv")


@bp.operation("GET", "/reports/<name>/chart.svg", summary="A report's chart as SVG", role=Role.VIEWER,
              response=Rendered(media_type="image/svg+xml"), query=ReportQuery, errors=(404, 422))
def export_report_svg(call: Call) -> Response:
    return _export(call, "svg")


@bp.operation("GET", "/reports/<name>/chart.png", summary="A report's chart as PNG", role=Role.VIEWER,
              response=Rendered(media_type="image/png", binary=True), query=ReportQuery, errors=(404, 422))
def export_report_png(call: Call) -> Response:
    return _export(call, "png")
