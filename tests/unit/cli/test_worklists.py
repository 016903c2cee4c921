"""`oms quotation|order list` with a search, expiry and backorders; `oms stock low`; `oms overview`."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import Result

Run = Callable[..., Result]


def create_order(run: Run, *args: str) -> None:
    result = run("order", "create", "--customer", "ACME", "--branch", "BER", *args)
    assert result.exit_code == 0, result.output + result.stderr


def listed(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output + result.stderr
    return [item["number"] for item in json.loads(result.output)["items"]]


def test_order_list_searches_and_shows_the_backorders(run: Run) -> None:
    create_order(run, "--line", "DESK:3", "--customer-reference", "PO-4711", "--confirm")
    create_order(run, "--line", "DESK:14", "--allow-backorder", "--confirm")  # 12 of 14 reserved
    create_order(run, "--line", "DESK:1")

    assert listed(run("order", "list", "--search", "po-47", "--json")) == ["SO-000001"]
    assert listed(run("order", "list", "--backordered", "--json")) == ["SO-000002"]
    assert listed(run("order", "list", "--order", "oldest", "--json")) == ["SO-000001", "SO-000002", "SO-000003"]


def test_quotation_list_shows_the_open_quotations_expiring_by_a_day(run: Run) -> None:
    for day in ("2026-03-05", "2026-03-20"):
        assert run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--valid-until", day).exit_code == 0

    result = run("quotation", "list", "--valid-until-before", "2026-03-09", "--json")
    misspelt = run("quotation", "list", "--valid-until-before", "2026-02-30")
    for_orders = run("order", "list", "--valid-until-before", "2026-03-09")

    assert listed(result) == ["Q-000001"]
    assert misspelt.exit_code == 2
    assert for_orders.exit_code == 2  # not an option of orders


def test_stock_low_prints_the_levels_at_or_below_the_threshold(run: Run) -> None:
    create_order(run, "--line", "DESK:4", "--confirm")  # BER-1: 1 of 5 available

    table = run("stock", "low", "--threshold", "10")
    as_json = run("stock", "low", "--warehouse", "BER-2", "--threshold", "10", "--json")
    bad = run("stock", "low", "--threshold", "plenty")

    assert table.exit_code == 0, table.stderr
    assert [line.split()[:2] for line in table.output.splitlines()[2:]] == [["DESK", "BER-1"], ["DESK", "BER-2"]]
    assert [level["warehouse_code"] for level in json.loads(as_json.output)["items"]] == ["BER-2"]
    assert bad.exit_code == 2
    assert "threshold" in bad.stderr


def test_overview_prints_five_lists_and_answers_the_apis_json(run: Run) -> None:
    create_order(run, "--line", "DESK:1")
    create_order(run, "--line", "DESK:20", "--allow-backorder", "--confirm")

    table = run("overview")
    answer = json.loads(run("overview", "--json", "--limit", "1").output)

    assert table.exit_code == 0, table.stderr
    assert [line for line in table.output.splitlines() if line.endswith(":")] == [
        "To confirm:", "To ship:", "Backorders:", "Quotations expiring:", "Low stock:"]
    assert [item["number"] for item in answer["to_confirm"]["items"]] == ["SO-000001"]
    assert [item["number"] for item in answer["backorders"]["items"]] == ["SO-000002"]
    assert answer["expiring_quotations"] == {"items": [], "more": False}
    assert [level["warehouse_code"] for level in answer["low_stock"]["items"]] == ["BER-1"]
