"""The receivables and payables ageing on memory, SQLite and PostgreSQL over random histories of invoices and bills,
payments in full, in part or beyond what is owed, credit and debit notes, payments taken off a document and put on
another, all on random days: on any day the ageing equals what the documents say (each posted document dated on or
before the day owes its total less its notes and the allocations of payments dated on or before it), and on SQL
the kept open items (receivable_items, payable_items) equal their recomputation from the documents, and equal what
migration 0034 fills them with from the documents, and what the open ones add up to per party (receivable_balances,
payable_balances, kept by triggers) equals their sum, and what migration 0039 fills it with."""

from __future__ import annotations

import contextlib
import shutil
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import oms
from oms.adapters.memory import InMemoryStore, InMemoryUnitOfWork
from oms.adapters.sql import SqlDatabase, upgrade
from oms.application.shared.documents import next_number
from oms.domain.invoicing.invoices import Invoice, InvoiceKind, InvoiceStatus
from oms.domain.invoicing.payments import Payment, PaymentMethod
from oms.domain.invoicing.vendor_bills import BillKind, BillStatus, VendorBill
from oms.domain.reports.ledgers import AGEING_BUCKETS, ageing_bucket
from oms.domain.shared.errors import DomainError
from oms.domain.shared.ids import DocumentType, new_id
from oms.ports.reports.ledgers import AgeingKey, LedgerFilter, OpenAmounts
from oms.ports.unit_of_work import UnitOfWork

from .conftest import BACKENDS, empty_postgres
from .integration_helpers import Owed, balances_of, downgrade, kept_balances, kept_open_items, open_items_of

START = date(2026, 1, 5)
DAYS = 70
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)  # START + 74 days: every step's day has come

Backend = Callable[[], tuple[Callable[[], UnitOfWork], str | None]]
Step = tuple[Any, ...]

day = st.integers(0, DAYS - 1)
pick = st.integers(0, 50)
amount = st.sampled_from(["5.00", "33.00", "55.00", "110.00", "250.00"])
steps = st.one_of(
    st.tuples(st.just("invoice"), st.sampled_from(["ACME", "BETA"]), st.integers(1, 3), day),
    st.tuples(st.just("pay"), pick, amount, day),
    st.tuples(st.just("credit"), pick, st.integers(1, 2), day),
    st.tuples(st.just("unallocate"), pick),
    st.tuples(st.just("allocate"), pick, pick),
    st.tuples(st.just("bill"), st.integers(1, 3), day),
    st.tuples(st.just("pay_bill"), pick, amount, day),
    st.tuples(st.just("debit"), pick, st.integers(1, 2), day),
    st.tuples(st.just("unallocate_bill"), pick),
    st.tuples(st.just("allocate_bill"), pick, pick),
)


