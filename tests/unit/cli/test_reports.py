"""`oms report NAME` and `oms reports`: a report as a table with its basis, as JSON, its chart written as PNG or
SVG and its table as CSV; bad requests refused with a one-line reason naming the option."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import oms

from .conftest import Run


def test_the_sales_report_prints_its_basis_rows_and_totals(run: Run, confirmed_order: str) -> None:
    result = run("report", "sales", "--from", "2026-03-01", "--to", "2026-03-31", "--by", "month")

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Sales by month"
    assert lines[1].startswith("Basis: Bookings: sales orders confirmed")
    assert lines[4].split() == ["2026-03", "EUR", "9", "800.00", "0.00"]  # 7 DESK at 100.00 and 2 FIT at 50.00
    assert lines[5].split() == ["Total", "EUR", "9", "800.00", "0.00"]


def test_the_chart_is_written_as_png_and_svg_and_the_table_as_csv(run: Run, confirmed_order: str,
                                                                 tmp_path: Path) -> None:
    png, svg, csv = tmp_path / "out.png", tmp_path / "out.svg", tmp_path / "out.csv"

    first = run("report", "sales", "--by", "month", "--chart", str(png), "--csv", str(csv))
    second = run("report", "sales", "--by", "week", "--chart", str(svg))

    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert png.read_bytes().startswith(b"\x89PNG")
    assert b"Net sales by week" in svg.read_bytes()
    assert csv.read_text().splitlines()[0] == "Period,Currency,Quantity,Net amount,Previous period,Change %"
    assert "2026-03,EUR,9,800.00,0.00," in csv.read_text().splitlines()


def test_json_gives_the_figures_as_exact_text(run: Run, confirmed_order: str) -> None:
    result = run("report", "sales", "--from", "2026-03-01", "--to", "2026-03-31", "--json")

    report = json.loads(result.stdout)
    assert report["rows"][0][:4] == ["2026-03", "EUR", "9", "800.00"]


def test_a_category_filter_keeps_only_that_categorys_open_lines_in_the_backlog(
        system: oms.OrderManagement, run: Run) -> None:
    system.handle(oms.UpdateProduct(sku="DESK", category="furniture"))
    assert run("order", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:2", "--line", "BOOK:3",
               "--confirm").exit_code == 0

    furniture = run("report", "backlog", "--by", "product", "--category", "furniture", "--json")
    every_product = run("report", "backlog", "--by", "product", "--json")

    assert furniture.exit_code == 0, furniture.output
    assert [row[0] for row in json.loads(furniture.stdout)["rows"]] == ["DESK"]
    assert [row[0] for row in json.loads(every_product.stdout)["rows"]] == ["BOOK", "DESK"]


@pytest.mark.parametrize(("args", "named"), [
    (("--by", "fortnight"), "by"), (("--supplier", "X"), "supplier"), (("--from", "yesterday"), "start"),
    (("--customer", "NOBODY"), "customer")])
def test_a_bad_request_is_refused_in_one_line_naming_the_option(run: Run, args: tuple[str, ...],
                                                                named: str) -> None:
    result = run("report", "sales", *args)

    assert result.exit_code != 0
    assert named in result.stderr
    assert "Traceback" not in result.output


def test_a_chart_file_of_another_kind_is_refused(run: Run, tmp_path: Path) -> None:
    result = run("report", "sales", "--chart", str(tmp_path / "chart.gif"))

    assert result.exit_code == 2
    assert "--chart" in result.stderr


def test_summaries_are_rebuilt_on_sql_databases_only(run: Run) -> None:
    result = run("reports", "rebuild")

    assert result.exit_code == 1
    assert "SQL databases only" in result.stderr


def test_the_catalogue_lists_every_report(run: Run) -> None:
    result = run("reports", "list")

    assert result.exit_code == 0
    assert result.stdout.splitlines()[2].split()[0] == "sales"
