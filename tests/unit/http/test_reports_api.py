"""Reports over HTTP: the catalogue, any report as JSON with its figures exact, as CSV, and its chart as SVG and PNG;
requests a report does not take are refused, naming the parameter."""

from __future__ import annotations

from datetime import timedelta

import pytest

import oms
from oms.entrypoints.http.testing import Caller


def _order(clerk: Caller, quantity: str, customer: str = "ACME") -> None:
    answer = clerk.post("/sales-orders", json={"customer_code": customer, "branch_code": "BER", "confirm": True,
                                               "lines": [{"sku": "DESK", "quantity": quantity}]})
    assert answer.status_code == 201, answer.get_json()


def test_the_catalogue_says_what_each_report_groups_by_counts_and_takes(viewer: Caller) -> None:
    catalogue = {info["name"]: info for info in viewer.get("/reports").get_json()}

    assert catalogue["sales"]["groupings"][0] == "month"
    assert catalogue["sales"]["bases"][0]["name"] == "bookings"
    assert "customer" in catalogue["sales"]["filters"]
    assert catalogue["sales"]["dating"] == "range"


def test_sales_by_week_answer_exact_amounts_per_bucket_with_the_previous_period(
        clerk: Caller, viewer: Caller, clock: oms.FixedClock) -> None:
    _order(clerk, "2")  # 2 x 100.00 on Monday 2026-03-02
    clock.current += timedelta(days=7)
    _order(clerk, "1")
    _order(clerk, "3", customer="UNI")

    answer = viewer.get("/reports/sales", query_string={"start": "2026-03-02", "end": "2026-03-15", "by": "week"})

    report = answer.get_json()
    assert answer.status_code == 200, report
    assert [column["name"] for column in report["columns"]][:4] == ["period", "currency", "quantity", "amount"]
    assert [row[:4] for row in report["rows"]] == [["2026-W10", "EUR", "2", "200.00"],
                                                   ["2026-W11", "EUR", "4", "400.00"]]
    assert report["totals"][:4] == ["Total", "EUR", "6", "600.00"]
    assert report["chart"]["x"] == "period"
    assert "order date" in report["basis"]


def test_a_customer_filter_counts_only_that_customers_orders(clerk: Caller, viewer: Caller) -> None:
    _order(clerk, "2")
    _order(clerk, "3", customer="UNI")

    report = viewer.get("/reports/sales", query_string={"customer": "UNI", "by": "month",
                                                        "start": "2026-03-01", "end": "2026-03-31"}).get_json()

    assert report["rows"] == [["2026-03", "EUR", "3", "300.00", "0.00", None]]
    assert report["filters"] == [{"name": "customer", "value": "UNI"}]


def test_a_category_filter_keeps_only_that_categorys_lines_in_the_order_analysis(
        system: oms.OrderManagement, clerk: Caller, viewer: Caller) -> None:
    system.handle(oms.UpdateProduct(sku="DESK", category="furniture"))
    answer = clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER", "confirm": True,
                                               "lines": [{"sku": "DESK", "quantity": "2"},
                                                         {"sku": "FIT", "quantity": "1"}]})
    assert answer.status_code == 201, answer.get_json()
    march = {"start": "2026-03-01", "end": "2026-03-31"}

    furniture = viewer.get("/reports/order-analysis", query_string={"category": "furniture", **march}).get_json()
    every_line = viewer.get("/reports/order-analysis", query_string=march).get_json()

    product = [column["name"] for column in furniture["columns"]].index("product")
    assert [row[product] for row in furniture["rows"]] == ["DESK"]
    assert [row[product] for row in every_line["rows"]] == ["DESK", "FIT"]
    assert furniture["filters"] == [{"name": "category", "value": "furniture"}]


def test_the_report_exports_as_csv_with_its_totals_and_its_chart_as_svg_and_png(clerk: Caller, viewer: Caller) -> None:
    _order(clerk, "2")
    query = {"start": "2026-03-01", "end": "2026-03-31", "by": "month"}

    csv = viewer.get("/reports/sales/report.csv", query_string=query)
    svg = viewer.get("/reports/sales/chart.svg", query_string=query)
    png = viewer.get("/reports/sales/chart.png", query_string=query)

    assert csv.mimetype == "text/csv"
    assert csv.get_data(as_text=True).splitlines() == [
        "Period,Currency,Quantity,Net amount,Previous period,Change %", "2026-03,EUR,2,200.00,0.00,",
        "Total,EUR,2,200.00,0.00,"]
    assert svg.mimetype == "image/svg+xml"
    assert b"<svg" in svg.data
    assert b"Net sales by month" in svg.data
    assert png.mimetype == "image/png"
    assert png.data.startswith(b"\x89PNG")


@pytest.mark.parametrize(("query", "parameter"), [
    ({"by": "fortnight"}, "by"), ({"supplier": "ACME"}, "supplier"), ({"customer": "NOBODY"}, "customer"),
    ({"start": "2026-03-10", "end": "2026-03-01"}, "end"), ({"as_of": "2026-03-01"}, "as_of"),
    ({"basis": "invoices"}, "basis")])
def test_a_request_the_report_does_not_take_is_refused_naming_the_parameter(
        viewer: Caller, query: dict[str, str], parameter: str) -> None:
    answer = viewer.get("/reports/sales", query_string=query)

    problem = answer.get_json()
    assert 400 <= answer.status_code < 500, problem
    assert parameter in str(problem), problem


def test_an_unknown_report_is_not_found(viewer: Caller) -> None:
    assert viewer.get("/reports/horoscope").status_code == 404


def test_every_report_of_the_catalogue_answers_as_json_csv_and_its_chart(viewer: Caller) -> None:
    for report in oms.report_catalogue().values():
        answer = viewer.get(f"/reports/{report.name}")
        assert answer.status_code == 200, (report.name, answer.get_json())
        assert viewer.get(f"/reports/{report.name}/report.csv").status_code == 200, report.name
        if answer.get_json()["chart"] is not None:
            assert viewer.get(f"/reports/{report.name}/chart.svg").data.startswith(b"<?xml"), report.name
