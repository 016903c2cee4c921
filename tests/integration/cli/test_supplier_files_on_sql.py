"""CSV imports and exports of suppliers, supplier prices and exchange rates on SQLite and PostgreSQL: the round trip
changes nothing, a price row replaces its entry in place, and a refused file writes nothing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from oms.entrypoints.cli import main

FILES = {
    ("product", "import"): "sku,name,price,currency\nBOOK,Book,20.00,EUR\nDESK,Desk,100.00,EUR\n",
    ("supplier", "import"): "code,name,currency,payment_terms,lead_time_days,address_country,active\n"
                            "BOLT,Bolt AG,EUR,net 30,5,DE,true\nYANK,Yankee Inc,USD,,,US,false\n",
    ("supplier", "import-prices"): "supplier_code,sku,price,min_quantity,unit_factor,lead_time_days,valid_from,"
                                   "valid_to,preferred\nBOLT,BOOK,12.50,0,1,,,,false\n"
                                   "BOLT,BOOK,100.00,20,10,3,2026-01-01,2026-12-31,true\n"
                                   "YANK,DESK,55.123456,0,,,2026-02-01,,\n",
    ("rate", "import"): "from_currency,to_currency,day,rate\nEUR,USD,2026-03-01,1.0842\nEUR,USD,2026-02-01,1.07\n",
}
EXPORTS = (("supplier", "export"), ("supplier", "export-prices"), ("rate", "export"))


def oms(url: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database-url", url, *args])


def test_suppliers_prices_and_rates_round_trip_unchanged_and_a_bad_file_writes_nothing(sql_url: str,
                                                                                       tmp_path: Path) -> None:
    for (group, command), content in FILES.items():
        (tmp_path / f"{group}-{command}.csv").write_text(content, encoding="utf-8")
        assert oms(sql_url, group, command, str(tmp_path / f"{group}-{command}.csv")).exit_code == 0
    exported = [oms(sql_url, *command).stdout for command in EXPORTS]
    for (group, command), content in zip(list(FILES)[1:], exported, strict=True):
        (tmp_path / "again.csv").write_text(content, encoding="utf-8")
        again = oms(sql_url, group, command, str(tmp_path / "again.csv"))
        assert again.stdout.startswith("0 created, 0 updated"), again.output
    (tmp_path / "change.csv").write_text("supplier_code,sku,price,min_quantity,valid_from\n"
                                         "BOLT,BOOK,99.00,20,2026-01-01\nBOLT,DESK,0,0,\n", encoding="utf-8")

    refused = oms(sql_url, "supplier", "import-prices", str(tmp_path / "change.csv"))
    unchanged = [oms(sql_url, *command).stdout for command in EXPORTS]
    replaced = oms(sql_url, "supplier", "import-prices", str(tmp_path / "change.csv"), "--partial")

    assert exported[1].splitlines()[1:] == ["BOLT,BOOK,12.50,EUR,0,,1,,,,false",
                                            "BOLT,BOOK,100.00,EUR,20,,10,3,2026-01-01,2026-12-31,true",
                                            "YANK,DESK,55.123456,USD,0,,1,,2026-02-01,,false"]
    assert (refused.exit_code, "row 3: price: must be greater than zero" in refused.stderr) == (1, True)
    assert unchanged == exported
    assert replaced.stdout.strip() == "0 created, 1 updated, 0 unchanged supplier prices, the refused rows skipped"
    assert oms(sql_url, "supplier", "export-prices").stdout.splitlines()[2] == (
        "BOLT,BOOK,99.00,EUR,20,,1,,2026-01-01,,false")
