"""`oms product create|update|show` with the invoice policy, and the policy the lines of an order keep."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from click.testing import Result

from .conftest import Run


def answered(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_product_is_created_with_the_invoice_policy_given_and_shown_with_it(run: Run) -> None:
    created = run("product", "create", "CABLE", "--name", "Cable", "--price", "2.50", "--currency", "EUR",
                  "--uom", "m", "--invoice-policy", "ordered")

    shown = answered(run("product", "show", "CABLE", "--json"))

    assert created.exit_code == 0, created.output
    assert (shown["kind"], shown["invoice_policy"]) == ("stocked", "ordered")


def test_a_product_created_without_a_policy_gets_its_kinds_and_an_update_changes_it(run: Run) -> None:
    run("product", "create", "AUDIT", "--name", "Audit", "--price", "90", "--currency", "EUR", "--kind", "service")
    before = answered(run("product", "show", "AUDIT", "--json"))["invoice_policy"]

    updated = run("product", "update", "AUDIT", "--invoice-policy", "delivered")

    assert updated.exit_code == 0, updated.output
    assert (before, answered(run("product", "show", "AUDIT", "--json"))["invoice_policy"]) == ("ordered",
                                                                                             "delivered")


def test_an_unknown_invoice_policy_is_a_usage_error_naming_the_option(run: Run) -> None:
    result = run("product", "update", "DESK", "--invoice-policy", "monthly")

    assert result.exit_code == 2
    assert "--invoice-policy" in result.stderr


def test_order_lines_keep_the_policy_their_product_had_when_they_were_made(run: Run) -> None:
    run("order", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:1", "--line", "FIT:1")

    run("product", "update", "DESK", "--invoice-policy", "ordered")
    added = run("order", "add-line", "SO-000001", "DESK", "2")
    lines = answered(run("order", "show", "SO-000001", "--json"))["lines"]

    assert added.exit_code == 0, added.output
    assert [(line["sku"], line["invoice_policy"]) for line in lines] == [
        ("DESK", "delivered"), ("FIT", "ordered"), ("DESK", "ordered")]


def test_an_empty_policy_cell_gives_a_new_product_its_kinds_and_leaves_an_existing_ones(run: Run,
                                                                                         tmp_path: Path) -> None:
    run("product", "update", "DESK", "--invoice-policy", "ordered")
    csv_file = tmp_path / "products.csv"
    csv_file.write_text("sku,name,kind,price,currency,invoice_policy\n"
                        "DESK,Desk,stocked,100.00,EUR,\n"
                        "AUDIT,Audit,service,90.00,EUR,\n"
                        "CABLE,Cable,stocked,2.50,EUR,ordered\n", encoding="utf-8")

    imported = run("product", "import", str(csv_file))
    run("product", "export", str(tmp_path / "out.csv"))

    assert imported.stdout.strip() == "2 created, 0 updated, 1 unchanged products"
    policies = {row["sku"]: row["invoice_policy"]
                for row in csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8", newline=""))}
    assert policies == {"AUDIT": "ordered", "BOOK": "delivered", "CABLE": "ordered", "DESK": "ordered",
                        "FIT": "ordered"}


def test_an_unknown_policy_in_a_file_refuses_its_row_naming_the_column(run: Run, tmp_path: Path) -> None:
    csv_file = tmp_path / "products.csv"
    csv_file.write_text("sku,name,price,currency,invoice_policy\nLAMP,Lamp,39.95,EUR,monthly\n", encoding="utf-8")

    result = run("product", "import", str(csv_file))

    assert result.exit_code == 1
    assert "  row 2: invoice_policy: must be one of ordered, delivered" in result.stderr.splitlines()
