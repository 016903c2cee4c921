"""Reports in the console: the catalogue, a report's page with its form, basis, chart and table (its first rows only,
the totals over all), its exports as CSV, SVG and PNG, and a bad filter shown as the error page naming it."""

from __future__ import annotations

import pytest
from flask import Flask

import oms
from oms.domain.access.tokens import Role
from oms.entrypoints.console import reports as console_reports
from tests.unit.console.conftest import Browser, browser, text
from tests.unit.console.test_production_pages import rows


@pytest.fixture
def viewer(app: Flask) -> Browser:
    return browser(app, Role.VIEWER)


@pytest.fixture
def booked(system: oms.OrderManagement) -> None:
    """SO-000001: 2 DESK at 100.00 for ACME, confirmed on 2026-03-02."""
    order = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER",
                                               lines=(oms.LineInput(sku="DESK", quantity="2"),)))
    system.handle(oms.ConfirmSalesOrder(order_id=order))


def test_the_catalogue_links_every_report(viewer: Browser) -> None:
    page = text(viewer.get("/console/reports"))

    assert [cells[0] for cells in rows(page, "reports")] == [r.title for r in oms.report_catalogue().values()]
    assert 'href="/console/reports/sales"' in page


def test_a_reports_page_states_its_basis_draws_its_chart_and_shows_its_table(booked: None, viewer: Browser) -> None:
    page = text(viewer.get("/console/reports/sales?start=2026-03-01&end=2026-03-31&by=month"))

    assert "sales orders confirmed and not cancelled, by order date" in page
    assert '<img src="/console/reports/sales/chart.svg?' in page
    assert rows(page, "report")[0] == ["2026-03", "EUR", "2", "200.00", "0.00", ""]
    assert "<th>Total</th>" in page
    assert 'href="/console/reports/sales/report.csv?' in page


def test_a_table_longer_than_the_page_shows_its_first_rows_totals_all_and_says_the_csv_holds_them(
        system: oms.OrderManagement, viewer: Browser, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(console_reports, "ROWS_SHOWN", 2)
    order = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER",
                                               lines=tuple(oms.LineInput(sku="DESK", quantity="1") for _ in range(3))))
    system.handle(oms.ConfirmSalesOrder(order_id=order))

    page = text(viewer.get("/console/reports/backlog"))
    csv = viewer.get("/console/reports/backlog/report.csv").get_data(as_text=True).splitlines()

    assert [cells[1] for cells in rows(page, "report") if cells] == ["1", "2"]  # the totals row has no td
    assert "<th>Total</th><th class=\"num\">3</th>" in page
    note = page.split('id="rows-shown">', 1)[1].split("</p>", 1)[0]
    assert "2 of 3 rows shown" in note
    assert 'href="/console/reports/backlog/report.csv">CSV export</a> holds them all' in note
    assert [line.split(",")[1] for line in csv[1:]] == ["1", "2", "3", "3"]  # three lines, then the totals


def test_a_table_the_page_holds_whole_has_no_note(booked: None, viewer: Browser) -> None:
    page = text(viewer.get("/console/reports/backlog"))

    assert len([cells for cells in rows(page, "report") if cells]) == 1
    assert 'id="rows-shown"' not in page


def test_the_exports_are_csv_svg_and_png(booked: None, viewer: Browser) -> None:
    query = "?start=2026-03-01&end=2026-03-31"

    csv = viewer.get(f"/console/reports/sales/report.csv{query}")
    svg = viewer.get(f"/console/reports/sales/chart.svg{query}")
    png = viewer.get(f"/console/reports/sales/chart.png{query}")

    assert csv.mimetype == "text/csv"
    assert "2026-03,EUR,2,200.00,0.00," in csv.get_data(as_text=True)
    assert svg.mimetype == "image/svg+xml"
    assert b"<svg" in svg.data
    assert png.data.startswith(b"\x89PNG")


def test_a_filter_the_report_does_not_take_shows_the_error_page_naming_it(viewer: Browser) -> None:
    response = viewer.get("/console/reports/sales?supplier=X")

    assert response.status_code == 422
    assert "supplier" in text(response)


def test_a_report_needs_a_signed_in_user(app: Flask) -> None:
    anonymous = browser(app, None)

    assert anonymous.get("/console/reports/sales").status_code in (302, 303)
    assert anonymous.get("/console/reports/sales/chart.svg").status_code in (302, 303)
