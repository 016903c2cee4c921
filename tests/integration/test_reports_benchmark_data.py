"""The data benchmark n measures the reports on (benchmarks/reports_scale.py) keeps oms's own rules, at a small size:
every report of the catalogue answers on it, every kind of document reads back through oms's own queries, stock on
hand and its value are the sum of the movements and never went below zero, every row points at rows that exist, the
journal balances, carries the invoices' revenue and agrees with the stock, receivables and payables, the open items
the ageing reads and the quotations' days quotation conversion reads are what the documents make, the sales report
sums to its documents (the invoices' net totals on a revenue basis), carts name the orders they became and record
the months of their recovery messages as claiming them does, and subscriptions were renewed into posted invoices.
The data is written with COPY with triggers and foreign key checks off (a bulk load), so these are the checks the
database would otherwise have made, and more."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import create_engine, text

import oms
from benchmarks.reports_bench import requests_of
from benchmarks.reports_scale import Generated, generate
from oms.adapters.sql import SqlDatabase
from oms.adapters.sql.reports.orders import SqlOrderFigures
from oms.adapters.sql.shared.metadata import complete_metadata
from oms.application.carts.queries import show_cart_policy
from oms.application.invoicing.payments import show_payment
from oms.application.invoicing.vendor_bills import show_bill, show_supplier_payment
from oms.application.processes.cart_checkout import priced_order
from oms.application.procurement.queries import show_purchase_order
from oms.domain.carts.carts import Cart, RecoveryMonth, month_of
from oms.ports.reports.orders import OrdersFilter
from tests.integration.conftest import empty_postgres
from tests.integration.integration_helpers import (
    Owed,
    balances_of,
    kept_balances,
    kept_open_items,
    kept_quotation_days,
    open_items_of,
    quotation_days_of,
)

pytestmark = pytest.mark.postgres

ORDERS = 300


@pytest.fixture(scope="module")
def generated(postgres_url: str) -> Iterator[tuple[str, Generated]]:
    empty_postgres(postgres_url)
    yield postgres_url, generate(postgres_url, ORDERS)
    empty_postgres(postgres_url)


@pytest.fixture(scope="module")
def system(generated: tuple[str, Generated]) -> Iterator[oms.OrderManagement]:
    database = SqlDatabase.from_url(generated[0])
    yield oms.bootstrap(uow_factory=database.unit_of_work)
    database.dispose()


def rows(url: str, sql: str) -> list[Any]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(sql)).all())
    finally:
        engine.dispose()


def test_the_generator_writes_every_kind_of_document_the_reports_read(generated: tuple[str, Generated]) -> None:
    url, made = generated
    counts = dict(rows(url, "SELECT status, count(*) FROM sales_orders GROUP BY status"))

    assert made.rows["sales_orders"] == ORDERS
    assert {"draft", "confirmed", "issued", "completed", "cancelled"} <= set(counts)
    for table in ("goods_issues", "stock_movements", "invoices", "payments", "quotations", "purchase_orders",
                  "goods_receipts", "vendor_bills", "supplier_payments", "journal_entries"):
        assert made.rows[table] > 0, table
    assert rows(url, "SELECT count(*) FROM invoices WHERE kind = 'credit_note'")[0][0] > 0
    assert {status for (status,) in rows(url, "SELECT DISTINCT status FROM quotations")} >= {"converted", "rejected",
                                                                                         "expired"}


def test_every_report_of_the_catalogue_answers_on_the_data_through_the_python_api(
        system: oms.OrderManagement) -> None:
    answered = []
    for name, definition in oms.report_catalogue().items():
        for label, fields in requests_of(definition):
            table = system.report(name, oms.ReportRequest(**fields))
            answered.append((name, label, table.report))

    assert [(name, report) for name, _, report in answered] == [(name, name) for name, _, _ in answered]
    assert len(answered) >= len(oms.report_catalogue())


def _first(url: str, sql: str) -> Any:
    found = rows(url, sql + " LIMIT 1")
    assert found, sql
    return found[0][0]


def test_the_documents_read_back_through_oms_s_own_queries(system: oms.OrderManagement,
                                                           generated: tuple[str, Generated]) -> None:
    """Every kind of document loads and shows as a person would see it: the rows fit what the adapters expect
    (units, enums, numbers)."""
    url, _ = generated
    order = system.sales_order(_first(url, "SELECT number FROM sales_orders WHERE status = 'completed' ORDER BY 1"))
    quotation = system.quotation(_first(url, "SELECT number FROM quotations WHERE status = 'converted' ORDER BY 1"))
    invoice = system.invoice(_first(url, "SELECT number FROM invoices WHERE kind = 'invoice' ORDER BY 1"))
    credit_note = system.invoice(_first(url, "SELECT number FROM invoices WHERE kind = 'credit_note' ORDER BY 1"))
    purchase = system.read(show_purchase_order, _first(url, "SELECT number FROM purchase_orders "
                                                            "WHERE status = 'received' ORDER BY 1"))
    bill = system.read(show_bill, _first(url, "SELECT number FROM vendor_bills ORDER BY 1"))
    payment = system.read(show_payment, _first(url, "SELECT number FROM payments ORDER BY 1"))
    supplier_payment = system.read(show_supplier_payment, _first(url, "SELECT number FROM supplier_payments "
                                                                      "ORDER BY 1"))
    cart = system.read(lambda uow, cart_id: uow.carts.carts.get(cart_id),
                       _first(url, "SELECT id FROM carts WHERE status = 'converted' AND reminders <> '[]' ORDER BY 1"))
    policy = system.read(show_cart_policy, "BER")

    assert order.status is oms.SalesOrderStatus.COMPLETED
    assert all(line.quantity_issued == line.quantity for line in order.lines)
    assert order.grand_total == order.net_total + order.tax_total > 0
    assert quotation.sales_order_id is not None
    assert system.sales_order(quotation.sales_order_id).quotation_id == quotation.id
    assert (str(invoice.number)[:4], str(credit_note.number)[:3]) == ("INV-", "CN-")
    assert [str(found.number).split("-")[0] for found in (purchase, bill, payment, supplier_payment)] == [
        "PO", "BILL", "PAY", "SPAY"]
    assert (cart.status, len(cart.reminders), cart.order_number is not None) == (oms.CartStatus.CONVERTED, 1, True)
    assert cart.lines
    assert policy.recovery
    assert policy.abandon_after_minutes == 60


def test_on_hand_and_its_value_are_the_sum_of_the_movements_and_never_went_below_zero(
        generated: tuple[str, Generated]) -> None:
    url, _ = generated
    differing = rows(url, """
        SELECT s.product_id, s.warehouse_id FROM stock_levels s
        LEFT JOIN (SELECT product_id, warehouse_id, sum(quantity) AS quantity, sum(value) AS value
                   FROM stock_movements GROUP BY 1, 2) m USING (product_id, warehouse_id)
        WHERE s.on_hand <> coalesce(m.quantity, 0) OR s.value <> coalesce(m.value, 0)""")
    negative = rows(url, """
        SELECT count(*) FROM (SELECT sum(quantity) OVER (PARTITION BY product_id, warehouse_id ORDER BY at, seq)
                              AS running FROM stock_movements) r WHERE running < 0""")
    issued = rows(url, "SELECT (SELECT -sum(quantity) FROM stock_movements WHERE kind = 'issue'), "
                       "(SELECT sum(quantity) FROM goods_issue_lines), (SELECT sum(quantity_issued) FROM order_lines)")

    assert differing == []
    assert negative[0][0] == 0
    assert issued[0][0] == issued[0][1] == issued[0][2] > 0


def test_every_row_points_at_rows_that_exist(generated: tuple[str, Generated]) -> None:
    url, _ = generated
    orphans = {}
    for table in complete_metadata().sorted_tables:
        for constraint in table.foreign_key_constraints:
            parent = constraint.referred_table.name
            pairs = [(element.parent.name, element.column.name) for element in constraint.elements]
            joined = " AND ".join(f"p.{theirs} = c.{mine}" for mine, theirs in pairs)
            given = " AND ".join(f"c.{mine} IS NOT NULL" for mine, _ in pairs)
            found = rows(url, f"SELECT count(*) FROM {table.name} c WHERE {given} "
                              f"AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE {joined})")[0][0]
            if found:
                orphans[f"{table.name}.{','.join(mine for mine, _ in pairs)}"] = found

    assert orphans == {}


def test_the_journal_balances_entry_by_entry(generated: tuple[str, Generated]) -> None:
    url, _ = generated
    unbalanced = rows(url, """
        SELECT e.number FROM journal_entries e
        JOIN (SELECT entry_id, sum(debit) AS debit, sum(credit) AS credit, count(*) AS lines
              FROM journal_lines GROUP BY entry_id) l ON l.entry_id = e.id
        WHERE l.debit <> l.credit OR l.debit <> e.debit_total OR l.credit <> e.credit_total
           OR l.lines <> e.line_count""")
    totals = rows(url, "SELECT count(*), sum(debit) - sum(credit) FROM journal_lines")
    entries = rows(url, "SELECT count(*), count(DISTINCT number) FROM journal_entries")

    assert unbalanced == []
    assert totals[0][1] == 0
    assert entries[0][0] == entries[0][1] > 0


def _invoiced(url: str) -> dict[str, Decimal]:
    """Net revenue per currency: invoices' net totals less credit notes', posted ones."""
    found: dict[str, Decimal] = defaultdict(Decimal)
    for currency, kind, net in rows(url, "SELECT i.currency, i.kind, sum(l.net) FROM invoices i JOIN invoice_lines l "
                                         "ON l.invoice_id = i.id WHERE i.status = 'posted' GROUP BY 1, 2"):
        found[currency] += net if kind == "invoice" else -net
    return dict(found)


def test_the_revenue_account_carries_the_invoices_net_totals(generated: tuple[str, Generated]) -> None:
    url, _ = generated
    booked = dict(rows(url, "SELECT e.currency, sum(l.credit) - sum(l.debit) FROM journal_lines l JOIN "
                            "journal_entries e ON e.id = l.entry_id WHERE l.account_code = '4000' GROUP BY 1"))

    assert booked == _invoiced(url)
    assert set(booked) == {"EUR", "USD"}


def _summed(table: oms.ReportTable) -> dict[str, Decimal]:
    names = [column.name for column in table.columns]
    currency, amount = names.index("currency"), names.index("amount")
    found: dict[str, Decimal] = defaultdict(Decimal)
    for row in table.rows:
        value = row[amount]
        assert isinstance(value, Decimal)
        found[str(row[currency])] += value
    return {key: value for key, value in found.items() if key}


def test_the_sales_report_sums_to_the_invoices_net_totals_or_the_booked_orders(
        system: oms.OrderManagement, generated: tuple[str, Generated]) -> None:
    """With a revenue basis (invoices by posting date): the invoices' net totals less the credit notes'; until it
    exists, the bookings basis: the booked orders' lines."""
    url, _ = generated
    today = system.bus.clock.now().date()
    start, end = today - timedelta(days=800), today
    definition = oms.report_catalogue()["sales"]
    if "revenue" in definition.bases:
        expected = _invoiced(url)
        found = _summed(system.report("sales", oms.ReportRequest(start=start, end=end, basis="revenue")))
    else:
        expected = dict(rows(url, "SELECT o.currency, sum(l.net) FROM sales_orders o JOIN order_lines l ON "
                                  "l.sales_order_id = o.id WHERE o.status NOT IN ('draft', 'cancelled') "
                                  "AND NOT (o.status = 'on_hold' AND o.held_from = 'draft') GROUP BY 1"))
        found = _summed(system.report("sales", oms.ReportRequest(start=start, end=end)))

    assert found == expected
    assert set(found) == {"EUR", "USD"}


