"""`oms stock ...` through Click's runner."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import Result

Run = Callable[..., Result]


def test_stock_show_prints_each_warehouse_with_on_hand_reserved_and_available(run: Run, confirmed_order: str) -> None:
    result = run("stock", "show", "DESK")

    rows = [line.split() for line in result.output.splitlines()]
    assert rows[0] == ["warehouse", "on_hand", "reserved", "available"]
    assert rows[2:] == [["BER-1", "5", "5", "0"], ["BER-2", "10", "2", "8"]]


def test_receiving_and_adjusting_write_movements(run: Run) -> None:
    received = run("stock", "receive", "DESK", "BER-1", "3", "--reference", "PO-77")
    adjusted = run("stock", "adjust", "DESK", "BER-1", "-2", "--reason", "damaged in storage")

    assert received.output.strip() == "GR-000004: DESK in BER-1 now 8 on hand, 0 reserved, 8 available"
    assert adjusted.output.strip() == "ADJ-000001: DESK in BER-1 now 6 on hand, 0 reserved, 6 available"
    movements = json.loads(run("stock", "movements", "--sku", "DESK", "--warehouse", "BER-1", "--json").output)
    assert [(m["kind"], m["quantity"]) for m in movements["items"]] == [
        ("adjustment", "-2"), ("receipt", "3"), ("receipt", "5")]
    assert json.loads(run("stock", "show", "DESK", "--json").output)["items"][0]["on_hand"] == "6"


def test_an_adjustment_below_what_is_reserved_is_refused(run: Run, confirmed_order: str) -> None:
    result = run("stock", "adjust", "DESK", "BER-1", "-1", "--reason", "count")

    assert result.exit_code == 1
    assert "StockMustNotGoNegative" in result.stderr


def test_an_adjustment_needs_a_reason(run: Run) -> None:
    result = run("stock", "adjust", "DESK", "BER-1", "-1")

    assert result.exit_code == 2
    assert "--reason" in result.stderr


def test_movements_print_as_a_table(run: Run) -> None:
    result = run("stock", "movements", "--sku", "BOOK")

    rows = [line.split() for line in result.output.splitlines()]
    assert rows[0] == ["at", "sku", "warehouse", "kind", "quantity", "reference", "who"]
    assert rows[2][2:6] == ["BOOK", "BER-1", "receipt", "50"]


def test_movements_page_with_a_cursor_and_filter_by_document(run: Run) -> None:
    first = json.loads(run("stock", "movements", "--limit", "2", "--json").output)
    second = json.loads(run("stock", "movements", "--limit", "2", "--cursor", first["next_cursor"], "--json").output)
    receipt = json.loads(run("stock", "movements", "--document", "GR-000002", "--json").output)["items"]

    assert [m["reference"] for m in first["items"]] == ["GR-000003", "GR-000002"]
    assert ([m["reference"] for m in second["items"]], second["next_cursor"]) == (["GR-000001"], None)
    assert [(m["sku"], m["warehouse_code"], m["quantity"]) for m in receipt] == [("DESK", "BER-2", "10")]
