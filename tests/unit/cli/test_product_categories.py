"""A product's category from the terminal: `oms product create|update --category`, `product list --category`, and
the `category` column of `product import|export` (optional: a file without it keeps the categories)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import Result

from .conftest import Run


def answered(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_product_is_created_and_updated_with_a_category_and_an_empty_one_removes_it(run: Run) -> None:
    created = answered(run("product", "create", "BOLT", "--name", "Bolt", "--price", "0.20", "--currency", "EUR",
                           "--category", "hardware/fasteners", "--json"))

    changed = answered(run("product", "update", "BOLT", "--category", "hardware", "--json"))
    removed = answered(run("product", "update", "BOLT", "--category", "", "--json"))

    assert created["category"] == "hardware/fasteners"
    assert changed["category"] == "hardware"
    assert removed["category"] is None


def test_a_bad_category_is_a_one_line_reason_naming_the_category_and_nothing_is_made(run: Run) -> None:
    result = run("product", "create", "BOLT", "--name", "Bolt", "--price", "0.20", "--currency", "EUR",
                 "--category", "x" * 65)

    assert result.exit_code != 0
    assert "category" in result.stderr
    assert "Traceback" not in result.output
    assert run("product", "show", "BOLT").exit_code != 0


def test_products_are_listed_by_category_with_the_category_in_the_table(run: Run) -> None:
    for sku, category in (("BOLT", "hardware"), ("NUT", "hardware"), ("SAW", "tools")):
        run("product", "create", sku, "--name", sku.title(), "--price", "1.00", "--currency", "EUR",
            "--category", category)

    listed = answered(run("product", "list", "--category", "hardware", "--json"))
    rows = [line.split() for line in run("product", "list", "--category", "tools").stdout.splitlines()]

    assert [p["sku"] for p in listed["items"]] == ["BOLT", "NUT"]
    assert rows[2] == ["SAW", "Saw", "stocked", "unit", "1.00", "EUR", "standard", "tools", "yes"]


def test_an_import_reads_the_category_column_and_an_export_writes_it_back(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("sku,name,price,currency,category\nBOLT,Bolt,0.20,EUR,hardware/fasteners\n"
                      "NUT,Nut,0.10,EUR,\nDESK,Desk,100.00,EUR,furniture\n", encoding="utf-8")

    imported = run("product", "import", str(source))
    exported = run("product", "export", str(tmp_path / "out.csv"))
    again = run("product", "import", str(tmp_path / "out.csv"))

    assert imported.exit_code == 0, imported.output
    assert imported.stdout.strip() == "2 created, 1 updated, 0 unchanged products"
    assert exported.exit_code == 0
    lines = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",invoice_policy,category")
    assert [line.split(",")[0] + ":" + line.rsplit(",", 1)[1] for line in lines[1:]] == [
        "BOLT:hardware/fasteners", "BOOK:", "DESK:furniture", "FIT:", "NUT:"]
    assert again.stdout.strip() == "0 created, 0 updated, 5 unchanged products"


def test_a_file_without_the_category_column_keeps_the_categories_and_an_empty_cell_removes_one(
        run: Run, tmp_path: Path) -> None:
    run("product", "update", "DESK", "--category", "furniture")
    run("product", "update", "BOOK", "--category", "books")
    without = tmp_path / "without.csv"
    without.write_text("sku,name,price,currency\nDESK,Desk,100.00,EUR\n", encoding="utf-8")
    emptied = tmp_path / "emptied.csv"
    emptied.write_text("sku,name,price,currency,category\nBOOK,Book,20.00,EUR,\n", encoding="utf-8")

    run("product", "import", str(without))
    run("product", "import", str(emptied))

    assert answered(run("product", "show", "DESK", "--json"))["category"] == "furniture"
    assert answered(run("product", "show", "BOOK", "--json"))["category"] is None


def test_an_import_refuses_a_bad_category_naming_its_row_and_column(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"sku,name,price,currency,category\nBOLT,Bolt,0.20,EUR,{'x' * 65}\n", encoding="utf-8")

    result = run("product", "import", str(source))

    assert result.exit_code == 1
    assert "  row 2: category: must be 1 to 64 printable characters" in result.stderr.splitlines()
