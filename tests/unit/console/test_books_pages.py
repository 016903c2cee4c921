"""The books in the console: a posted invoice's entry in the journal, the trial balance and an account's ledger; the
chart with its mapping and lock date; a manager locks the books and adds an account through the forms."""

from __future__ import annotations

from datetime import date

from flask import Flask

import oms
from oms.application.accounting.queries import journal
from oms.domain.access.tokens import Role
from tests.unit.console.conftest import Browser, browser, text


def _post_invoice(app: Flask) -> str:
    """Invoice an order and post it; the number of its journal entry."""
    system: oms.OrderManagement = app.extensions["oms"].system
    order = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True,
                                               lines=(oms.LineInput(sku="FIT", quantity="2"),)))
    draft = system.handle(oms.InvoiceOrders(orders=(order,)))
    system.handle(oms.PostInvoice(invoice_id=draft, invoice_date=date(2026, 3, 2)))
    [entry] = system.read(journal, source_kind="invoice", source_ref=system.invoice(draft).number).entries
    return entry.number


def test_a_posted_invoice_reads_in_the_journal_the_trial_balance_and_the_ledger(app: Flask, clerk: Browser) -> None:
    number = _post_invoice(app)

    listed = text(clerk.get("/console/accounting/journal-entries"))
    entry = text(clerk.get(f"/console/accounting/journal-entries/{number}"))
    balance = text(clerk.get("/console/accounting/trial-balance?until=2026-03-31"))
    ledger = text(clerk.get("/console/accounting/accounts/1100"))

    assert "INV-2026-000001" in listed
    assert "119.00 EUR" in entry
    assert "Receivables" in balance
    assert "119.00 EUR" in balance
    assert number in ledger


def test_a_manager_locks_the_books_and_adds_an_account_from_the_chart(app: Flask, clerk: Browser) -> None:
    manager = browser(app, Role.MANAGER)

    chart = text(manager.get("/console/accounting/chart"))
    locked = manager.post("/console/ledger/do/lock", {"lock_date": "2026-02-28", "_back": "/console/accounting/chart"})
    added = manager.post("/console/account/do/create", {"code": "6000", "name": "Rent", "type": "expense"})

    assert "Tax payable (VAT)" in chart
    assert locked.status_code == 302
    assert "2026-02-28" in text(manager.get("/console/accounting/chart"))
    assert added.status_code == 302
    assert "Rent" in text(manager.get(added.location))
    assert "do/lock" not in text(clerk.get("/console/accounting/chart"))  # a clerk is offered no lock


def test_a_manager_posts_a_manual_entry_from_its_form_and_lands_on_it(app: Flask) -> None:
    manager = browser(app, Role.MANAGER)
    manager.get("/console/ledger/do/post")

    posted = manager.post("/console/ledger/do/post", {
        "description": "Cash sale", "entry_date": "2026-03-02", "currency": "EUR",
        "lines.0.account": "1200", "lines.0.debit": "10.00", "lines.1.account": "4000", "lines.1.credit": "10.00"})

    assert posted.status_code == 302
    assert "/console/accounting/journal-entries/JE-2026-" in posted.location
    assert "Cash sale" in text(manager.get(posted.location))


def test_a_bad_day_in_a_filter_is_refused_naming_it(clerk: Browser) -> None:
    refused = clerk.get("/console/accounting/trial-balance?until=31.03.2026")

    assert refused.status_code == 422
    assert "until" in text(refused)
