"""Invoices posted by parallel clients on PostgreSQL (each thread its own connection, through the bus): numbers stay
gapless when postings fail after taking theirs, and two drafts of the same order line never over-bill it (peers.md
5d case 5; docs/rules.md, Invoicing)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any, Self, cast

import pytest

import oms
from oms.adapters.sql import SqlDatabase
from oms.adapters.sql.unit_of_work import SqlUnitOfWork
from oms.application.invoicing.queries import show_invoice
from oms.application.processes.billing import order_billing
from oms.ports.unit_of_work import UnitOfWork

pytestmark = pytest.mark.postgres

WORKERS, POSTINGS = 8, 100
FAILING = frozenset({3, 17, 42, 66, 99})  # drafts whose posting fails after taking its number


class PostingFailed(Exception):
    """Forced: the posting transaction breaks after `next_number` gave it a number."""


class _Hooks(threading.local):
    fail_after_number = False
    after_billed_read: Callable[[], None] | None = None


HOOKS = _Hooks()


class _FailingSequences:
    """The unit of work's number sequences, failing the posting right after a number was taken when told to."""

    def __init__(self, sequences: Any) -> None:
        self._sequences = sequences

    def next_value(self, *args: Any, **kwargs: Any) -> int:
        value: int = self._sequences.next_value(*args, **kwargs)
        if HOOKS.fail_after_number:
            raise PostingFailed(value)
        return value

    def read_ahead(self, *args: Any, **kwargs: Any) -> None:
        self._sequences.read_ahead(*args, **kwargs)


class _HookedUnitOfWork(SqlUnitOfWork):
    """A unit of work of the database with the test's hooks: a failure after the number was taken, a pause after
    the over-billing check read what was billed."""

    def __enter__(self) -> Self:
        entered = super().__enter__()
        self.sequences = cast(Any, _FailingSequences(self.sequences))
        invoices: Any = self.invoicing.invoices
        read = invoices.invoiced

        def invoiced(order_line_ids: Any) -> Any:
            found = read(order_line_ids)
            if HOOKS.after_billed_read is not None:
                HOOKS.after_billed_read()
            return found

        invoices.invoiced = invoiced
        return entered


@pytest.fixture
def system(clean_postgres_url: str) -> Iterator[oms.OrderManagement]:
    """Branch VIE (EUR, AT 20 %), the service SETUP (80.00, invoiced on order), customer ACME, on PostgreSQL."""
    database = SqlDatabase.from_url(clean_postgres_url, pool_size=WORKERS + 2)
    system = oms.bootstrap(uow_factory=lambda: _HookedUnitOfWork(database),
                           clock=oms.FixedClock(datetime(2026, 3, 2, 9, tzinfo=UTC)))
    handle = system.handle
    handle(oms.CreateBranch(code="VIE", name="Vienna", currency="EUR", tax_jurisdiction="AT"))
    handle(oms.SetTaxRate(jurisdiction="AT", category=oms.TaxCategory.STANDARD, rate="0.20"))
    handle(oms.CreateProduct(sku="SETUP", name="Setup", price="80.00", currency="EUR", kind=oms.ProductKind.SERVICE))
    handle(oms.CreateCustomer(code="ACME", name="Acme GmbH"))
    yield system
    database.dispose()


def _order(system: oms.OrderManagement, quantity: str) -> str:
    order_id = system.handle(oms.CreateSalesOrder(customer_code="ACME", branch_code="VIE", confirm=True,
                                                  lines=(oms.LineInput(sku="SETUP", quantity=quantity),)))
    return system.sales_order(order_id).number


def _draft(system: oms.OrderManagement, order: str, quantity: str) -> str:
    return system.handle(oms.InvoiceOrders(lines=(oms.InvoiceLineRequest(order=order, line="1",
                                                                         quantity=quantity),)))


def _in_parallel(work: list[Callable[[], None]]) -> None:
    start = threading.Barrier(len(work))

    def run(job: Callable[[], None]) -> None:
        start.wait()
        job()

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)


def test_eight_clients_post_a_hundred_invoices_five_failing_after_their_number_leave_1_to_95_and_2027_starts_at_1(
        system: oms.OrderManagement) -> None:
    orders = [_order(system, str(POSTINGS)) for _ in range(WORKERS)]
    drafts = [_draft(system, orders[index % WORKERS], "1") for index in range(POSTINGS)]
    outcomes: dict[int, str] = {}

    def worker(number: int) -> Callable[[], None]:
        def post() -> None:
            for index in range(number, POSTINGS, WORKERS):
                HOOKS.fail_after_number = index in FAILING
                try:
                    system.handle(oms.PostInvoice(invoice_id=drafts[index], invoice_date=date(2026, 3, 2)))
                    outcomes[index] = "posted"
                except PostingFailed:
                    outcomes[index] = "failed"
                finally:
                    HOOKS.fail_after_number = False
        return post

    _in_parallel([worker(number) for number in range(WORKERS)])
    numbers = [system.read(show_invoice, draft).number for draft in drafts]
    next_year = system.handle(oms.PostInvoice(invoice_id=_draft(system, orders[0], "1"),
                                              invoice_date=date(2027, 1, 4)))
    refused = _refusal(lambda: system.handle(oms.DeleteDraftInvoice(invoice_id="INV-2026-000001")))

    assert sorted(index for index, outcome in outcomes.items() if outcome == "failed") == sorted(FAILING)
    posted = sorted(int(number.rsplit("-", 1)[1]) for number in numbers if number is not None)
    assert posted == list(range(1, POSTINGS - len(FAILING) + 1))  # contiguous, no duplicates
    assert all(number.startswith("INV-2026-") for number in numbers if number is not None)
    assert [numbers[index] for index in sorted(FAILING)] == [None] * len(FAILING)  # drafts still: no number
    assert next_year is None
    assert system.read(show_invoice, "INV-2027-000001").invoice_date == date(2027, 1, 4)
    assert refused == "PostedInvoicesAreImmutable"


def _refusal(act: Callable[[], object]) -> str:
    try:
        act()
    except oms.BusinessRuleViolation as refused:
        return refused.rule
    return "accepted"


def test_two_drafts_of_the_same_order_line_posted_at_once_bill_it_once_the_second_refused_as_over_billing(
        system: oms.OrderManagement) -> None:
    order = _order(system, "10")
    first, second = _draft(system, order, "6"), _draft(system, order, "6")
    both_read = threading.Barrier(2, timeout=2)  # without the lock both would read "nothing billed" here

    def meet() -> None:
        # with the lock the other posting waits for this one's commit, then reads what it billed
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read.wait()

    results: dict[str, str] = {}

    def post(draft: str) -> Callable[[], None]:
        def run() -> None:
            HOOKS.after_billed_read = meet
            try:
                results[draft] = _refusal(lambda: system.handle(oms.PostInvoice(invoice_id=draft)))
            finally:
                HOOKS.after_billed_read = None
        return run

    _in_parallel([post(first), post(second)])
    billing = system.read(_billing, order)

    assert sorted(results.values()) == ["CannotInvoiceMoreThanInvoiceable", "accepted"]
    assert billing == "6"


def _billing(uow: UnitOfWork, order: str) -> str:
    return str(order_billing(uow, order).lines[0].invoiced.value)
