"""What `oms` says: dates that do not exist, singular and plural, and the codes an unknown one is close to."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Run = Callable[..., Result]


def test_a_date_that_does_not_exist_is_named_as_such_not_blamed_on_its_format(run: Run) -> None:
    result = run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:1",
                 "--valid-until", "2026-02-30")

    assert result.exit_code == 2
    assert "2026-02-30 does not exist: February 2026 has 28 days" in result.stderr
    assert "format" not in result.stderr


@pytest.mark.parametrize(("text", "reason"), [
    ("2026-13-01", "2026-13-01 does not exist: years start at 0001, months go from 01 to 12"),
    ("31.03.2026", "'31.03.2026' is not a date: write YYYY-MM-DD, e.g. 2026-03-31"),
    ("2026-3-31", "'2026-3-31' is not a date: write YYYY-MM-DD, e.g. 2026-03-31"),
])
def test_a_date_written_otherwise_is_refused_with_the_form_to_write(run: Run, text: str, reason: str) -> None:
    result = run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--valid-until", text)

    assert result.exit_code == 2
    assert reason in result.stderr


def test_valid_until_takes_an_iso_date_on_create_and_on_revise(run: Run) -> None:
    created = run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:1",
                  "--valid-until", "2028-02-29")
    run("quotation", "send", "Q-000001")
    revised = run("quotation", "revise", "Q-000001", "--valid-until", "2028-03-31")

    assert (created.exit_code, revised.exit_code) == (0, 0)
    assert json.loads(run("quotation", "show", "Q-000001", "--json").stdout)["valid_until"] == "2028-02-29"
    assert json.loads(run("quotation", "show", "Q-000001-R2", "--json").stdout)["valid_until"] == "2028-03-31"


def test_one_unit_and_one_line_read_in_the_singular(run: Run, confirmed_order: str) -> None:
    issued = run("order", "issue", confirmed_order, "1=1", "--warehouse", "BER-1")
    created = run("order", "create", "--customer", "ACME", "--branch", "BER", "--line", "BOOK:1")

    assert issued.stdout.splitlines()[0] == "GI-000001: issued 1 unit from BER-1"
    assert created.stdout.startswith("SO-000002 draft: 1 line, net 20.00")


def test_one_refused_row_reads_in_the_singular(run: Run, tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text("sku,name,price,currency\nPEN,Pen,-1,EUR\n", encoding="utf-8")

    result = run("product", "import", str(tmp_path / "p.csv"))

    assert result.stderr.splitlines() == [
        "1 row refused:", "  row 2: price: must not be negative",
        "Error: nothing imported: fix the row above, or pass --partial to import the valid products"]


def test_an_unknown_sku_names_the_closest_existing_one(run: Run) -> None:
    result = run("stock", "show", "DEKS")

    assert result.exit_code == 1
    assert result.stderr == "Error: product 'DEKS' not found; did you mean DESK?\n"


def test_codes_are_suggested_whatever_their_case(run: Run) -> None:
    result = run("order", "create", "--customer", "acme", "--branch", "BER", "--line", "DESK:1")

    assert result.stderr == "Error: customer 'acme' not found; did you mean ACME?\n"


def test_several_close_codes_are_all_named_the_closest_first(run: Run) -> None:
    result = run("stock", "receive", "DESK", "BER-3", "1")

    assert result.exit_code == 1
    assert result.stderr == "Error: warehouse 'BER-3' not found; did you mean BER-1 or BER-2?\n"


def test_a_code_like_no_existing_one_suggests_nothing(run: Run) -> None:
    result = run("stock", "receive", "DESK", "ZZZZZZ", "1")

    assert result.stderr == "Error: warehouse 'ZZZZZZ' not found\n"
