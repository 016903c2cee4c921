"""Reports in the console: the catalogue, and each report's page (a form of what it takes, its chart drawn on the
server next to its table, its basis stated) with its exports as CSV, SVG and PNG. Viewers read them.

A page shows the first `ROWS_SHOWN` rows of its table, in the table's own order, as an ERP list view does, with its
totals over every row and a note saying how many rows there are: drawing 2,000 rows as HTML took longer than running
the report (577 ms for a 529 KB page whose figures took 330). The exports, the HTTP API and the CLI hold every row."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request

from oms.application.reports.catalogue import Dating, report_catalogue, report_named, run_report
from oms.domain.shared.errors import DomainError
from oms.entrypoints.console.auth import require
from oms.entrypoints.console.pages import viewer_page
from oms.entrypoints.http.config import api
from oms.entrypoints.http.problems import problem_for
from oms.entrypoints.report_files import MEDIA_TYPES, REQUEST_FIELDS, export_name, exported, report_request, shown

ROWS_SHOWN = 200
"""The most rows of a report's table its console page shows."""


def _given() -> dict[str, str]:
    """The request's report fields (blank ones left out); the page's own controls are not passed on."""
    return {name: value for name in REQUEST_FIELDS if (value := request.args.get(name, "").strip())}


def _table(name: str) -> Any:
    return api().system.read(run_report, name, report_request(_given()), api().system.bus.clock.now().date())


def reports_page() -> Any:
    return viewer_page("console/reports.html", lambda: list(report_catalogue().values()))


def report_page(name: str) -> Any:
    return viewer_page("console/report.html", lambda: _table(name), definition=report_named(name) if name in
                       report_catalogue() else None, given=_given(), Dating=Dating, shown=shown, rows_shown=ROWS_SHOWN)


def _export(name: str, fmt: str) -> Any:
    user = require()
    if isinstance(user, Response):
        return user
    try:
        table = _table(name)
        data = exported(table, fmt)
    except DomainError as error:
        problem = problem_for(error)
        return Response(problem.detail, status=problem.status, mimetype="text/plain")
    return Response(data, mimetype=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'inline; filename="{export_name(table, fmt)}"',
                             "Cache-Control": "private, max-age=60"})


def register(bp: Blueprint) -> None:
    from oms.entrypoints.console.app import add_to_menu

    bp.add_url_rule("/reports", "reports", reports_page)
    bp.add_url_rule("/reports/<name>", "report", report_page)
    for fmt, file in (("csv", "report.csv"), ("svg", "chart.svg"), ("png", "chart.png")):
        bp.add_url_rule(f"/reports/<name>/{file}", f"report_{fmt}",
                        lambda name, fmt=fmt: _export(name, fmt))
    add_to_menu("console.reports", "Reports")
