"""`oms supplier` and `oms rate` through Click's runner."""

from __future__ import annotations

import json

from .conftest import Run


def test_a_supplier_is_created_priced_and_listed_from_the_terminal(run: Run) -> None:
    created = run("supplier", "create", "YANK", "--name", "Yankee Inc", "--currency", "USD", "--lead-time-days", "9",
                  "--address-country", "US")
    rate = run("rate", "set", "USD", "EUR", "2026-03-01", "0.9")
    priced = run("supplier", "set-price", "YANK", "--sku", "BOOK", "--price", "100", "--purchase-unit", "box of 10",
                 "--unit-factor", "10")

    price = json.loads(run("supplier", "price", "YANK", "BOOK", "--quantity", "3", "--currency", "EUR",
                           "--json").stdout)
    listed = [line.split() for line in run("supplier", "list").stdout.splitlines()[2:]]
    assert [r.exit_code for r in (created, rate, priced)] == [0, 0, 0]
    assert (price["entry"]["stock_unit_price"], price["converted"]) == (
        {"amount": "10.00", "currency": "USD"}, {"amount": "9.00", "currency": "EUR"})
    assert listed == [["YANK", "Yankee", "Inc", "USD", "immediate", "9", "yes"]]
    assert [line.split() for line in run("rate", "list").stdout.splitlines()[2:]] == [
        ["USD", "EUR", "2026-03-01", "0.9"]]
    assert run("rate", "on", "EUR", "USD", "--day", "2026-03-02").stdout.split()[-1].startswith("1.111111")


def test_a_missing_rate_and_a_bad_lead_time_are_one_line_reasons(run: Run) -> None:
    missing = run("rate", "on", "EUR", "USD", "--day", "2026-03-02")
    bad = run("supplier", "create", "BOLT", "--name", "Bolt", "--currency", "EUR", "--lead-time-days", "-3")

    assert missing.exit_code != 0
    assert "no exchange rate EUR/USD on or before 2026-03-02" in missing.stderr
    assert bad.exit_code == 2
    assert "lead_time_days" in bad.stderr
