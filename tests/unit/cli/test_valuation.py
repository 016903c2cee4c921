"""`oms stock valuation` and customer returns (`oms order authorise-return|receive-return|credit-returns`) through
Click's runner."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import Result

Run = Callable[..., Result]


def test_a_return_authorised_and_received_over_the_cli_comes_back_at_its_cost(run: Run,
                                                                              confirmed_order: str) -> None:
    run("order", "issue", confirmed_order, "1=5", "--warehouse", "BER-1")
    run("stock", "receive", "DESK", "BER-1", "1", "--unit-cost", "90.00")
    line = json.loads(run("order", "show", confirmed_order, "--json").output)["lines"][0]["id"]

    authorised = run("order", "authorise-return", confirmed_order, "--line-id", line, "--quantity", "2",
                     "--reason", "scratched", "--json")
    received = run("order", "receive-return", confirmed_order, "RMA-000001", "--warehouse", "BER-1", "--json")
    too_many = run("order", "authorise-return", confirmed_order, "--line-id", line, "--quantity", "4",
                   "--reason", "more")

    assert authorised.exit_code == 0, authorised.stderr
    assert json.loads(received.output)["returns"][0]["receipts"][0]["value"] == {"amount": "120.00",
                                                                                  "currency": "EUR"}
    assert too_many.exit_code == 1
    assert "CannotReturnMoreThanDelivered" in too_many.stderr


def test_stock_valuation_prints_quantity_value_and_average_per_product_and_warehouse_with_totals(run: Run) -> None:
    run("stock", "receive", "DESK", "BER-1", "5", "--unit-cost", "90.00")

    result = run("stock", "valuation")
    as_of = json.loads(run("stock", "valuation", "--at", "2026-03-01", "--json").output)

    rows = [line.split() for line in result.output.splitlines()]
    assert rows[0] == ["warehouse", "sku", "quantity", "value", "average", "cost", "currency"]
    assert ["BER-1", "DESK", "10", "750.00", "75.00", "EUR"] in rows
    assert ["BER-1", "BOOK", "50", "600.00", "12.00", "EUR"] in rows
    assert rows[-1] == ["all", "total", "1950.00", "EUR"]  # 750 + 600 in BER-1, 600 in BER-2
    assert as_of == {"at": "2026-03-01", "warehouses": [], "totals": []}


def test_goods_returned_after_invoicing_get_a_draft_credit_note_from_oms_order_credit_returns(
        run: Run, confirmed_order: str) -> None:
    run("order", "issue", confirmed_order, "1=5", "--warehouse", "BER-1")
    invoice = json.loads(run("invoice", "create", "--line", f"{confirmed_order}:DESK=5", "--json").output)
    run("invoice", "post", invoice["id"])
    line = json.loads(run("order", "show", confirmed_order, "--json").output)["lines"][0]["id"]
    run("order", "authorise-return", confirmed_order, "--line-id", line, "--quantity", "2", "--reason", "dented")
    run("order", "receive-return", confirmed_order, "RMA-000001", "--warehouse", "BER-1")

    credited = run("order", "credit-returns", confirmed_order, "--json")

    assert credited.exit_code == 0, credited.stderr
    note = json.loads(credited.output)
    assert (note["kind"], note["credited_invoice_id"]) == ("credit_note", invoice["id"])
    assert [line["quantity"] for line in note["lines"]] == ["2"]
    assert note["totals"]["grand_total"]["amount"] == "238.00"  # 2 x 100.00 + 19 %
