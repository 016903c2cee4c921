"""`oms order ...` through Click's runner."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import Result

Run = Callable[..., Result]


def test_an_order_is_confirmed_issued_in_two_parts_and_completed(run: Run, confirmed_order: str) -> None:
    first = run("order", "issue", confirmed_order, "1=5", "--warehouse", "BER-1")
    second = run("order", "issue", confirmed_order, "DESK=2", "--warehouse", "BER-2")
    completed = run("order", "complete", confirmed_order)

    assert [r.exit_code for r in (first, second, completed)] == [0, 0, 0]
    assert first.output.splitlines()[0] == "GI-000001: issued 5 units from BER-1"
    assert "SO-000001 partially_issued" in first.output
    assert "SO-000001 issued" in second.output
    assert "SO-000001 completed" in completed.output


def test_issue_all_ships_every_remaining_goods_line(run: Run, confirmed_order: str) -> None:
    run("order", "issue", confirmed_order, "1=5", "--warehouse", "BER-1")

    result = run("order", "issue", confirmed_order, "--all", "--warehouse", "BER-2")

    assert result.exit_code == 0, result.output
    assert "SO-000001 issued" in result.output


def test_issuing_more_than_ordered_is_refused_with_exit_code_1(run: Run, confirmed_order: str) -> None:
    result = run("order", "issue", confirmed_order, "1=8", "--warehouse", "BER-1")

    assert result.exit_code == 1
    assert "CannotIssueMoreThanOrdered" in result.stderr


def test_order_show_prints_reservations_by_warehouse_code(run: Run, confirmed_order: str) -> None:
    result = run("order", "show", confirmed_order)

    reservation_rows = [line.split() for line in result.output.splitlines() if line.startswith("DESK ")]
    assert reservation_rows == [["DESK", "BER-1", "5", "0", "0", "5"], ["DESK", "BER-2", "2", "0", "0", "2"]]


def test_order_show_as_json_has_lines_reservations_and_history(run: Run, confirmed_order: str) -> None:
    result = run("order", "show", confirmed_order, "--json")

    document = json.loads(result.output)
    assert document["status"] == "confirmed"
    assert [line["sku"] for line in document["lines"]] == ["DESK", "FIT"]
    assert sum(int(r["quantity"]) for r in document["reservations"]) == 7
    assert [h["to_status"] for h in document["history"]] == ["confirmed"]


def test_hold_release_and_cancel_record_who_and_why(run: Run, confirmed_order: str) -> None:
    held = run("order", "hold", confirmed_order, "--reason", "credit check")
    released = run("order", "release", confirmed_order)
    cancelled = run("order", "cancel", confirmed_order, "--reason", "customer request")

    assert [r.exit_code for r in (held, released, cancelled)] == [0, 0, 0]
    history = json.loads(run("order", "show", confirmed_order, "--json").output)["history"]
    assert [(h["to_status"], h["reason"]) for h in history] == [
        ("confirmed", ""), ("on_hold", "credit check"), ("confirmed", ""), ("cancelled", "customer request")]
    stock = json.loads(run("stock", "show", "DESK", "--json").output)["items"]
    assert [s["reserved"] for s in stock] == ["0", "0"]


def test_order_list_filters_by_status(run: Run, confirmed_order: str) -> None:
    run("order", "create", "--customer", "ACME", "--branch", "BER", "--line", "BOOK:1")

    drafts = json.loads(run("order", "list", "--status", "draft", "--json").output)["items"]
    table = run("order", "list").output.splitlines()

    assert [o["number"] for o in drafts] == ["SO-000002"]
    assert table[0].split() == ["number", "status", "customer", "branch", "created_at", "total", "currency"]
    assert [row.split()[0] for row in table[2:]] == ["SO-000002", "SO-000001"]


def test_confirming_without_enough_stock_is_refused(run: Run) -> None:
    run("order", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:16")

    result = run("order", "confirm", "SO-000001")

    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: refused (StockMustBeAvailable): DESK: 16 needed, 15 available")


def test_an_issue_line_that_names_no_line_is_a_usage_error(run: Run, confirmed_order: str) -> None:
    result = run("order", "issue", confirmed_order, "9=1", "--warehouse", "BER-1")

    assert result.exit_code == 2
    assert "LINE=QUANTITY" in result.stderr


def test_a_partially_issued_order_is_closed_short_from_the_terminal(run: Run, confirmed_order: str) -> None:
    run("order", "issue", confirmed_order, "1=5", "--warehouse", "BER-1")

    result = run("order", "complete", confirmed_order, "--reason", "rest no longer needed")

    assert result.exit_code == 0, result.output
    assert "SO-000001 completed" in result.output
    assert [s["reserved"] for s in json.loads(run("stock", "show", "DESK", "--json").output)["items"]] == ["0", "0"]


def test_the_operator_at_the_terminal_is_the_actor_in_the_audit_trail(
        run: Run, confirmed_order: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMS_ACTOR", "alice")

    run("order", "hold", confirmed_order, "--reason", "credit check")

    history = json.loads(run("order", "show", confirmed_order, "--json").output)["history"]
    assert [(h["to_status"], h["actor"]) for h in history][-1] == ("on_hold", "alice")