def test_the_books_agree_with_the_documents_inventory_receivables_and_payables(
        generated: tuple[str, Generated]) -> None:
    """Inventory is the stock's value, receivables what invoices ask less credit notes and payments, payables what
    bills ask less what suppliers were paid: per currency (the warehouses' branch's)."""
    url, _ = generated

    def balances(account: str) -> dict[str, Decimal]:
        return dict(rows(url, "SELECT e.currency, sum(l.debit) - sum(l.credit) FROM journal_lines l JOIN "
                              f"journal_entries e ON e.id = l.entry_id WHERE l.account_code = '{account}' GROUP BY 1"))

    stock = dict(rows(url, "SELECT b.currency, sum(s.value) FROM stock_levels s JOIN warehouses w ON w.id = "
                           "s.warehouse_id JOIN branches b ON b.id = w.branch_id GROUP BY 1"))
    invoiced: dict[str, Decimal] = defaultdict(Decimal)
    for currency, kind, total in rows(url, "SELECT i.currency, i.kind, sum(l.total) FROM invoices i JOIN "
                                           "invoice_lines l ON l.invoice_id = i.id GROUP BY 1, 2"):
        invoiced[currency] += total if kind == "invoice" else -total
    for currency, paid in rows(url, "SELECT currency, sum(amount) FROM payments GROUP BY 1"):
        invoiced[currency] -= paid
    billed: dict[str, Decimal] = defaultdict(Decimal)
    for currency, total in rows(url, "SELECT b.currency, sum(l.total) FROM vendor_bills b JOIN vendor_bill_lines l "
                                     "ON l.bill_id = b.id GROUP BY 1"):
        billed[currency] -= total
    for currency, paid in rows(url, "SELECT currency, sum(amount) FROM supplier_payments GROUP BY 1"):
        billed[currency] += paid

    assert balances("1300") == stock
    assert balances("1100") == dict(invoiced)
    assert balances("2000") == dict(billed)


