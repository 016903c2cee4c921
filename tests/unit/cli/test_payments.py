"""`oms payment ...`, `oms customer statement` and `oms receivables ageing`: an invoice paid in part at the terminal,
what it still owes, when it was due, and the customer's account."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.cli.conftest import Run


def _overdue_invoice(run: Run, confirmed_order: str) -> str:
    """FIT 2 (119.00 with tax) invoiced to ACME on net 14 terms, dated Feb 1: due Feb 15, overdue on Mar 2."""
    assert run("customer", "update", "ACME", "--payment-terms", "net 14").exit_code == 0
    draft = json.loads(run("invoice", "create", "--line", f"{confirmed_order}:FIT=2", "--json").stdout)
    posted = run("invoice", "post", draft["id"], "--invoice-date", "2026-02-01", "--json")
    return str(json.loads(posted.stdout)["number"])


def test_an_invoice_paid_in_part_shows_its_residual_due_date_and_that_it_is_overdue(
        run: Run, confirmed_order: str) -> None:
    number = _overdue_invoice(run, confirmed_order)

    recorded = run("payment", "record", "--customer-code", "ACME", "--amount", "100.00", "--currency", "EUR",
                   "--method", "card", "--invoice-id", number)
    shown = run("invoice", "show", number)
    payment = run("payment", "show", "PAY-2026-000001")
    listed = run("payment", "list", "--customer", "ACME")

    assert recorded.exit_code == 0, recorded.stderr
    assert recorded.stdout.startswith("PAY-2026-000001: 100.00 EUR, unallocated 0.00")
    assert "partially paid: residual 19.00 EUR, due 2026-02-15, overdue" in shown.stdout
    assert number in payment.stdout
    assert "PAY-2026-000001" in listed.stdout


def test_the_statement_and_the_ageing_tell_what_the_customer_owes(run: Run, confirmed_order: str) -> None:
    number = _overdue_invoice(run, confirmed_order)
    run("payment", "record", "--customer-code", "ACME", "--amount", "150.00", "--currency", "EUR",
        "--invoice-id", number)

    statement = run("customer", "statement", "ACME")
    ageing = json.loads(run("receivables", "ageing", "--as-of", "2026-02-20", "--json").stdout)
    after = run("receivables", "ageing")

    assert statement.exit_code == 0, statement.stderr
    assert "closing balance -31.00; unallocated credit 31.00" in statement.stdout
    assert [(row["customer_code"], row["days_1_30"]["amount"]) for row in ageing["customers"]] == [
        ("ACME", "119.00")]  # on Feb 20 the payment of Mar 2 had not come
    assert "ACME" not in after.stdout


def test_allocating_more_than_the_payment_has_left_is_refused_in_one_line(run: Run, confirmed_order: str) -> None:
    number = _overdue_invoice(run, confirmed_order)
    run("payment", "record", "--customer-code", "ACME", "--amount", "10.00", "--currency", "EUR")

    refused = run("payment", "allocate", "PAY-2026-000001", "--invoice-id", number, "--amount", "10.01")

    assert refused.exit_code == 1
    assert "CannotAllocateMoreThanUnallocated" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1


def test_payment_terms_are_imported_and_exported_with_customers_and_bad_ones_refused_by_row(
        run: Run, tmp_path: Path) -> None:
    (tmp_path / "c.csv").write_text("code,name,payment_terms\nNET,Net customer,Net 30\nEOM,Month end,"
                                    "end of month + 15\nBAD,Bad terms,net thirty\n", encoding="utf-8")
    (tmp_path / "good.csv").write_text("code,name,payment_terms\nNET,Net customer,Net 30\n", encoding="utf-8")

    refused = run("customer", "import", str(tmp_path / "c.csv"))
    imported = run("customer", "import", str(tmp_path / "good.csv"))
    run("customer", "export", str(tmp_path / "out.csv"))

    assert refused.exit_code == 1
    assert "row 4: payment_terms:" in refused.stderr
    assert imported.exit_code == 0
    assert ",net 30," in (tmp_path / "out.csv").read_text(encoding="utf-8")
