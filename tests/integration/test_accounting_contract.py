"""The books on memory, SQLite and PostgreSQL: accounts, mappings, settings and entries come back as stored; an
invoice and its journal entry are committed together or not at all; and the database itself refuses an unbalanced
entry written by raw SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

import oms
from oms.adapters.sql import SqlDatabase
from oms.domain.accounting.accounts import Account, AccountMapping, AccountRole, AccountType, ScopeKind
from oms.domain.accounting.journal import JournalEntry, JournalLine, LedgerSettings
from oms.domain.shared.errors import BusinessRuleViolation

from .integration_helpers import Backend, seed_master_data, snapshot

AT = datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=UTC)


def _entry(number: str, day: date, source_ref: str = "INV-2026-000001") -> JournalEntry:
    lines = [JournalLine(id=f"{number}-1", position=1, account_code="1100", debit=Decimal("119.00"),
                         credit=Decimal("0.00"), description="Receivable"),
             JournalLine(id=f"{number}-2", position=2, account_code="4000", debit=Decimal("0.00"),
                         credit=Decimal("100.00"), description="Revenue"),
             JournalLine(id=f"{number}-3", position=3, account_code="2100", debit=Decimal("0.00"),
                         credit=Decimal("19.00"), description="Tax standard 0.19")]
    return JournalEntry.post(id=f"id-{number}", number=number, entry_date=day, currency="EUR",
                             source_kind="invoice", source_ref=source_ref, description="Invoice", lines=lines,
                             at=AT, actor="alice", lock_date=None)


def test_the_books_come_back_as_they_were_stored(backend: Backend) -> None:
    march, april = _entry("JE-2026-000001", date(2026, 3, 2)), _entry("JE-2026-000002", date(2026, 4, 1), "X")
    with backend.uow_factory() as uow:
        for code, name, kind in (("1100", "Receivables", AccountType.ASSET), ("4000", "Revenue", AccountType.INCOME),
                                 ("2100", "VAT", AccountType.LIABILITY), ("6000", "Rent", AccountType.EXPENSE)):
            uow.accounting.accounts.add(Account(id=f"a{code}", code=code, name=name, type=kind))
        key = AccountMapping.key(AccountRole.TAX_PAYABLE, ScopeKind.TAX, "standard/0.19")
        uow.accounting.mappings.add(AccountMapping(id=key, role=AccountRole.TAX_PAYABLE, scope=ScopeKind.TAX,
                                                   scope_key="standard/0.19", account_code="2100"))
        uow.accounting.settings.add(LedgerSettings(lock_date=date(2026, 1, 31)))
        uow.accounting.journal.add(april)
        uow.accounting.journal.add(march)
        uow.commit()

    with backend.uow_factory() as uow:
        loaded = uow.accounting.journal.by_number("JE-2026-000001")
        in_march = uow.accounting.journal.entries(since=date(2026, 3, 1), until=date(2026, 3, 31))
        of_x = uow.accounting.journal.entries(source_kind="invoice", source_ref="X")
        every = uow.accounting.journal.entries()
        used = (uow.accounting.journal.uses("1100"), uow.accounting.journal.uses("6000"))
        mapping = uow.accounting.mappings.find(key)
        settings = uow.accounting.settings.find("ledger")
        codes = [account.code for account in uow.accounting.accounts.list()]
        rent = uow.accounting.accounts.by_code("6000")

    assert snapshot(loaded) == snapshot(march)
    assert [entry.number for entry in in_march] == ["JE-2026-000001"]
    assert [entry.number for entry in of_x] == ["JE-2026-000002"]
    assert [entry.number for entry in every] == ["JE-2026-000001", "JE-2026-000002"]
    assert used == (True, False)
    assert mapping is not None
    assert mapping.account_code == "2100"
    assert settings is not None
    assert settings.lock_date == date(2026, 1, 31)
    assert codes == ["1100", "2100", "4000", "6000"]
    assert rent is not None
    assert rent.type is AccountType.EXPENSE


def _draft_invoice(system: oms.OrderManagement) -> str:
    seed_master_data(system)
    order = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="BER", confirm=True,
                                               lines=(oms.LineInput(sku="SETUP", quantity="2"),)))
    return system.handle(oms.InvoiceOrders(orders=(order,)))


def test_an_invoice_and_its_journal_entry_are_committed_together_or_not_at_all(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    draft = _draft_invoice(system)
    system.handle(oms.UpdateAccount(code="4000", active=False))

    with pytest.raises(BusinessRuleViolation) as refused:
        system.handle(oms.PostInvoice(invoice_id=draft, invoice_date=date(2026, 3, 2)))
    with backend.uow_factory() as uow:
        after_refusal = (uow.invoicing.invoices.get(draft).number, list(uow.accounting.journal.entries()))
    system.handle(oms.UpdateAccount(code="4000", active=True))
    system.handle(oms.PostInvoice(invoice_id=draft, invoice_date=date(2026, 3, 2)))
    with backend.uow_factory() as uow:
        invoice = uow.invoicing.invoices.get(draft)
        entries = uow.accounting.journal.entries()

    assert refused.value.rule == "InactiveAccount"
    assert after_refusal == (None, [])
    assert invoice.number == "INV-2026-000001"  # the refused posting took no number
    assert [(entry.number, entry.source_ref, entry.debit_total) for entry in entries] == [
        ("JE-2026-000001", "INV-2026-000001", invoice.totals.grand_total)]


def test_the_first_posting_on_fresh_books_makes_the_default_chart_and_its_entry(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    draft = _draft_invoice(system)

    system.handle(oms.PostInvoice(invoice_id=draft, invoice_date=date(2026, 3, 2)))

    with backend.uow_factory() as uow:
        codes = [account.code for account in uow.accounting.accounts.list()]
        [entry] = uow.accounting.journal.entries()
    assert codes == ["1100", "1200", "1300", "1400", "2000", "2100", "2200", "2300", "4000", "5000", "5100", "5200",
                     "5300", "5400", "7900"]
    assert [line.account_code for line in entry.lines] == ["1100", "4000", "2100"]


def test_an_unused_account_and_a_mapping_are_deleted(backend: Backend) -> None:
    system = oms.bootstrap(uow_factory=backend.uow_factory)
    system.handle(oms.CreateAccount(code="1310", name="Inventory Munich", type=oms.AccountType.ASSET))
    system.handle(oms.MapAccount(role=oms.AccountRole.INVENTORY, account_code="1310", scope=oms.ScopeKind.WAREHOUSE,
                                 scope_key="MUC-1"))

    system.handle(oms.MapAccount(role=oms.AccountRole.INVENTORY, scope=oms.ScopeKind.WAREHOUSE, scope_key="MUC-1"))
    system.handle(oms.DeleteAccount(code="1310"))
    system.handle(oms.DeleteAccount(code="1300"))

    with backend.uow_factory() as uow:
        codes = [account.code for account in uow.accounting.accounts.list()]
        mappings = uow.accounting.mappings.list()
    assert "1310" not in codes
    assert "1300" not in codes
    assert list(mappings) == []


def _insert_entry(connection: object, debit_total: str, credit_total: str, lines: list[tuple[str, str, str]]) -> None:
    run = connection.execute  # type: ignore[attr-defined]
    run(text("INSERT INTO journal_entries (id, number, entry_date, currency, source_kind, source_ref, description, "
             "posted_at, posted_by, debit_total, credit_total, line_count, version) VALUES ('raw', 'JE-RAW', "
             "'2026-03-02', 'EUR', 'manual', '', 'raw', '2026-03-02 09:00:00+00:00', 'sql', :debit, :credit, "
             ":count, 1)"), {"debit": debit_total, "credit": credit_total, "count": len(lines)})
    for position, (account, debit, credit) in enumerate(lines, start=1):
        run(text("INSERT INTO journal_lines (id, entry_id, position, account_code, debit, credit, description) "
                 "VALUES (:id, 'raw', :position, :account, :debit, :credit, '')"),
            {"id": f"raw-{position}", "position": position, "account": account, "debit": debit, "credit": credit})


@pytest.mark.parametrize(("totals", "lines"), [
    (("10.00", "10.00"), [("1200", "10.00", "0"), ("4000", "0", "9.99")]),  # lines unbalanced
    (("10.00", "9.99"), [("1200", "10.00", "0"), ("4000", "0", "9.99")]),  # totals unbalanced
    (("10.00", "10.00"), [("1200", "10.00", "0"), ("4000", "0", "10.00"), ("4000", "0", "1.00")]),  # a line more
])
def test_the_database_refuses_an_unbalanced_entry_written_by_raw_sql(
        sql_url: str, totals: tuple[str, str], lines: list[tuple[str, str, str]]) -> None:
    database = SqlDatabase.from_url(sql_url)
    oms.bootstrap(uow_factory=database.unit_of_work).handle(oms.CreateAccount(code="3000", name="Equity",
                                                                             type=oms.AccountType.EQUITY))

    with pytest.raises(DBAPIError, match=r"UnbalancedJournalEntry|ck_journal_entries_balanced|CHECK"), \
            database.engine.begin() as connection:
        _insert_entry(connection, *totals, lines)
    with database.engine.begin() as connection:
        _insert_entry(connection, "10.00", "10.00", [("1200", "10.00", "0"), ("4000", "0", "10.00")])
        count = connection.execute(text("SELECT COUNT(*) FROM journal_lines")).scalar()
    database.dispose()

    assert count == 2  # a balanced entry written the same way is kept


def _database_with_an_entry(sql_url: str) -> SqlDatabase:
    """The database with a balanced entry of two lines written by raw SQL and committed."""
    database = SqlDatabase.from_url(sql_url)
    oms.bootstrap(uow_factory=database.unit_of_work).handle(oms.CreateAccount(code="3000", name="Equity",
                                                                             type=oms.AccountType.EQUITY))
    with database.engine.begin() as connection:
        _insert_entry(connection, "10.00", "10.00", [("1200", "10.00", "0"), ("4000", "0", "10.00")])
    return database


@pytest.mark.parametrize("line", [("1200", "5.00", "0"), ("1200", "5.00", "5.00"), ("1200", "0", "0")])
def test_the_database_refuses_a_line_added_to_an_entry_written_before(sql_url: str, line: tuple[str, str, str]
                                                                      ) -> None:
    """An entry written by an earlier transaction keeps its lines: one more, even balanced in itself or of nothing,
    no longer matches the entry's count and totals (PostgreSQL checks a line's entry at the commit unless this
    transaction wrote the entry; SQLite when the line arrives)."""
    database = _database_with_an_entry(sql_url)

    with pytest.raises(DBAPIError, match="UnbalancedJournalEntry"), database.engine.begin() as connection:
        connection.execute(text("INSERT INTO journal_lines (id, entry_id, position, account_code, debit, credit, "
                                "description) VALUES ('raw-3', 'raw', 3, :account, :debit, :credit, '')"),
                           dict(zip(("account", "debit", "credit"), line, strict=True)))
    with database.engine.begin() as connection:
        count = connection.execute(text("SELECT COUNT(*) FROM journal_lines")).scalar()
    database.dispose()

    assert count == 2


@pytest.mark.parametrize("change", ["UPDATE journal_lines SET debit = 20", "DELETE FROM journal_lines"])
def test_the_database_refuses_to_change_or_delete_a_posted_entrys_lines(sql_url: str, change: str) -> None:
    database = _database_with_an_entry(sql_url)

    with pytest.raises(DBAPIError, match="PostedJournalEntriesAreImmutable"), database.engine.begin() as connection:
        connection.execute(text(change))
    with database.engine.begin() as connection:
        kept = connection.execute(text("SELECT COUNT(*), SUM(debit) FROM journal_lines")).one()
    database.dispose()

    assert (kept[0], Decimal(str(kept[1]))) == (2, Decimal("10"))