# (the items' table, the documents, their lines and the lines' column naming them, the documents' kind and their
# notes', the party, the date, the notes' column naming what they reduce, the allocations, their column, payments)
SIDES = (("receivable_items", "invoices", "invoice_lines", "invoice_id", "invoice", "credit_note", "customer_id",
          "invoice_date", "credited_invoice_id", "payment_allocations", "invoice_id", "payments"),
         ("payable_items", "vendor_bills", "vendor_bill_lines", "bill_id", "bill", "debit_note", "supplier_id",
          "bill_date", "debited_bill_id", "supplier_payment_allocations", "bill_id", "supplier_payments"))


@pytest.mark.parametrize("side", SIDES, ids=[side[0] for side in SIDES])
def test_the_open_items_are_what_the_documents_notes_and_payments_make(generated: tuple[str, Generated],
                                                                        side: tuple[str, ...]) -> None:
    """The ageing reads the open items: the generator writes them as oms keeps them (the subscriptions' invoices
    through oms itself), equal to their recomputation from the posted documents, their notes and payments, and the
    balances they add up to per party (what the triggers then keep)."""
    url, _ = generated
    table, documents, lines, line_document, kind, note_kind, party, dated, reduces, allocations, allocated, paid = side
    reductions: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
    for document_id, day, amount in rows(url, f"""
            SELECT n.{reduces}, n.{dated}, sum(l.total) FROM {documents} n JOIN {lines} l ON l.{line_document} = n.id
            WHERE n.kind = '{note_kind}' AND n.status = 'posted' GROUP BY n.id, n.{reduces}, n.{dated}
            UNION ALL SELECT a.{allocated}, p.payment_date, a.amount FROM {allocations} a
            JOIN {paid} p ON p.id = a.payment_id"""):
        reductions[document_id].append((day, amount))
    owed: list[Owed] = [
        (document_id, party_id, branch_id, currency, day, due, total, reductions[document_id])
        for document_id, party_id, branch_id, currency, day, due, total in rows(url, f"""
            SELECT d.id, d.{party}, d.branch_id, d.currency, d.{dated}, d.due_date, sum(l.total) FROM {documents} d
            JOIN {lines} l ON l.{line_document} = d.id WHERE d.kind = '{kind}' AND d.status = 'posted'
            GROUP BY d.id""")]

    kept = kept_open_items(url, table)

    assert kept == open_items_of(owed)
    assert kept_balances(url, table.replace("_items", "_balances")) == balances_of(kept)
    assert any(item[-1] is None for item in kept)
    assert any(item[-1] is not None for item in kept)


