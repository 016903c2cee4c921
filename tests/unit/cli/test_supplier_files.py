"""`oms supplier import|export`, `oms supplier import-prices|export-prices` and `oms rate import|export` through
Click's runner: round trips that change nothing, bad rows named by row and field with nothing written, and rows that
replace what their key names."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Run

SUPPLIERS = ("code,name,currency,payment_terms,lead_time_days,email,address_city,address_country,active\n"
             "BOLT,Bolt AG,EUR,net 30,5,sales@bolt.example,Hamburg,DE,true\n"
             "YANK,=Yankee Inc,USD,end of month + 15,,,Boston,US,false\n")
PRICES = ("supplier_code,sku,price,currency,min_quantity,purchase_unit,unit_factor,lead_time_days,valid_from,"
          "valid_to,preferred\n"
          "BOLT,BOOK,12.50,,0,,1,,,,false\n"
          "BOLT,BOOK,100.00,EUR,20,pack of 10,10,3,2026-01-01,2026-12-31,true\n"
          "YANK,DESK,55.123456,USD,0,,,,2026-02-01,,\n")
RATES = ("from_currency,to_currency,day,rate\nEUR,USD,2026-03-01,1.0842\nEUR,USD,2026-02-01,1.07\n"
         "USD,JPY,2026-03-01,150\n")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def imported(run: Run, tmp_path: Path) -> None:
    assert run("supplier", "import", str(write(tmp_path / "s.csv", SUPPLIERS))).exit_code == 0
    assert run("supplier", "import-prices", str(write(tmp_path / "p.csv", PRICES))).exit_code == 0
    assert run("rate", "import", str(write(tmp_path / "r.csv", RATES))).exit_code == 0


def test_suppliers_prices_and_rates_round_trip_through_export_and_import_unchanged(run: Run, tmp_path: Path) -> None:
    imported(run, tmp_path)
    shown = [json.loads(run("supplier", "show", code, "--json").stdout) for code in ("BOLT", "YANK")]
    exports = {name: run(*command).stdout for name, command in (("suppliers", ("supplier", "export")),
                                                                ("prices", ("supplier", "export-prices")),
                                                                ("rates", ("rate", "export")))}

    again = [run(*command, str(write(tmp_path / f"{name}.csv", exports[name]))).stdout.strip()
             for name, command in (("suppliers", ("supplier", "import")),
                                   ("prices", ("supplier", "import-prices")), ("rates", ("rate", "import")))]

    assert again == ["0 created, 0 updated, 2 unchanged suppliers", "0 created, 0 updated, 3 unchanged supplier prices",
                     "0 created, 0 updated, 3 unchanged exchange rates"]
    assert [json.loads(run("supplier", "show", code, "--json").stdout) for code in ("BOLT", "YANK")] == shown
    assert exports["suppliers"].splitlines()[1:] == [
        "BOLT,Bolt AG,EUR,net 30,5,sales@bolt.example,,,Hamburg,,,DE,true",
        "YANK,'=Yankee Inc,USD,end of month + 15,0,,,,Boston,,,US,false"]
    assert exports["prices"].splitlines()[1:] == [
        "BOLT,BOOK,12.50,EUR,0,,1,,,,false",
        "BOLT,BOOK,100.00,EUR,20,pack of 10,10,3,2026-01-01,2026-12-31,true",
        "YANK,DESK,55.123456,USD,0,,1,,2026-02-01,,false"]
    assert exports["rates"].splitlines() == ["from_currency,to_currency,day,rate", "EUR,USD,2026-03-01,1.0842",
                                             "EUR,USD,2026-02-01,1.07", "USD,JPY,2026-03-01,150"]
    assert [run(*command).stdout for command in (("supplier", "export"), ("supplier", "export-prices"),
                                                 ("rate", "export"))] == list(exports.values())


def test_a_price_row_replaces_the_entry_of_its_supplier_product_minimum_and_valid_from(run: Run, tmp_path: Path
                                                                                      ) -> None:
    imported(run, tmp_path)
    changed = write(tmp_path / "c.csv", "supplier_code,sku,price,min_quantity,valid_from,lead_time_days\n"
                                        "BOLT,BOOK,99.00,20,2026-01-01,\n"
                                        "BOLT,BOOK,11.00,0,2026-06-01,\n")

    result = run("supplier", "import-prices", str(changed))

    prices = {(p["min_quantity"], p["valid_from"]): p for p in json.loads(
        run("supplier", "prices", "BOOK", "--json").stdout)["items"]}
    assert result.stdout.strip() == "1 created, 1 updated, 0 unchanged supplier prices"
    assert prices["20", "2026-01-01"]["price"]["amount"] == "99.00"
    assert (prices["20", "2026-01-01"]["valid_to"], prices["20", "2026-01-01"]["lead_time_days"]) == (None, 5)
    assert prices["20", "2026-01-01"]["purchase_unit"] == ""
    assert set(prices) == {("0", None), ("0", "2026-06-01"), ("20", "2026-01-01")}


def test_a_rate_entered_again_for_its_day_replaces_it(run: Run, tmp_path: Path) -> None:
    imported(run, tmp_path)

    result = run("rate", "import", str(write(tmp_path / "r2.csv", "from_currency,to_currency,day,rate\n"
                                                                   "EUR,USD,2026-03-01,1.09\nEUR,USD,2026-02-01,1.07\n")))

    assert result.stdout.strip() == "0 created, 1 updated, 1 unchanged exchange rates"
    assert "EUR,USD,2026-03-01,1.09" in run("rate", "export").stdout.splitlines()


def test_a_bad_supplier_row_names_its_row_and_fields_and_nothing_is_written(run: Run, tmp_path: Path) -> None:
    csv_file = write(tmp_path / "s.csv", "code,name,currency,lead_time_days,address_country,active\n"
                                        "GOOD,Good,EUR,1,DE,true\n"
                                        "BAD SUP,,EURO,-2,Germany,maybe\n"
                                        "GOOD,Again,EUR,x,,\n")

    result = run("supplier", "import", str(csv_file))

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "2 rows refused:",
        "  row 3: code: must be 1 to 64 printable characters without spaces or slashes",
        "  row 3: name: must not be empty",
        "  row 3: currency: 'EURO' is not a known ISO 4217 currency code",
        "  row 3: lead_time_days: must be from 0 to 3650 days",
        "  row 3: address_country: must be an ISO 3166 alpha-2 code such as DE or US",
        "  row 3: active: must be true or false, not 'maybe'",
        "  row 4: code: GOOD appears twice in the file (row 2 too)",
        "  row 4: lead_time_days: 'x' is not a whole number of days",
        "Error: nothing imported: fix the rows above, or pass --partial to import the valid suppliers",
    ]
    assert run("supplier", "export").stdout.splitlines()[1:] == []


def test_a_bad_price_row_names_its_row_and_fields_and_nothing_is_written(run: Run, tmp_path: Path) -> None:
    imported(run, tmp_path)
    before = run("supplier", "export-prices").stdout
    csv_file = write(tmp_path / "p2.csv", "supplier_code,sku,price,unit_factor,valid_from,valid_to,preferred\n"
                                         "BOLT,DESK,10.00,1,,,\n"
                                         "NOPE,LAMP,0,0,2026-13-01,,yes\n"
                                         "BOLT,BOOK,5.00,1,2026-05-01,2026-04-01,no\n")

    result = run("supplier", "import-prices", str(csv_file), "--json")

    assert result.exit_code == 1
    assert [(e["row"], e["field"]) for e in json.loads(result.stdout)["refused"]] == [
        (3, "supplier_code"), (3, "sku"), (3, "price"), (3, "unit_factor"), (3, "valid_from"), (4, "valid_to")]
    assert run("supplier", "export-prices").stdout == before


def test_a_bad_rate_row_names_its_row_and_fields_and_a_partial_import_takes_the_rest(run: Run, tmp_path: Path
                                                                                   ) -> None:
    csv_file = write(tmp_path / "r.csv", "from_currency,to_currency,day,rate\nEUR,USD,2026-03-01,1.08\n"
                                        "EUR,EUR,01.03.2026,-1\nEUR,USD,2026-03-01,1.09\n")

    refused = run("rate", "import", str(csv_file))
    partial = run("rate", "import", str(csv_file), "--partial")

    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[1:5] == [
        "  row 3: to_currency: must differ from from_currency (a currency converts to itself at 1)",
        "  row 3: day: '01.03.2026' is not a day written YYYY-MM-DD",
        "  row 3: rate: must be greater than zero",
        "  row 4: day: the rate EUR/USD 2026-03-01 appears twice in the file (row 2 too)"]
    assert partial.stdout.strip() == "1 created, 0 updated, 0 unchanged exchange rates, the refused rows skipped"
    assert run("rate", "export").stdout.splitlines()[1:] == ["EUR,USD,2026-03-01,1.08"]
