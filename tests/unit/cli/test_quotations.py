"""`oms quotation ...` through Click's runner."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import Result

Run = Callable[..., Result]


def test_a_quotation_is_created_sent_accepted_and_converted_from_the_terminal(run: Run) -> None:
    created = run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:2",
                  "--line", "BOOK:3:18.50", "--discount", "5%")
    added = run("quotation", "add-line", "Q-000001", "FIT", "1", "--discount", "10.00")
    sent = run("quotation", "send", "Q-000001")
    accepted = run("quotation", "accept", "Q-000001")
    converted = run("quotation", "convert", "Q-000001")

    assert [r.exit_code for r in (created, added, sent, accepted, converted)] == [0, 0, 0, 0, 0]
    assert created.output.startswith("Q-000001 draft: 2 lines")
    assert "Q-000001 draft: 3 lines" in added.output
    assert "Q-000001 sent" in sent.output
    assert "Q-000001 accepted" in accepted.output
    assert converted.output.startswith("SO-000001 draft: 3 lines")


def test_quotation_show_prints_lines_taxes_and_the_audit_trail(run: Run) -> None:
    run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:2", "--line", "BOOK:1")
    run("quotation", "send", "Q-000001")

    result = run("quotation", "show", "Q-000001")

    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert any(line.split()[:2] == ["1", "DESK"] for line in lines)
    assert any(line.startswith("standard") and "0.19" in line and "200.00" in line for line in lines)
    assert any("draft" in line and "sent" in line for line in lines)


def test_quotation_show_as_json_gives_decimal_strings(run: Run) -> None:
    run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:2")

    result = run("quotation", "show", "Q-000001", "--json")

    document = json.loads(result.output)
    assert (document["number"], document["totals"]["grand_total"], document["lines"][0]["quantity"]) == (
        "Q-000001", {"amount": "238.00", "currency": "EUR"}, "2")
    assert document["created_at"] == "2026-03-02T09:30:00Z"


def test_reject_and_revise_leave_a_superseded_quotation_and_a_new_draft(run: Run) -> None:
    run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:1")
    run("quotation", "send", "Q-000001")

    rejected = run("quotation", "reject", "Q-000001", "--reason", "too expensive")
    revised = run("quotation", "revise", "Q-000001", "--valid-until", "2026-04-30")

    assert "Q-000001 rejected" in rejected.output
    assert revised.output.startswith("Q-000001-R2 draft: 1 line,")
    listing = json.loads(run("quotation", "list", "--json").output)["items"]
    assert {(q["number"], q["status"]) for q in listing} == {("Q-000001", "superseded"), ("Q-000001-R2", "draft")}


def test_quotation_list_filters_by_status_and_prints_a_table(run: Run) -> None:
    run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:1")
    run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:2")
    run("quotation", "send", "Q-000002")

    result = run("quotation", "list", "--status", "sent")

    rows = result.output.splitlines()
    assert rows[0].split() == ["number", "status", "customer", "branch", "created_at", "total", "currency"]
    assert [row.split()[0] for row in rows[2:]] == ["Q-000002"]


def test_accepting_a_draft_is_refused_with_the_rule_and_exit_code_1(run: Run) -> None:
    run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:1")

    result = run("quotation", "accept", "Q-000001")

    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: refused (QuotationMustBeSent): Q-000001 is draft; it can become accepted only from sent"]
    assert "Traceback" not in result.output


def test_a_malformed_line_is_a_usage_error_with_exit_code_2(run: Run) -> None:
    result = run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK")

    assert result.exit_code == 2
    assert "SKU:QUANTITY" in result.stderr


def test_a_float_like_but_invalid_quantity_names_the_field(run: Run) -> None:
    result = run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:two")

    assert result.exit_code == 2
    assert "quantity" in result.stderr


def test_an_unknown_customer_is_refused_with_exit_code_1(run: Run) -> None:
    result = run("quotation", "create", "--customer", "NOBODY", "--branch", "BER")

    assert result.exit_code == 1
    assert "customer 'NOBODY' not found" in result.stderr


def test_quotation_list_pages_with_a_cursor(run: Run) -> None:
    for _ in range(3):
        run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:1")

    first = json.loads(run("quotation", "list", "--limit", "2", "--json").output)
    second = json.loads(run("quotation", "list", "--limit", "2", "--cursor", first["next_cursor"], "--json").output)
    table = run("quotation", "list", "--limit", "2").output.splitlines()

    assert [q["number"] for q in first["items"]] == ["Q-000003", "Q-000002"]
    assert ([q["number"] for q in second["items"]], second["next_cursor"]) == (["Q-000001"], None)
    assert table[-1] == f"next page: --cursor {first['next_cursor']}"


def test_global_rounding_is_asked_for_as_before_or_by_its_name(run: Run) -> None:
    """`--global-rounding`, the flag of earlier versions, still works beside `--tax-rounding global`."""
    run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:2", "--global-rounding")
    run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:2",
        "--tax-rounding", "global")
    run("quotation", "create", "--customer", "ACME", "--branch", "BER", "--line", "DESK:2")

    roundings = [json.loads(run("quotation", "show", number, "--json").output)["tax_rounding"]
                 for number in ("Q-000001", "Q-000002", "Q-000003")]

    assert roundings == ["global", "global", "per_line"]