def test_the_quotations_days_are_what_the_quotations_make(generated: tuple[str, Generated],
                                                          system: oms.OrderManagement) -> None:
    """Quotation conversion reads the quotations' days: the generator fills them as the triggers of migration 0041
    keep them, equal to their recomputation from the quotations, and the figures read through them, for every
    branch and all, are those read from the quotations themselves."""
    url, _ = generated
    everything = (date(2000, 1, 1), date(2100, 1, 1))

    kept = kept_quotation_days(url)

    assert kept == quotation_days_of(system.uow_factory)
    assert {status for _, _, _, status, _ in kept} >= {"converted", "rejected", "expired"}
    with system.uow_factory() as uow:
        reports = uow.reports
        assert isinstance(reports, SqlOrderFigures)
        for branch in [None, *(branch.id for branch in uow.masterdata.branches.list())]:
            scope = OrdersFilter(branch_id=branch)
            assert reports.quotations_by_day(*everything, scope) == reports.quotations_by_day_from_documents(
                *everything, scope), branch

def test_carts_are_left_recovered_and_checked_out_into_the_orders_they_name(generated: tuple[str, Generated]) -> None:
    url, _ = generated
    statuses = dict(rows(url, "SELECT status, count(*) FROM carts GROUP BY 1"))
    unmatched = rows(url, "SELECT count(*) FROM carts c LEFT JOIN sales_orders o ON o.id = c.order_id "
                          "WHERE c.status = 'converted' AND (o.number IS DISTINCT FROM c.order_number "
                          "OR o.customer_id IS DISTINCT FROM c.customer_id)")
    recovered = rows(url, "SELECT count(*) FROM carts WHERE status = 'converted' AND reminders <> '[]'")

    assert statuses.keys() >= {"converted", "expired", "active"}
    assert unmatched[0][0] == 0
    assert recovered[0][0] > 0


