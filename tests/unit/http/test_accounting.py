"""The books over HTTP: posting an invoice posts its balanced entry, the lock date refuses postings, manual entries,
the chart and its mapping, the trial balance and an account's ledger."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import oms
from oms.entrypoints.http.testing import Caller


def _shipped_order(clerk: Caller, quantity: str = "2", issued: str = "2") -> str:
    order = clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER", "confirm": True,
                                              "lines": [{"sku": "DESK", "quantity": quantity}]}).get_json()
    clerk.post(f"/sales-orders/{order['number']}/goods-issues",
               json={"warehouse_code": "BER-1", "lines": [{"line_id": order["lines"][0]["id"], "quantity": issued}]})
    return str(order["number"])


def _posted_invoice(clerk: Caller, manager: Caller, day: str = "2026-03-02") -> dict[str, Any]:
    draft = clerk.post("/invoices", json={"orders": [_shipped_order(clerk)]}).get_json()
    posted = manager.post(f"/invoices/{draft['id']}/post", json={"invoice_date": day})
    assert posted.status_code == 200, posted.get_json()
    answer: dict[str, Any] = posted.get_json()
    return answer


def _amounts(entry: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(line["account_code"], line["debit"]["amount"], line["credit"]["amount"]) for line in entry["lines"]]


def test_posting_an_invoice_posts_its_balanced_entry_in_the_same_transaction(clerk: Caller,
                                                                             manager: Caller) -> None:
    invoice = _posted_invoice(clerk, manager)

    journal = clerk.get("/accounting/journal-entries", query_string={"source_kind": "invoice",
                                                                     "source_ref": invoice["number"]}).get_json()

    [entry] = journal["entries"]
    totals = invoice["totals"]
    assert entry["number"].startswith("JE-2026-")
    assert entry["entry_date"] == "2026-03-02"
    assert _amounts(entry) == [("1100", totals["grand_total"]["amount"], "0.00"),
                               ("4000", "0.00", totals["net_total"]["amount"]),
                               ("2100", "0.00", totals["tax_total"]["amount"])]


def test_a_credit_note_posts_the_reverse_entry(clerk: Caller, manager: Caller) -> None:
    invoice = _posted_invoice(clerk, manager)
    note = manager.post(f"/invoices/{invoice['number']}/credit-notes", json={}).get_json()
    manager.post(f"/invoices/{note['id']}/post", json={"invoice_date": "2026-03-05"})

    journal = clerk.get("/accounting/journal-entries").get_json()["entries"]

    invoice_entry, note_entry = [entry for entry in journal if entry["source_kind"] != "stock"]
    assert invoice_entry["source_ref"] == invoice["number"]
    assert note_entry["source_kind"] == "credit_note"
    assert sorted(_amounts(note_entry)) == sorted((code, credit, debit)
                                                  for code, debit, credit in _amounts(invoice_entry))


def test_the_lock_date_refuses_an_invoice_dated_in_the_locked_period(clerk: Caller, manager: Caller,
                                                                     clock: oms.FixedClock) -> None:
    march = _posted_invoice(clerk, manager, "2026-03-02")
    clock.advance(timedelta(days=32))  # April 3rd: March has ended
    locked = manager.put("/accounting/lock-date", json={"lock_date": "2026-03-31"})
    draft = clerk.post("/invoices", json={"orders": [_shipped_order(clerk)]}).get_json()

    refused = manager.post(f"/invoices/{draft['id']}/post", json={"invoice_date": "2026-03-15"})
    note = manager.post(f"/invoices/{march['number']}/credit-notes", json={}).get_json()
    credited = manager.post(f"/invoices/{note['id']}/post", json={"invoice_date": "2026-04-02"})

    assert locked.status_code == 200
    assert locked.get_json() == {"lock_date": "2026-03-31"}
    assert refused.status_code == 409
    assert refused.get_json()["rule"] == "PeriodIsLocked"
    assert credited.status_code == 200
    assert credited.get_json()["number"] == "CN-2026-000001"


def test_a_period_that_has_not_ended_cannot_be_locked(manager: Caller) -> None:
    refused = manager.put("/accounting/lock-date", json={"lock_date": "2026-03-02"})  # today

    assert refused.status_code == 409
    assert refused.get_json()["rule"] == "LockDateNotPast"


def test_a_clerk_cannot_set_the_lock_date(clerk: Caller) -> None:
    refused = clerk.put("/accounting/lock-date", json={"lock_date": "2026-03-31"})

    assert refused.status_code == 403


def test_a_manual_entry_is_posted_numbered_and_shown(clerk: Caller, manager: Caller) -> None:
    posted = manager.post("/accounting/journal-entries", json={
        "description": "Owner's capital", "entry_date": "2026-01-02",
        "lines": [{"account": "1200", "debit": "500.00"}, {"account": "1100", "credit": "500.00"}]})

    number = posted.headers["Location"].rsplit("/", 1)[-1]
    shown = clerk.get(f"/accounting/journal-entries/{number}")

    assert posted.status_code == 201
    assert number.startswith("JE-2026-")
    assert shown.get_json()["total"] == {"amount": "500.00", "currency": "EUR"}
    assert shown.get_json()["source_kind"] == "manual"


def test_an_unbalanced_manual_entry_is_a_409_naming_the_rule(manager: Caller) -> None:
    refused = manager.post("/accounting/journal-entries", json={
        "description": "Typo", "lines": [{"account": "1200", "debit": "500.00"},
                                         {"account": "1100", "credit": "50.00"}]})

    assert refused.status_code == 409
    assert refused.get_json()["rule"] == "UnbalancedJournalEntry"


def test_a_manual_entry_on_an_unknown_account_names_the_line(manager: Caller) -> None:
    refused = manager.post("/accounting/journal-entries", json={
        "description": "Typo", "lines": [{"account": "9999", "debit": "5.00"}, {"account": "1100", "credit": "5.00"}]})

    assert refused.status_code == 422
    assert refused.get_json()["errors"][0]["pointer"] == "#/lines/0/account"


def test_the_trial_balance_balances_and_the_ledger_runs_its_balance(clerk: Caller, manager: Caller) -> None:
    invoice = _posted_invoice(clerk, manager, "2026-03-02")
    _posted_invoice(clerk, manager, "2026-04-02")

    march = clerk.get("/accounting/trial-balance", query_string={"until": "2026-03-31"}).get_json()
    april = clerk.get("/accounting/trial-balance", query_string={"since": "2026-04-01"}).get_json()
    ledger = clerk.get("/accounting/accounts/1100/ledger").get_json()

    grand = Decimal(invoice["totals"]["grand_total"]["amount"])
    receivable = next(row for row in april["accounts"] if row["code"] == "1100")
    assert march["totals"]["debits"] == march["totals"]["credits"]
    assert march["totals"]["closing"]["amount"] == "0.00"
    assert Decimal(receivable["opening"]["amount"]) == grand
    assert Decimal(receivable["debits"]["amount"]) == grand
    assert [Decimal(row["balance"]["amount"]) for row in ledger["rows"]] == [grand, 2 * grand]
    assert ledger["closing"] == receivable["closing"]


def test_the_chart_is_edited_and_a_role_mapped_to_another_account(clerk: Caller, manager: Caller) -> None:
    created = manager.post("/accounting/accounts", json={"code": "4010", "name": "Revenue, services",
                                                         "type": "income"})
    mapped = manager.put("/accounting/mappings", json={"role": "revenue", "account_code": "4010",
                                                       "scope": "product", "scope_key": "DESK"})
    renamed = manager.patch("/accounting/accounts/4010", json={"name": "Revenue (services)"})
    invoice = _posted_invoice(clerk, manager)
    entry = clerk.get("/accounting/journal-entries", query_string={
        "source_kind": "invoice", "source_ref": invoice["number"]}).get_json()["entries"][0]

    assert created.status_code == 201
    assert mapped.status_code == 200
    assert renamed.get_json()["name"] == "Revenue (services)"
    assert [line["account_code"] for line in entry["lines"]] == ["1100", "4010", "2100"]


def test_an_account_with_entries_is_not_deleted_but_an_unused_one_is(clerk: Caller, manager: Caller) -> None:
    _posted_invoice(clerk, manager)
    manager.post("/accounting/accounts", json={"code": "6000", "name": "Rent", "type": "expense"})

    refused = manager.delete("/accounting/accounts/4000")
    deleted = manager.delete("/accounting/accounts/6000")

    assert refused.status_code == 409
    assert refused.get_json()["rule"] == "AccountHasEntries"
    assert deleted.status_code == 200
    assert "6000" not in [account["code"] for account in deleted.get_json()["accounts"]]


def test_a_mapping_names_what_it_applies_to_in_at_most_64_characters(manager: Caller) -> None:
    unnamed = manager.put("/accounting/mappings", json={"role": "revenue", "account_code": "4000",
                                                        "scope": "product", "scope_key": ""})
    too_long = manager.put("/accounting/mappings", json={"role": "revenue", "account_code": "4000",
                                                         "scope": "product", "scope_key": "X" * 65})

    assert unnamed.status_code == 422
    assert too_long.status_code == 422
    assert too_long.get_json()["errors"][0]["pointer"] == "#/scope_key"


def test_a_payment_posts_bank_against_the_receivable_whole_so_the_receivable_is_what_is_owed_less_credit(
        clerk: Caller, manager: Caller) -> None:
    invoice = _posted_invoice(clerk, manager)
    grand = Decimal(invoice["totals"]["grand_total"]["amount"])
    paid = clerk.post("/payments", json={"customer_code": "ACME", "amount": str(grand + 10), "currency": "EUR",
                                         "invoice_id": invoice["number"]}).get_json()

    [entry] = clerk.get("/accounting/journal-entries", query_string={
        "source_kind": "payment", "source_ref": paid["number"]}).get_json()["entries"]
    books = clerk.get("/accounting/trial-balance").get_json()
    receivable = next(row for row in books["accounts"] if row["code"] == "1100")

    assert _amounts(entry) == [("1200", str(grand + 10), "0.00"), ("1100", "0.00", str(grand + 10))]
    assert receivable["closing"]["amount"] == "-10.00"  # the invoice is paid; ACME has 10.00 of credit
    assert paid["unallocated"]["amount"] == "10.00"


def test_a_goods_issue_of_two_lines_posts_one_entry_of_the_cost_of_the_goods_it_took_out(clerk: Caller) -> None:
    clerk.post("/stock/receipts", json={"sku": "BOOK", "warehouse_code": "BER-1", "quantity": "10",
                                        "unit_cost": "8.00"})
    order = clerk.post("/sales-orders", json={"customer_code": "ACME", "branch_code": "BER", "confirm": True,
                                              "lines": [{"sku": "DESK", "quantity": "2"},
                                                        {"sku": "BOOK", "quantity": "3"}]}).get_json()
    issued = clerk.post(f"/sales-orders/{order['number']}/goods-issues", json={
        "warehouse_code": "BER-1", "lines": [{"line_id": line["id"], "quantity": line["quantity"]}
                                             for line in order["lines"]]}).get_json()

    [entry] = clerk.get("/accounting/journal-entries", query_string={
        "source_kind": "stock", "source_ref": issued["goods_issues"][0]["number"]}).get_json()["entries"]

    assert _amounts(entry) == [("5000", "144.00", "0.00"), ("1300", "0.00", "144.00")]  # 2 x 60.00 + 3 x 8.00
