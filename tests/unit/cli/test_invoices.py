"""`oms invoice ...`: an order invoiced, posted, credited and its billing read, at the terminal."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader

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


def test_invoices_are_listed_by_kind_status_and_order_at_the_terminal(run: Run, confirmed_order: str) -> None:
    draft = json.loads(run("invoice", "create", "--line", f"{confirmed_order}:FIT=2", "--json").stdout)
    run("invoice", "create", "--line", f"{confirmed_order}:FIT=1")
    run("invoice", "post", draft["id"], "--invoice-date", "2026-03-02")

    listed = run("invoice", "list")
    posted = json.loads(run("invoice", "list", "--status", "posted", "--sales-order", confirmed_order,
                            "--json").stdout)
    unknown = run("invoice", "list", "--customer", "NOBODY")

    assert listed.exit_code == 0
    assert "INV-2026-000001" in listed.stdout
    assert "(draft)" in listed.stdout
    assert "119.00" in listed.stdout
    assert [item["number"] for item in posted["items"]] == ["INV-2026-000001"]
    assert posted["items"][0]["grand_total"] == {"amount": "119.00", "currency": "EUR"}
    assert unknown.exit_code != 0


def test_an_invoice_is_written_as_pdf_and_html_with_the_views_totals(run: Run, confirmed_order: str,
                                                                      tmp_path: Path) -> None:
    draft = json.loads(run("invoice", "create", "--line", f"{confirmed_order}:FIT=2", "--json").stdout)
    run("invoice", "post", draft["id"], "--invoice-date", "2026-03-02")

    written = run("invoice", "document", "INV-2026-000001", "--pdf", str(tmp_path / "out.pdf"),
                  "--html", str(tmp_path / "out.html"))
    nothing = run("invoice", "document", "INV-2026-000001")

    assert written.exit_code == 0, written.stderr
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "out.pdf").pages)
    assert "INV-2026-000001" in text
    assert "119.00 EUR" in text
    assert "119.00 EUR" in (tmp_path / "out.html").read_text(encoding="utf-8")
    assert nothing.exit_code != 0
    assert "--pdf" in nothing.stderr