def _months_as_claiming_records_them(uow: Any, cart: Cart) -> list[RecoveryMonth]:
    """The months a cart's claims record: the first claim of each month, the cart priced by the checkout then (a
    checked-out cart with its order's net, recovered when checked out after that claim)."""
    first: dict[date, datetime] = {}
    for reminder in sorted(cart.reminders, key=lambda r: r.claimed_at):
        first.setdefault(month_of(reminder.claimed_at), reminder.claimed_at)
    order = None if cart.order_id is None else uow.sales.orders.get(cart.order_id)
    currency = uow.masterdata.branches.get(cart.branch_id).currency
    return [RecoveryMonth(month=month, claimed_at=claimed, currency=currency,
                          value=priced_order(uow, cart, "", claimed, quote=True).totals().net_total,
                          order_value=None if order is None else order.totals().net_total,
                          recovered=cart.closed_at is not None and order is not None and cart.closed_at >= claimed)
            for month, claimed in first.items()]


def test_the_months_of_the_carts_recovery_messages_are_what_claiming_them_records(
        generated: tuple[str, Generated], system: oms.OrderManagement) -> None:
    url, _ = generated
    messaged = [cart_id for (cart_id,) in rows(url, "SELECT id FROM carts WHERE reminders <> '[]' ORDER BY 1")]

    def compared(uow: Any) -> list[tuple[list[RecoveryMonth], list[RecoveryMonth]]]:
        carts = [uow.carts.carts.get(cart_id) for cart_id in messaged]
        return [(cart.recovery_months, _months_as_claiming_records_them(uow, cart)) for cart in carts]

    pairs = system.read(compared)

    assert len(pairs) > 10
    assert all(recorded == expected for recorded, expected in pairs), \
        next((pair for pair in pairs if pair[0] != pair[1]), None)


def test_subscriptions_are_renewed_by_oms_into_orders_and_invoices(generated: tuple[str, Generated]) -> None:
    url, _ = generated
    renewals = rows(url, "SELECT count(*), count(DISTINCT b.invoice_id), count(i.id) FROM subscription_billing b "
                         "LEFT JOIN invoices i ON i.id = b.invoice_id AND i.status = 'posted' "
                         "WHERE b.change = 'renewal'")
    currencies = {currency for (currency,) in rows(url, "SELECT DISTINCT currency FROM subscriptions")}

    assert renewals[0][0] == renewals[0][1] == renewals[0][2] > 25
    assert currencies == {"EUR", "USD"}


def test_the_lines_of_the_cancelled_and_completed_orders_are_flagged_as_the_trigger_flags_them(
        generated: tuple[str, Generated]) -> None:
    """The backlog's index of lines to ship leaves out the lines of closed orders by their `order_closed`, which the
    generator writes itself (triggers are off while it loads), as migration 0042's trigger would."""
    url, _ = generated
    flags = rows(url, "SELECT o.status, l.order_closed, count(*) FROM order_lines l "
                      "JOIN sales_orders o ON o.id = l.sales_order_id GROUP BY o.status, l.order_closed")

    assert {(status, closed) for status, closed, _ in flags} >= {("cancelled", True), ("completed", True),
                                                                  ("confirmed", False)}
    assert all(closed == (status in ("cancelled", "completed")) for status, closed, _ in flags)
