"""`oms invoice ...`: an order invoiced, posted, credited and its billing read, at the terminal."""

from __future__ import annotations

import json

from tests.unit.cli.conftest import Run


def test_an_order_is_invoiced_posted_credited_and_its_billing_read_at_the_terminal(run: Run,
                                                                                   confirmed_order: str) -> None:
    assert run("order", "issue", confirmed_order, "DESK=3", "--warehouse", "BER-1").exit_code == 0

    created = run("invoice", "create", confirmed_order, "--json")
    draft = json.loads(created.stdout)
    posted = run("invoice", "post", draft["id"], "--invoice-date", "2026-03-02", "--json")
    number = json.loads(posted.stdout)["number"]
    credited = run("invoice", "credit", number, "1=1", "--json")
    billing = run("invoice", "billing", confirmed_order)

    assert [(line["sku"], line["quantity"]) for line in draft["lines"]] == [("DESK", "3"), ("FIT", "2")]
    assert number == "INV-2026-000001"
    assert json.loads(credited.stdout)["kind"] == "credit_note"
    assert "DESK" in billing.stdout
    assert "to invoice" in billing.stdout


def test_invoicing_more_than_was_delivered_is_refused_in_one_line(run: Run, confirmed_order: str) -> None:
    refused = run("invoice", "create", "--line", f"{confirmed_order}:DESK=1")

    assert refused.exit_code == 1
    assert "CannotInvoiceMoreThanInvoiceable" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1


def test_an_invoice_reads_as_a_summary_line_and_a_table_of_lines(run: Run, confirmed_order: str) -> None:
    draft = run("invoice", "create", "--line", f"{confirmed_order}:FIT=2")
    invoice_id = draft.stdout.rsplit("(id ", 1)[1].rstrip(")\n")

    shown = run("invoice", "show", invoice_id)
    posted = run("invoice", "post", invoice_id)

    assert draft.stdout.startswith("draft invoice: 1 line, net 100.00, tax 19.00, total 119.00 EUR")
    assert "FIT" in shown.stdout
    assert "119.00" in shown.stdout
    assert posted.stdout.startswith("INV-2026-000001 posted: 1 line")
