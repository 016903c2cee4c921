"""`oms ledger ...` and `oms account ...`: the books at the terminal: an invoice's entry, the trial balance, an
account's ledger, a manual entry, the lock date, the chart edited."""

from __future__ import annotations

import json

from tests.unit.cli.conftest import Run


def _posted_invoice(run: Run, confirmed_order: str, day: str = "2026-03-02") -> str:
    draft = json.loads(run("invoice", "create", "--line", f"{confirmed_order}:FIT=2", "--json").stdout)
    posted = run("invoice", "post", draft["id"], "--invoice-date", day, "--json")
    assert posted.exit_code == 0, posted.stderr
    return str(json.loads(posted.stdout)["number"])


def _entry_of(run: Run, source: str) -> str:
    """The number of the journal entry of a document (`invoice:INV-2026-000001`)."""
    [entry] = json.loads(run("ledger", "entries", "--source", source, "--json").stdout)["entries"]
    return str(entry["number"])


def test_a_posted_invoice_shows_in_the_trial_balance_the_ledger_and_the_journal(run: Run,
                                                                                confirmed_order: str) -> None:
    number = _posted_invoice(run, confirmed_order)

    balance = run("ledger", "trial-balance", "--until", "2026-03-31")
    ledger = run("ledger", "account", "1100", "--json")
    entries = run("ledger", "entries", "--source", f"invoice:{number}")
    entry = run("ledger", "entry", _entry_of(run, f"invoice:{number}"))

    assert balance.exit_code == 0
    assert "Receivables" in balance.stdout
    assert "119.00" in balance.stdout
    assert [row["balance"]["amount"] for row in json.loads(ledger.stdout)["rows"]] == ["119.00"]
    assert _entry_of(run, f"invoice:{number}") in entries.stdout
    assert "2100" in entry.stdout
    assert "19.00" in entry.stdout


def test_a_manual_entry_is_posted_from_account_amount_pairs(run: Run) -> None:
    posted = run("ledger", "post", "1200=250.00", "1100=-250.00", "--description", "Cash received",
                 "--date", "2026-03-05", "--json")

    shown = json.loads(posted.stdout)
    assert posted.exit_code == 0, posted.stderr
    assert shown["number"].startswith("JE-2026-")
    assert [(line["account_code"], line["debit"]["amount"], line["credit"]["amount"]) for line in shown["lines"]] == [
        ("1200", "250.00", "0.00"), ("1100", "0.00", "250.00")]


def test_an_unbalanced_manual_entry_is_refused_in_one_line(run: Run) -> None:
    refused = run("ledger", "post", "1200=250.00", "1100=-25.00", "--description", "Typo")

    assert refused.exit_code == 1
    assert "UnbalancedJournalEntry" in refused.stderr


def test_the_lock_date_refuses_a_posting_in_the_locked_period(run: Run, confirmed_order: str) -> None:
    locked = run("ledger", "lock", "2026-02-28")  # today is March 2nd: February has ended
    draft = json.loads(run("invoice", "create", "--line", f"{confirmed_order}:FIT=2", "--json").stdout)

    refused = run("invoice", "post", draft["id"], "--invoice-date", "2026-02-15")
    accounts = run("ledger", "accounts")

    assert locked.exit_code == 0
    assert refused.exit_code == 1
    assert "PeriodIsLocked" in refused.stderr
    assert "lock date: 2026-02-28" in accounts.stdout


def test_an_account_is_created_mapped_and_deactivated(run: Run, confirmed_order: str) -> None:
    created = run("account", "create", "4010", "--name", "Services", "--type", "income")
    mapped = run("ledger", "map", "revenue", "--account-code", "4010", "--scope", "product", "--scope-key", "FIT")
    number = _posted_invoice(run, confirmed_order)
    entry = json.loads(run("ledger", "entry", _entry_of(run, f"invoice:{number}"), "--json").stdout)
    deactivated = run("account", "update", "4010", "--no-active")

    assert created.exit_code == 0, created.stderr
    assert mapped.exit_code == 0, mapped.stderr
    assert [line["account_code"] for line in entry["lines"]] == ["1100", "4010", "2100"]
    assert deactivated.exit_code == 0, deactivated.stderr
