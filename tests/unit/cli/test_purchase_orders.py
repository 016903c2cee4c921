"""`oms po ...` and `oms procurement ...`: a purchase order made, ordered, received with `LINE=QTY`, listed and
shown with its receipt progress; an over-receipt refused in one line naming the rule."""

from __future__ import annotations

import json

import pytest

import oms
from oms.domain.masterdata.suppliers import Supplier
from oms.domain.shared.ids import new_id

from .conftest import Run


@pytest.fixture(autouse=True)
def supplier(system: oms.OrderManagement) -> None:
    uow = system.uow_factory()
    with uow:
        uow.masterdata.suppliers.add(Supplier(new_id(), "WOOD", "Wood GmbH", "EUR"))
        uow.commit()


def test_a_purchase_order_is_made_ordered_received_in_part_and_shown_with_its_progress(run: Run) -> None:
    made = run("po", "create", "--supplier", "WOOD", "--branch", "BER", "--line", "DESK:10:55.00",
               "--line", "BOOK:4:9.50")
    ordered = run("po", "order", "PO-000001")
    received = run("po", "receive", "PO-000001", "DESK=6", "2=4")
    shown = run("po", "show", "PO-000001")
    listed = run("po", "list", "--status", "partially_received", "--json")

    assert (made.exit_code, ordered.exit_code, received.exit_code) == (0, 0, 0), made.output
    assert received.stdout.startswith("GR-000004: received 10 units into BER-1")  # GR-1 to 3: the opening stock
    assert shown.stdout.startswith("PO-000001 partially_received (receipt partial)")
    assert "GR-000004" in shown.stdout
    assert [o["number"] for o in json.loads(listed.stdout)["items"]] == ["PO-000001"]


def test_an_over_receipt_is_refused_in_one_line_and_a_tolerance_lets_it_through(run: Run) -> None:
    run("po", "create", "--supplier", "WOOD", "--branch", "BER", "--line", "DESK:10:55.00")
    run("po", "order", "PO-000001")

    refused = run("po", "receive", "PO-000001", "DESK=11")
    run("procurement", "set", "BER", "--over-receipt-percent", "10")
    allowed = run("po", "receive", "PO-000001", "DESK=11")

    assert refused.exit_code == 1
    assert "refused (CannotReceiveMoreThanOrdered): line 1 (DESK): 10 ordered, 0 received" in refused.stderr
    assert allowed.exit_code == 0, allowed.output


def test_the_list_prints_a_page_and_how_to_ask_for_the_next_one(run: Run) -> None:
    for quantity in ("1", "2", "3"):
        run("po", "create", "--supplier", "WOOD", "--branch", "BER", "--line", f"DESK:{quantity}:55.00")

    first = run("po", "list", "--limit", "2")
    cursor = first.stdout.rsplit("next page: --cursor ", 1)[-1].strip()
    second = run("po", "list", "--limit", "2", "--cursor", cursor, "--json")
    searched = run("po", "list", "--search", "wood gmbh", "--order", "oldest", "--limit", "1", "--json")

    assert first.exit_code == 0, first.stderr
    assert "PO-000003" in first.stdout
    assert "PO-000002" in first.stdout
    assert "PO-000001" not in first.stdout
    assert [o["number"] for o in json.loads(second.stdout)["items"]] == ["PO-000001"]
    assert json.loads(second.stdout)["next_cursor"] is None
    assert [o["number"] for o in json.loads(searched.stdout)["items"]] == ["PO-000001"]
