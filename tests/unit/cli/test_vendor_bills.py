"""`oms bill ...` and `oms supplier-payment ...`: a purchase order billed at the terminal, its 3-way match shown per
line, a debit note, the bill released and paid; a duplicate supplier invoice number refused in one line."""

from __future__ import annotations

import json

import oms
from oms.domain.masterdata.suppliers import Supplier
from tests.unit.cli.conftest import Run


def _received_order(system: oms.OrderManagement, run: Run) -> str:
    """A purchase order of 10 DESK at 5.00 from BOLT-AG, ordered, 8 received."""
    with system.uow_factory() as uow:
        uow.masterdata.suppliers.add(Supplier("s-bolt", "BOLT-AG", "Bolt AG", "EUR", "net 30"))
        uow.commit()
    created = run("po", "create", "--supplier-code", "BOLT-AG", "--branch-code", "BER", "--line", "DESK:10:5.00",
                  "--json")
    assert created.exit_code == 0, created.stderr
    number = str(json.loads(created.stdout)["number"])
    assert run("po", "order", number).exit_code == 0
    received = run("po", "receive", number, "1=8")
    assert received.exit_code == 0, received.stderr
    return number


def test_a_bill_made_posted_debited_released_and_paid_at_the_terminal(
        system: oms.OrderManagement, run: Run) -> None:
    order = _received_order(system, run)

    draft = json.loads(run("bill", "create", order, "--supplier-invoice-number", "INV-1", "--line", "1=10@5.00",
                           "--json").stdout)
    posted = run("bill", "post", draft["id"])
    shown = run("bill", "show", "BILL-2026-000001")
    listed = run("bill", "list", "--match", "exception")
    debited = run("bill", "debit", "BILL-2026-000001", "1=2", "--supplier-invoice-number", "CN-1", "--json")
    note_posted = run("bill", "post", json.loads(debited.stdout)["id"])
    billing = run("bill", "po-billing", order, "--json")
    blocked = run("bill", "pay", "BILL-2026-000001")
    released = run("bill", "release", "BILL-2026-000001")
    paid = run("bill", "pay", "BILL-2026-000001")
    payments = run("supplier-payment", "list")

    assert posted.exit_code == 0, posted.stderr
    assert posted.stdout.startswith("BILL-2026-000001: posted, BOLT-AG INV-1, match exception")
    assert "10 billed, 8 received, 10 ordered" in shown.stdout
    assert "BILL-2026-000001" in listed.stdout
    assert note_posted.stdout.startswith("DN-2026-000001: posted")
    assert [(line["billed"], line["to_bill"]) for line in json.loads(billing.stdout)["lines"]] == [("8", "0")]
    assert (blocked.exit_code, "BillPaymentMustBeReleased" in blocked.stderr) == (1, True)
    assert released.exit_code == 0, released.stderr
    assert paid.stdout.startswith("SPAY-2026-000001: 47.60 EUR to BOLT-AG; pays BILL-2026-000001 47.60"), paid.stdout
    assert "SPAY-2026-000001" in payments.stdout


def test_a_duplicate_supplier_invoice_number_is_refused_in_one_line(system: oms.OrderManagement, run: Run) -> None:
    order = _received_order(system, run)
    run("bill", "create", order, "--supplier-invoice-number", "INV-9", "--line", "1=1")

    again = run("bill", "create", order, "--supplier-invoice-number", "INV-9", "--line", "1=1")

    assert again.exit_code == 1
    assert again.stderr.count("\n") == 1
    assert "INV-9" in again.stderr


def test_the_bill_and_payment_lists_page_and_filter_by_search(system: oms.OrderManagement, run: Run) -> None:
    order = _received_order(system, run)
    for number in ("INV-1", "INV-2"):
        assert run("bill", "create", order, "--supplier-invoice-number", number, "--line", "1=1").exit_code == 0
    for amount in ("10.00", "20.00"):
        assert run("supplier-payment", "record", "--supplier-code", "BOLT-AG", "--amount", amount,
                   "--currency", "EUR").exit_code == 0

    first = run("bill", "list", "--limit", "1")
    searched = run("bill", "list", "--search", "inv-2", "--json")
    payments = run("supplier-payment", "list", "--limit", "1", "--order", "newest")

    assert first.exit_code == 0, first.stderr
    assert "INV-1" in first.stdout
    assert "INV-2" not in first.stdout
    assert "next page: --cursor " in first.stdout
    assert [b["supplier_invoice_number"] for b in json.loads(searched.stdout)["items"]] == ["INV-2"]
    assert payments.exit_code == 0, payments.stderr
    assert "20.00" in payments.stdout
    assert "10.00" not in payments.stdout
    assert "next page" in payments.stdout


def test_a_wider_price_tolerance_set_at_the_terminal_matches_a_bill_and_a_payment_is_taken_off_it(
        system: oms.OrderManagement, run: Run) -> None:
    order = _received_order(system, run)
    widened = run("procurement", "set", "BER", "--price-tolerance-percent", "5", "--json")
    draft = json.loads(run("bill", "create", order, "--supplier-invoice-number", "INV-4", "--line", "1=8@5.20",
                           "--json").stdout)
    posted = run("bill", "post", draft["id"])
    run("bill", "pay", "BILL-2026-000001")

    freed = run("supplier-payment", "unallocate", "SPAY-2026-000001", "--bill-id", "BILL-2026-000001", "--json")
    listed = run("supplier-payment", "list")

    assert json.loads(widened.stdout)["price_tolerance_percent"] == "5"
    assert posted.stdout.startswith("BILL-2026-000001: posted, BOLT-AG INV-4, match ok"), posted.stdout
    assert freed.exit_code == 0, freed.stderr
    assert json.loads(freed.stdout)["allocations"] == []
    assert "49.50" in listed.stdout.splitlines()[-1]  # 8 x 5.20 + 19%, all of it left to allocate
