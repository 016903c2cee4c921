"""`oms product|customer import|export` through Click's runner."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import oms
from oms.entrypoints.cli import main
from oms.entrypoints.cli.masterdata import imports
from oms.entrypoints.cli.support import CliContext

Run = Callable[..., Result]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_exporting_and_importing_products_again_changes_nothing(run: Run, tmp_path: Path) -> None:
    exported = run("product", "export", str(tmp_path / "products.csv"))

    imported = run("product", "import", str(tmp_path / "products.csv"))

    assert exported.exit_code == 0
    assert imported.output.strip() == "0 created, 0 updated, 3 unchanged products"
    assert (tmp_path / "products.csv").read_text().splitlines()[1] == (
        "BOOK,Book,stocked,unit,20.00,EUR,reduced,true,delivered,")


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
    assert "  row 2: billing_country: must be an ISO 3166 alpha-2 code such as DE or US" in result.stderr


def test_a_large_import_shows_a_progress_bar_and_imports_every_row(run: Run, tmp_path: Path) -> None:
    rows = "".join(f"SKU-{i},Item {i},1.00,EUR\n" for i in range(2500))
    csv_file = write(tmp_path / "p.csv", "sku,name,price,currency\n" + rows)

    result = run("product", "import", str(csv_file))

    assert result.exit_code == 0
    assert result.stdout.strip() == "2500 created, 0 updated, 0 unchanged products"
    assert result.stderr.splitlines() == ["reading products", "checking products", "writing products"]


def test_branches_warehouses_and_tax_rates_are_set_up_from_the_terminal(run: Run) -> None:
    branch = run("branch", "create", "MUC", "--name", "Munich", "--currency", "EUR", "--jurisdiction", "DE")
    warehouse = run("warehouse", "create", "MUC-1", "--name", "Munich main", "--branch", "MUC", "--priority", "5")
    rate = run("tax", "set", "DE", "reduced", "0.05")

    assert [r.exit_code for r in (branch, warehouse, rate)] == [0, 0, 0]
    assert [line.split() for line in run("branch", "list").stdout.splitlines()[2:]] == [
        ["BER", "Berlin", "EUR", "DE", "BER-1", "BER-2"], ["MUC", "Munich", "EUR", "DE", "MUC-1"]]
    warehouses = json.loads(run("warehouse", "list", "--json").stdout)["items"]
    assert [(w["code"], w["branch_code"], w["priority"]) for w in warehouses] == [
        ("BER-1", "BER", 10), ("BER-2", "BER", 20), ("MUC-1", "MUC", 5)]
    rates = [line.split() for line in run("tax", "list").stdout.splitlines()[2:]]
    assert rates == [["DE", "reduced", "0.05"], ["DE", "standard", "0.19"]]


def test_a_tax_rate_of_one_or_more_is_refused_naming_the_field(run: Run) -> None:
    result = run("tax", "set", "DE", "standard", "19")

    assert result.exit_code == 2
    assert result.stderr.startswith("Error: invalid rate: must be a fraction")


def test_every_list_of_master_data_has_a_json_form_shaped_as_the_http_api_answers(run: Run) -> None:
    products = json.loads(run("product", "list", "--json").stdout)
    customers = json.loads(run("customer", "list", "--json").stdout)
    rates = json.loads(run("tax", "list", "--json").stdout)
    branches = json.loads(run("branch", "list", "--json").stdout)

    assert [(p["sku"], p["price"], p["kind"]) for p in products["items"]] == [
        ("BOOK", {"amount": "20.00", "currency": "EUR"}, "stocked"),
        ("DESK", {"amount": "100.00", "currency": "EUR"}, "stocked"),
        ("FIT", {"amount": "50.00", "currency": "EUR"}, "service")]
    assert products["next_cursor"] is None
    assert [c["code"] for c in customers["items"]] == ["ACME"]
    assert {(r["category"], r["rate"]) for r in rates["items"]} == {("standard", "0.19"), ("reduced", "0.07")}
    assert branches == {"items": [{"code": "BER", "name": "Berlin", "currency": "EUR", "tax_jurisdiction": "DE"}]}


def test_product_list_prints_a_table(run: Run) -> None:
    rows = [line.split() for line in run("product", "list").stdout.splitlines()]

    assert rows[0] == ["sku", "name", "kind", "uom", "price", "currency", "tax", "category", "active"]
    assert rows[2] == ["BOOK", "Book", "stocked", "unit", "20.00", "EUR", "reduced", "-", "yes"]


def cells(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def listed(run: Run) -> list[dict[str, object]]:
    """Every customer and product as `list --json` shows it."""
    return [*json.loads(run("customer", "list", "--json", "--limit", "500").stdout)["items"],
            *json.loads(run("product", "list", "--json", "--limit", "500").stdout)["items"]]


FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
            "\tTabbed", "\rReturned"]


def test_exported_cells_a_spreadsheet_would_run_as_formulas_start_with_a_quote(
        run: Run, system: oms.OrderManagement, tmp_path: Path) -> None:
    for number, name in enumerate(FORMULAS):
        system.handle(oms.CreateCustomer(code=f"C{number}", name=name))
    system.handle(oms.CreateProduct(sku="=1+1", name="@risk", price="1.00", currency="EUR"))

    run("customer", "export", str(tmp_path / "customers.csv"))
    run("product", "export", str(tmp_path / "products.csv"))

    names = {row[0]: row[1] for row in cells(tmp_path / "customers.csv")[1:]}
    assert [names[f"C{number}"] for number in range(len(FORMULAS))] == ["'" + name for name in FORMULAS]
    assert ["'=1+1", "'@risk", "1.00"] in [[row[0], row[1], row[4]] for row in cells(tmp_path / "products.csv")]


def test_formulas_quotes_minus_signs_and_numbers_survive_export_and_import_unchanged(
        run: Run, system: oms.OrderManagement, tmp_path: Path) -> None:
    names = [*FORMULAS, "-2", "+5", "-1.50", "- a dash first", "'quoted", "'=quoted formula", "''", "'", "O'Brien"]
    for number, name in enumerate(names):
        system.handle(oms.CreateCustomer(code=f"C{number}", name=name,
                                         billing_address=oms.Address(line1=name, city="-", country="DE")))
    system.handle(oms.CreateProduct(sku="-2", name="'=x", price="0.50", currency="EUR"))
    before = listed(run)
    run("customer", "export", str(tmp_path / "customers.csv"))
    run("product", "export", str(tmp_path / "products.csv"))

    customers = run("customer", "import", str(tmp_path / "customers.csv"))
    products = run("product", "import", str(tmp_path / "products.csv"))

    assert customers.stdout.strip() == f"0 created, 0 updated, {len(names) + 1} unchanged customers"
    assert products.stdout.strip() == "0 created, 0 updated, 4 unchanged products"
    assert listed(run) == before
    exported = {row[1] for row in cells(tmp_path / "customers.csv")[1:]}
    assert {"-2", "+5", "-1.50", "'quoted", "O'Brien", "''=quoted formula", "'''", "'"} <= exported
    assert ["-2", "''=x", "0.50"] in [[row[0], row[1], row[4]] for row in cells(tmp_path / "products.csv")]


def test_an_imported_cell_loses_only_the_quote_an_export_would_have_put_there(run: Run, tmp_path: Path) -> None:
    csv_file = write(tmp_path / "c.csv", "code,name,billing_city\nA,'=1+2,'90s\nB,'-3,''\n")

    run("customer", "import", str(csv_file))

    imported = {c["code"]: (c["name"], c["billing_address"]["city"])
                for c in json.loads(run("customer", "list", "--json").stdout)["items"]}
    assert (imported["A"], imported["B"]) == (("=1+2", "'90s"), ("-3", "'"))


def test_tables_show_control_characters_as_escapes_instead_of_sending_them_to_the_terminal(
        run: Run, system: oms.OrderManagement) -> None:
    system.handle(oms.CreateCustomer(code="EVIL", name="Evil\x1b[2J\x1b]0;owned\x07 Corp\u202e"))

    result = run("customer", "list")

    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "\u202e" not in result.stdout
    assert "Evil\\x1b[2J\\x1b]0;owned\\x07 Corp\\u202e" in result.stdout


def test_an_export_to_a_file_keeps_control_characters_exactly(run: Run, system: oms.OrderManagement,
                                                              tmp_path: Path) -> None:
    system.handle(oms.CreateCustomer(code="EVIL", name="Evil\x1b[2J Corp"))

    run("customer", "export", str(tmp_path / "c.csv"))
    again = run("customer", "import", str(tmp_path / "c.csv"))

    assert "Evil\x1b[2J Corp" in (tmp_path / "c.csv").read_text(encoding="utf-8")
    assert again.stdout.strip() == "0 created, 0 updated, 2 unchanged customers"


class RecordingBar:
    """A progress bar that notes each position it is moved to, with its label, beside the commits."""

    def __init__(self, length: int, label: str, events: list[object]) -> None:
        self.length, self.label, self.pos, self.events = length, label, 0, events

    def __enter__(self) -> RecordingBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.events.append(("closed", self.pos))

    def update(self, steps: int) -> None:
        self.pos += steps
        self.events.append((self.label, self.pos))


def test_an_import_shows_one_bar_over_reading_checking_and_writing_that_ends_only_once_committed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[object] = []

    class RecordingUnitOfWork(oms.InMemoryUnitOfWork):
        def commit(self) -> None:
            super().commit()
            events.append("commit")

    store = oms.InMemoryStore()
    system = oms.bootstrap(uow_factory=lambda: RecordingUnitOfWork(store))
    bars: list[RecordingBar] = []

    def progress_bar(length: int, label: str) -> RecordingBar:
        bars.append(RecordingBar(length, label, events))
        return bars[-1]

    monkeypatch.setattr(imports, "progress_bar", progress_bar)
    csv_file = write(tmp_path / "p.csv", "sku,name,price,currency\n" + "".join(
        f"SKU-{i},Item {i},1.00,EUR\n" for i in range(2500)))

    result = CliRunner().invoke(main, ["product", "import", str(csv_file)], obj=CliContext.of(system))

    assert result.exit_code == 0, result.output
    [bar] = bars
    moves = [event for event in events if isinstance(event, tuple) and event[0] != "closed"]
    labels = list(dict.fromkeys(label for label, _ in moves))
    committed = events.index("commit")
    at_end = events.index(("writing products", bar.length))
    assert labels == ["reading products", "checking products", "writing products"]
    assert committed < at_end
    assert all(position < bar.length for _, position in moves[:committed])
    assert events[-1] == ("closed", bar.length)


def test_every_problem_of_every_refused_row_is_named_with_its_row_even_a_flag_the_file_cannot_hold(
        run: Run, tmp_path: Path) -> None:
    csv_file = write(tmp_path / "p.csv", "sku,name,price,currency,active\n"
                                        "LAMP,Lamp,39.95,EUR,true\n"
                                        "PEN,Pen,abc,EUR,maybe\n"
                                        "MUG,,5.00,EUR,sometimes\n")

    result = run("product", "import", str(csv_file))

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "2 rows refused:",
        "  row 3: price: 'abc' is not a decimal number",
        "  row 3: active: must be true or false, not 'maybe'",
        "  row 4: name: must not be empty",
        "  row 4: active: must be true or false, not 'sometimes'",
        "Error: nothing imported: fix the rows above, or pass --partial to import the valid products",
    ]
    assert "LAMP" not in run("product", "export").output


def test_a_partial_import_skips_a_row_with_a_flag_the_file_cannot_hold_and_names_all_its_problems(
        run: Run, tmp_path: Path) -> None:
    csv_file = write(tmp_path / "c.csv", "code,name,tax_exempt,billing_country\n"
                                        "UNI,University,no,DE\n"
                                        "X1,Someone,perhaps,Germany\n")

    result = run("customer", "import", str(csv_file), "--partial", "--json")

    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"created": 1, "updated": 0, "unchanged": 0, "applied": True, "refused": [
        {"row": 3, "field": "tax_exempt", "reason": "must be true or false, not 'perhaps'"},
        {"row": 3, "field": "billing_country", "reason": "must be an ISO 3166 alpha-2 code such as DE or US"}]}
    assert [c["code"] for c in json.loads(run("customer", "list", "--json").stdout)["items"]] == ["ACME", "UNI"]


def test_product_and_customer_lists_page_and_filter_as_the_http_listings_do(run: Run) -> None:
    run("product", "update", "DESK", "--no-active")

    first = json.loads(run("product", "list", "--limit", "2", "--json").stdout)
    second = json.loads(run("product", "list", "--limit", "2", "--cursor", first["next_cursor"], "--json").stdout)
    inactive = json.loads(run("product", "list", "--inactive", "--json").stdout)["items"]
    descending = json.loads(run("product", "list", "--active", "--order", "descending", "--json").stdout)["items"]
    customers = json.loads(run("customer", "list", "--search", "acm", "--json").stdout)["items"]
    table = run("product", "list", "--limit", "2").stdout.splitlines()

    assert [p["sku"] for p in first["items"]] == ["BOOK", "DESK"]
    assert ([p["sku"] for p in second["items"]], second["next_cursor"]) == (["FIT"], None)
    assert [p["sku"] for p in inactive] == ["DESK"]
    assert [p["sku"] for p in descending] == ["FIT", "BOOK"]
    assert [c["code"] for c in customers] == ["ACME"]
    assert table[-1] == f"next page: --cursor {first['next_cursor']}"


def test_a_cursor_that_was_tampered_with_is_a_usage_error(run: Run) -> None:
    result = run("product", "list", "--cursor", "bm90IGEgY3Vyc29y")

    assert result.exit_code == 2
    assert result.stderr.startswith("Error: invalid cursor")