@pytest.fixture(params=BACKENDS)
def fresh_backend(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> Iterator[Backend]:
    """A new, empty store each time it is called (one per Hypothesis example): its units of work and its URL."""
    opened: list[SqlDatabase] = []
    made = iter(range(1_000_000))

    def fresh() -> tuple[Callable[[], UnitOfWork], str | None]:
        if request.param == "memory":
            store = InMemoryStore()
            return (lambda: InMemoryUnitOfWork(store)), None
        if request.param == "sqlite":
            path = tmp_path / f"oms-{next(made)}.db"
            shutil.copyfile(sqlite_template, path)
            url = f"sqlite:///{path}"
        else:
            url = request.getfixturevalue("postgres_url")
            empty_postgres(url)
        for database in opened:
            database.dispose()
        opened[:] = [SqlDatabase.from_url(url)]
        return opened[0].unit_of_work, url

    yield fresh
    for database in opened:
        database.dispose()


class Books:
    """Branch NYC (USD); customers ACME and BETA (net 30) buying the service SETUP (100.00 + 10 %); supplier YANK
    (net 30) selling BOLT (4.00 + 10 %), 1,000 of which were ordered and received to be billed a few at a time."""

    def __init__(self, uow_factory: Callable[[], UnitOfWork]) -> None:
        self.system = oms.bootstrap(uow_factory=uow_factory, clock=oms.FixedClock(NOW))
        handle = self.handle = self.system.handle
        handle(oms.CreateBranch(code="NYC", name="New York", currency="USD", tax_jurisdiction="US"))
        handle(oms.CreateWarehouse(code="NYC-A", name="New York A", branch_code="NYC", priority=10))
        handle(oms.SetTaxRate(jurisdiction="US", category=oms.TaxCategory.STANDARD, rate="0.10"))
        handle(oms.CreateProduct(sku="SETUP", name="Set-up", price="100.00", currency="USD",
                                 kind=oms.ProductKind.SERVICE))
        handle(oms.CreateProduct(sku="BOLT", name="Bolt", price="5.00", currency="USD"))
        for code in ("ACME", "BETA"):
            handle(oms.CreateCustomer(code=code, name=code.capitalize(), payment_terms="net 30"))
        handle(oms.CreateSupplier(code="YANK", name="Yankee Tools", currency="USD", payment_terms="net 30",
                                  lead_time_days=10))
        self.order = handle(oms.CreatePurchaseOrder(supplier_code="YANK", branch_code="NYC", lines=(
            oms.LineInput(sku="BOLT", quantity="1000", unit_price="4.00"),)))
        handle(oms.PlacePurchaseOrder(order_id=self.order))
        with self.system.uow_factory() as uow:
            line = uow.procurement.orders.get(self.order).lines[0].id
        handle(oms.ReceiveGoods(order_id=self.order, lines=(oms.ReceiptLine(line_id=line, quantity="1000"),)))
        self.invoices: list[tuple[str, str]] = []  # (id, customer code)
        self.payments: list[tuple[str, str]] = []  # (id, the invoice it was recorded against)
        self.bills: list[str] = []
        self.supplier_payments: list[tuple[str, str]] = []

    def play(self, step: Step) -> None:
        """One step of the story; a step the rules refuse (nothing left to credit or allocate) changes nothing."""
        with contextlib.suppress(DomainError):
            getattr(self, f"_{step[0]}")(*step[1:])

    def _invoice(self, customer: str, quantity: int, offset: int) -> None:
        order = self.handle(oms.CreateSalesOrder(customer_code=customer, branch_code="NYC", confirm=True, lines=(
            oms.LineInput(sku="SETUP", quantity=str(quantity)),)))
        invoice = self.handle(oms.InvoiceOrders(orders=(order,)))
        self.handle(oms.PostInvoice(invoice_id=invoice, invoice_date=START + timedelta(days=offset)))
        self.invoices.append((invoice, customer))

    def _pay(self, index: int, given: str, offset: int) -> None:
        if self.invoices:
            invoice, customer = self.invoices[index % len(self.invoices)]
            payment = self.handle(oms.RecordPayment(customer_code=customer, amount=given, currency="USD",
                                                    payment_date=START + timedelta(days=offset), invoice_id=invoice))
            self.payments.append((payment, invoice))

    def _credit(self, index: int, quantity: int, offset: int) -> None:
        if self.invoices:
            invoice, _ = self.invoices[index % len(self.invoices)]
            note = self.handle(oms.CreateCreditNote(invoice_id=invoice, lines=(
                oms.CreditLine(line="1", quantity=str(quantity)),)))
            self.handle(oms.PostInvoice(invoice_id=note, invoice_date=START + timedelta(days=offset)))

    def _unallocate(self, index: int) -> None:
        if self.payments:
            payment, invoice = self.payments[index % len(self.payments)]
            self.handle(oms.UnallocatePayment(payment_id=payment, invoice_id=invoice))

    def _allocate(self, index: int, target: int) -> None:
        if self.payments and self.invoices:
            payment, _ = self.payments[index % len(self.payments)]
            invoice, _ = self.invoices[target % len(self.invoices)]
            self.handle(oms.AllocatePayment(payment_id=payment, invoice_id=invoice))
            self.payments.append((payment, invoice))

    def _bill(self, quantity: int, offset: int) -> None:
        bill = self.handle(oms.BillPurchaseOrder(
            order_id=self.order, supplier_invoice_number=f"Y-{len(self.bills)}",
            bill_date=START + timedelta(days=offset), lines=(oms.BillLineRequest(line="1", quantity=str(quantity)),)))
        self.handle(oms.PostVendorBill(bill_id=bill))
        self.bills.append(bill)

    def _pay_bill(self, index: int, given: str, offset: int) -> None:
        if self.bills:
            bill = self.bills[index % len(self.bills)]
            payment = self.handle(oms.PayBill(bill_id=bill, amount=given, payment_date=START + timedelta(days=offset)))
            self.supplier_payments.append((payment, bill))

    def _debit(self, index: int, quantity: int, offset: int) -> None:
        if self.bills:
            bill = self.bills[index % len(self.bills)]
            note = self.handle(oms.CreateDebitNote(bill_id=bill, supplier_invoice_number=f"YC-{index}-{offset}",
                                                   bill_date=START + timedelta(days=offset),
                                                   lines=(oms.DebitLine(line="1", quantity=str(quantity)),)))
            self.handle(oms.PostVendorBill(bill_id=note))

    def _unallocate_bill(self, index: int) -> None:
        if self.supplier_payments:
            payment, bill = self.supplier_payments[index % len(self.supplier_payments)]
            self.handle(oms.UnallocateSupplierPayment(payment_id=payment, bill_id=bill))

    def _allocate_bill(self, index: int, target: int) -> None:
        if self.supplier_payments and self.bills:
            payment, _ = self.supplier_payments[index % len(self.supplier_payments)]
            bill = self.bills[target % len(self.bills)]
            self.handle(oms.AllocateSupplierPayment(payment_id=payment, bill_id=bill))
            self.supplier_payments.append((payment, bill))


# -- what the documents say ----------------------------------------------------------------------------------------

def receivables(uow: UnitOfWork) -> list[Owed]:
    documents: list[Invoice] = [d for customer in uow.masterdata.customers.list()
                                for d in uow.invoicing.invoices.of_customer(customer.id)
                                if d.status is InvoiceStatus.POSTED]
    reductions: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
    for note in documents:
        if note.kind is InvoiceKind.CREDIT_NOTE:
            assert note.credited_invoice_id is not None
            assert note.invoice_date is not None
            reductions[note.credited_invoice_id].append((note.invoice_date, note.totals.grand_total))
    for payment in uow.invoicing.payments.list():
        for allocation in payment.allocations:
            reductions[allocation.invoice_id].append((payment.payment_date, allocation.amount))
    return [(d.id, d.customer_id, d.branch_id, d.currency, d.invoice_date, d.due_date, d.totals.grand_total,
             reductions[d.id]) for d in documents if d.kind is InvoiceKind.INVOICE and d.invoice_date is not None]


def payables(uow: UnitOfWork) -> list[Owed]:
    documents: list[VendorBill] = [d for d in uow.invoicing.bills.list() if d.status is BillStatus.POSTED]
    reductions: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
    for note in documents:
        if note.kind is BillKind.DEBIT_NOTE:
            assert note.debited_bill_id is not None
            reductions[note.debited_bill_id].append((note.bill_date, note.totals.grand_total))
    for payment in uow.invoicing.supplier_payments.list():
        for allocation in payment.allocations:
            reductions[allocation.bill_id].append((payment.payment_date, allocation.amount))
    return [(d.id, d.supplier_id, d.branch_id, d.currency, d.bill_date, d.due_date, d.totals.grand_total,
             reductions[d.id]) for d in documents if d.kind is BillKind.BILL]


def aged(documents: Iterable[Owed], as_of: date, key: AgeingKey, scope: LedgerFilter,
         codes: dict[str, str]) -> list[tuple[str, str, str, int, Decimal]]:
    """(code, currency, bucket, documents, residual) as of the day, recomputed from the documents."""
    sums: dict[tuple[str, str], list[Any]] = defaultdict(lambda: [0, Decimal(0)])
    for _, party, branch, _, dated, due, total, reduced in documents:
        residual = total - sum((amount for day, amount in reduced if day <= as_of), Decimal(0))
        if dated > as_of or residual <= 0 or scope.branch_id not in (None, branch):
            continue
        if (scope.customer_id or scope.supplier_id) not in (None, party):
            continue
        found = sums[(codes[party if key is AgeingKey.PARTY else branch], ageing_bucket(due, as_of))]
        found[0] += 1
        found[1] += residual
    return sorted((code, "USD", bucket, count, residual) for (code, bucket), (count, residual) in sums.items())


def read(figures: Iterable[OpenAmounts]) -> list[tuple[str, str, str, int, Decimal]]:
    """(code, currency, bucket, documents, residual) of each bucket that holds documents."""
    return sorted((f.code, f.currency, bucket, documents, residual) for f in figures
                  for bucket, documents, residual in zip(AGEING_BUCKETS, f.documents, f.residuals, strict=True)
                  if documents)


def check_ageing(uow_factory: Callable[[], UnitOfWork], url: str | None, days: Iterable[date]) -> None:
    """The ageing equals what the documents say on each of the days, by party and by branch, for everyone and for
    one party; on SQL the kept open items equal their recomputation."""
    with uow_factory() as uow:
        owed = {"receivables": receivables(uow), "payables": payables(uow)}
        codes = {thing.id: thing.code for things in (uow.masterdata.customers.list(), uow.masterdata.suppliers.list(),
                                                     uow.masterdata.branches.list()) for thing in things}
        for as_of in sorted(set(days)):
            for name, figures in (("receivables", uow.reports.receivables_at), ("payables", uow.reports.payables_at)):
                party = next(iter(owed[name]), ("", ""))[1]
                for key in AgeingKey:
                    for scope in (LedgerFilter(), LedgerFilter(customer_id=party) if name == "receivables" else
                                  LedgerFilter(supplier_id=party)):
                        assert read(figures(as_of, key, scope)) == aged(owed[name], as_of, key, scope, codes), (
                            name, as_of, key, scope)
    if url is not None:
        for side in ("receivable", "payable"):
            items = open_items_of(owed[f"{side}s"])
            assert kept_open_items(url, f"{side}_items") == items
            assert kept_balances(url, f"{side}_balances") == balances_of(items)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(story=st.lists(steps, min_size=8, max_size=30), days=st.lists(st.integers(-1, DAYS + 40), min_size=3,
                                                                    max_size=6))
def test_ageing_through_the_open_items_equals_the_documents_on_any_day_of_a_random_history(
        fresh_backend: Backend, story: list[Step], days: list[int]) -> None:
    uow_factory, url = fresh_backend()
    books = Books(uow_factory)
    for step in story:
        books.play(step)

    check_ageing(uow_factory, url, (START + timedelta(days=offset) for offset in days))


STORY: list[Step] = [
    ("invoice", "ACME", 2, 0), ("invoice", "BETA", 1, 3), ("invoice", "ACME", 1, 10), ("invoice", "BETA", 3, 12),
    ("pay", 0, "55.00", 5), ("pay", 0, "250.00", 20), ("pay", 1, "250.00", 2), ("credit", 2, 1, 15),
    ("pay", 3, "33.00", 30), ("unallocate", 4), ("allocate", 2, 3), ("bill", 2, 1), ("bill", 3, 8),
    ("pay_bill", 0, "5.00", 9), ("debit", 0, 1, 12), ("pay_bill", 1, "250.00", 40), ("unallocate_bill", 1),
    ("pay_bill", 0, "33.00", 50),
]


def test_a_document_reduced_before_and_after_the_day_owes_what_was_not_taken_off_by_then(
        fresh_backend: Backend) -> None:
    """The invoice paid 55.00 on the 5th day and the rest on the 20th, the bill paid 5.00 on the 9th and 33.00 on
    the 50th (after a debit note): on the days between, what they owe is read from the documents."""
    uow_factory, url = fresh_backend()
    books = Books(uow_factory)
    for step in STORY:
        books.play(step)

    check_ageing(uow_factory, url, (START + timedelta(days=offset) for offset in range(-1, DAYS)))


def play_the_story(url: str) -> None:
    """STORY played on the database at `url`, through its own units of work."""
    database = SqlDatabase.from_url(url)
    books = Books(database.unit_of_work)
    for step in STORY:
        books.play(step)
    database.dispose()


def test_migration_0034_fills_the_open_items_the_adapters_keep(sql_url: str) -> None:
    play_the_story(sql_url)
    kept = {table: kept_open_items(sql_url, table) for table in ("receivable_items", "payable_items")}
    downgrade(sql_url, "0033")

    upgrade(sql_url)

    assert {table: kept_open_items(sql_url, table) for table in kept} == kept
    assert any(item[-1] is None for item in kept["receivable_items"])
    assert any(item[-1] is not None for item in kept["receivable_items"])
    assert any(item[7] for item in kept["payable_items"])


def test_an_invoice_posted_and_paid_in_one_flush_keeps_the_item_its_documents_make(sql_url: str) -> None:
    """A posted invoice's item is written from the invoice in hand (nothing can have reduced it before it was
    posted), unless something else in the same flush reduces it: posted and part paid with nothing read in between,
    so that one flush writes both, its item is recomputed from the tables and owes the rest."""
    database = SqlDatabase.from_url(sql_url)
    books = Books(database.unit_of_work)
    order = books.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="NYC", confirm=True, lines=(
        oms.LineInput(sku="SETUP", quantity="1"),)))
    invoice_id = books.handle(oms.InvoiceOrders(orders=(order,)))
    with database.unit_of_work() as uow:
        invoice = uow.invoicing.invoices.get(invoice_id)
        customer = uow.masterdata.customers.get(invoice.customer_id)
        numbers = [next_number(uow, kind, period="2026") for kind in (DocumentType.INVOICE, DocumentType.PAYMENT)]
        invoice.post(number=numbers[0], invoice_date=START, at=NOW, actor="test", lock_date=None)
        payment = Payment.record(id=new_id(), number=numbers[1], customer_id=customer.id, currency="USD",
                                 amount=Decimal("55.00"), payment_date=START + timedelta(days=1),
                                 method=PaymentMethod.CASH, reference="", at=NOW, actor="test")
        payment.allocate(invoice, residual=invoice.totals.grand_total, amount=None, allocation_id=new_id(), at=NOW,
                         actor="test")
        uow.invoicing.payments.add(payment)
        uow.commit()

    check_ageing(database.unit_of_work, sql_url, [START, START + timedelta(days=1)])
    [item] = kept_open_items(sql_url, "receivable_items")
    assert (item[6], item[7]) == (1_100_000, 550_000)  # 110.00 owed, 55.00 paid, in ten-thousandths
    database.dispose()


