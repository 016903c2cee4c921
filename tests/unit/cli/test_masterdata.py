"""`oms product|customer import|export` through Click's runner."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Run = Callable[..., Result]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_exporting_and_importing_products_again_changes_nothing(run: Run, tmp_path: Path) -> None:
    exported = run("product", "export", str(tmp_path / "products.csv"))

    imported = run("product", "import", str(tmp_path / "products.csv"))

    assert exported.exit_code == 0
    assert imported.output.strip() == "0 created, 0 updated, 3 unchanged products"
    assert (tmp_path / "products.csv").read_text().splitlines()[1] == "BOOK,Book,stocked,unit,20.00,EUR,reduced,true"


def test_an_import_with_a_bad_row_imports_nothing_and_reports_every_refused_row(run: Run, tmp_path: Path) -> None:
    csv_file = write(tmp_path / "p.csv", "sku,name,price,currency,tax_category\n"
                                        "LAMP,Lamp,39.95,EUR,standard\n"
                                        "BAD SKU,Broken,1.00,EUR,standard\n"
                                        "PEN,Pen,abc,EUR,standard\n"
                                        "MUG,Mug,5.00,EUR,luxury\n")

    result = run("product", "import", str(csv_file))

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "3 rows refused:",
        "  row 3: sku: must be 1 to 64 printable characters without spaces or slashes",
        "  row 4: price: 'abc' is not a decimal number",
        "  row 5: tax_category: must be one of standard, reduced, zero, exempt",
        "Error: nothing imported: fix the rows above, or pass --partial to import the valid products",
    ]
    assert "LAMP" not in run("product", "export").output


def test_a_partial_import_takes_the_valid_rows_and_updates_existing_ones(run: Run, tmp_path: Path) -> None:
    csv_file = write(tmp_path / "p.csv", "sku,name,price,currency\nLAMP,Lamp,39.95,EUR\nDESK,Desk XL,120.00,EUR\n"
                                        "PEN,Pen,-1,EUR\n")

    result = run("product", "import", str(csv_file), "--partial")

    assert result.exit_code == 0
    assert result.stdout.strip() == "1 created, 1 updated, 0 unchanged products, the refused rows skipped"
    assert result.stderr.splitlines() == ["1 row refused:", "  row 4: price: must not be negative"]
    assert "DESK,Desk XL,stocked,unit,120.00" in run("product", "export").output


def test_a_file_with_unknown_columns_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    csv_file = write(tmp_path / "p.csv", "sku,name,price,currency,colour\nLAMP,Lamp,1,EUR,red\n")

    result = run("product", "import", str(csv_file))

    assert result.exit_code == 2
    assert "unknown columns ['colour']" in result.stderr


def test_customers_round_trip_through_export_and_import(run: Run, tmp_path: Path) -> None:
    csv_file = write(tmp_path / "c.csv", "code,name,email,tax_exempt,tax_exemption_reference,shipping_city,"
                                        "shipping_country\nUNI,University,u@example.com,true,EX-1,Berlin,DE\n")
    first = run("customer", "import", str(csv_file))
    run("customer", "export", str(tmp_path / "out.csv"))

    again = run("customer", "import", str(tmp_path / "out.csv"))

    assert first.output.strip() == "1 created, 0 updated, 0 unchanged customers"
    assert again.output.strip() == "0 created, 0 updated, 2 unchanged customers"


def test_a_customer_with_a_bad_country_is_refused_by_row(run: Run, tmp_path: Path) -> None:
    csv_file = write(tmp_path / "c.csv", "code,name,billing_country\nX1,Someone,Germany\n")

    result = run("customer", "import", str(csv_file))

    assert result.exit_code == 1
    assert "  row 2: country: must be an ISO 3166 alpha-2 code such as DE or US" in result.stderr


def test_a_large_import_shows_a_progress_bar_and_imports_every_row(run: Run, tmp_path: Path) -> None:
    rows = "".join(f"SKU-{i},Item {i},1.00,EUR\n" for i in range(2500))
    csv_file = write(tmp_path / "p.csv", "sku,name,price,currency\n" + rows)

    result = run("product", "import", str(csv_file))

    assert result.exit_code == 0
    assert result.stdout.strip() == "2500 created, 0 updated, 0 unchanged products"
    assert "reading products" in result.stderr


def test_branches_warehouses_and_tax_rates_are_set_up_from_the_terminal(run: Run) -> None:
    branch = run("branch", "create", "MUC", "--name", "Munich", "--currency", "EUR", "--jurisdiction", "DE")
    warehouse = run("warehouse", "create", "MUC-1", "--name", "Munich main", "--branch", "MUC", "--priority", "5")
    rate = run("tax", "set", "DE", "reduced", "0.05")

    assert [r.exit_code for r in (branch, warehouse, rate)] == [0, 0, 0]
    branches = {b["code"]: b["warehouses"] for b in json.loads(run("branch", "list", "--json").stdout)}
    assert branches == {"BER": "BER-1 BER-2", "MUC": "MUC-1"}
    rates = [line.split() for line in run("tax", "list").stdout.splitlines()[2:]]
    assert rates == [["DE", "reduced", "0.05"], ["DE", "standard", "0.19"]]


def test_a_tax_rate_of_one_or_more_is_refused_naming_the_field(run: Run) -> None:
    result = run("tax", "set", "DE", "standard", "19")

    assert result.exit_code == 2
    assert result.stderr.startswith("Error: invalid rate: must be a fraction")


def test_every_list_of_master_data_has_a_json_form(run: Run) -> None:
    products = json.loads(run("product", "list", "--json").stdout)
    customers = json.loads(run("customer", "list", "--json").stdout)
    rates = json.loads(run("tax", "list", "--json").stdout)

    assert [(p["sku"], p["price"], p["kind"]) for p in products] == [
        ("BOOK", "20.00", "stocked"), ("DESK", "100.00", "stocked"), ("FIT", "50.00", "service")]
    assert [c["code"] for c in customers] == ["ACME"]
    assert {(r["category"], r["rate"]) for r in rates} == {("standard", "0.19"), ("reduced", "0.07")}


def test_product_list_prints_a_table(run: Run) -> None:
    rows = [line.split() for line in run("product", "list").stdout.splitlines()]

    assert rows[0] == ["sku", "name", "kind", "uom", "price", "currency", "tax", "active"]
    assert rows[2] == ["BOOK", "Book", "stocked", "unit", "20.00", "EUR", "reduced", "True"]