def test_payments_of_one_customer_from_parallel_clients_add_up_in_its_balance(clean_postgres_url: str) -> None:
    """Two clients pay eight invoices of ACME at once, on PostgreSQL: each payment changes one item and ACME's
    balance, by difference, so the balance ends as what the items add up to (a balance recomputed from a snapshot
    would lose one client's payments)."""
    database = SqlDatabase.from_url(clean_postgres_url)
    books = Books(database.unit_of_work)
    for _ in range(8):
        books.play(("invoice", "ACME", 1, 0))
    ready = threading.Barrier(2)

    def pay(indexes: range) -> None:
        ready.wait()
        for index in indexes:
            books.play(("pay", index, "40.00", 1))

    clients = [threading.Thread(target=pay, args=(range(start, 8, 2),)) for start in (0, 1)]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    database.dispose()

    balances = kept_balances(clean_postgres_url, "receivable_balances")
    assert balances == balances_of(kept_open_items(clean_postgres_url, "receivable_items"))
    assert list(balances.values()) == [(8, 8 * 700_000)]  # each owes 110.00 - 40.00


def test_migration_0039_fills_the_balances_the_triggers_keep(sql_url: str) -> None:
    play_the_story(sql_url)
    kept = {table: kept_balances(sql_url, table) for table in ("receivable_balances", "payable_balances")}
    downgrade(sql_url, "0038")

    upgrade(sql_url)

    assert {table: kept_balances(sql_url, table) for table in kept} == kept
    assert kept["receivable_balances"] == balances_of(kept_open_items(sql_url, "receivable_items"))
    assert kept["receivable_balances"]
    assert kept["payable_balances"]
