"""Number series per period (an invoice's fiscal year), on memory, SQLite and PostgreSQL: gapless under concurrent
posting with failures, each period counting from 1 (peers.md I7); numbers reserved for a batch, of a series that may
have gaps and of a gapless one (held to the commit, what was not taken given back)."""

from __future__ import annotations

import threading
import time

import pytest

from oms.domain.shared.errors import InvalidValue
from oms.domain.shared.ids import DocumentType, document_number
from oms.ports.unit_of_work import UnitOfWorkFactory

from .integration_helpers import Backend

WORKERS, POSTINGS = 8, 5
FAILING = {(1, 0), (2, 3), (4, 4), (6, 1), (7, 2)}  # (worker, posting) that roll back after taking their number


class PostingFailed(Exception):
    """A posting that fails after its number was taken."""


def _post_many(uow_factory: UnitOfWorkFactory, worker: int, committed: list[int], errors: list[Exception],
               start: threading.Barrier) -> None:
    start.wait()
    for posting in range(POSTINGS):
        try:
            with uow_factory() as uow:
                number = uow.sequences.next_value(DocumentType.INVOICE, "2026")
                if (worker, posting) in FAILING:
                    raise PostingFailed(number)
                uow.commit()
                committed.append(number)
        except PostingFailed:
            continue
        except Exception as error:  # collected for the assertion
            errors.append(error)


def test_concurrent_postings_with_failures_leave_contiguous_numbers_and_a_new_year_starts_at_one(
        backend: Backend) -> None:
    committed: list[int] = []
    errors: list[Exception] = []
    start = threading.Barrier(WORKERS)
    threads = [threading.Thread(target=_post_many, args=(backend.uow_factory, worker, committed, errors, start))
               for worker in range(WORKERS)]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    with backend.uow_factory() as uow:
        next_year = uow.sequences.next_value(DocumentType.INVOICE, "2027")
        uow.commit()

    assert errors == []
    assert sorted(committed) == list(range(1, WORKERS * POSTINGS - len(FAILING) + 1))
    assert next_year == 1


def test_a_series_without_a_period_counts_apart_from_the_periods(backend: Backend) -> None:
    with backend.uow_factory() as uow:
        taken = [uow.sequences.next_value(DocumentType.INVOICE, "2026"),
                 uow.sequences.next_value(DocumentType.INVOICE, "2026"),
                 uow.sequences.next_value(DocumentType.INVOICE),
                 uow.sequences.next_value(DocumentType.SALES_ORDER, "2026")]
        uow.commit()

    assert taken == [1, 2, 1, 1]


def test_numbers_reserved_are_taken_in_order_and_a_gapless_series_stays_gapless(backend: Backend) -> None:
    with backend.uow_factory() as uow:
        first = uow.sequences.next_value(DocumentType.SALES_ORDER)
        uow.sequences.reserve(DocumentType.SALES_ORDER, 3)
        uow.sequences.reserve(DocumentType.INVOICE, 3, period="2026")
        uow.sequences.reserve(DocumentType.INVOICE, 2, period="2026")  # a second block, after the first
        uow.sequences.reserve(DocumentType.JOURNAL_ENTRY, 4)  # none taken: given back at the commit
        orders = [uow.sequences.next_value(DocumentType.SALES_ORDER) for _ in range(4)]
        invoices = [uow.sequences.next_value(DocumentType.INVOICE, "2026") for _ in range(4)]
        uow.commit()
    with backend.uow_factory() as uow:
        uow.sequences.reserve(DocumentType.SALES_ORDER, 5)  # none taken: a gap, as a rollback's
        uow.sequences.reserve(DocumentType.INVOICE, 5, period="2026")  # rolled back with the transaction
    with backend.uow_factory() as uow:
        after = uow.sequences.next_value(DocumentType.SALES_ORDER)
        next_invoice = uow.sequences.next_value(DocumentType.INVOICE, "2026")
        next_entry = uow.sequences.next_value(DocumentType.JOURNAL_ENTRY)
        uow.commit()

    assert orders == [first + 1, first + 2, first + 3, first + 4]
    assert invoices == [1, 2, 3, 4]
    assert next_invoice == 5  # the fifth reserved and not taken was given back
    assert next_entry == 1
    assert after > orders[-1]


def test_a_reserved_gapless_block_holds_its_series_to_the_commit_and_gives_back_what_it_did_not_take(
        backend: Backend) -> None:
    taken: list[int] = []
    reserved, asking = threading.Event(), threading.Event()

    def other() -> None:
        reserved.wait(timeout=30)
        asking.set()
        with backend.uow_factory() as uow:  # SQLite's one writer waits here, the others at the number
            taken.append(uow.sequences.next_value(DocumentType.INVOICE, "2026"))
            uow.commit()

    thread = threading.Thread(target=other)
    thread.start()
    with backend.uow_factory() as uow:
        uow.sequences.reserve(DocumentType.INVOICE, 10, period="2026")
        reserved.set()
        asking.wait(timeout=30)
        time.sleep(0.3)  # the other transaction asks meanwhile, and waits
        mine = [uow.sequences.next_value(DocumentType.INVOICE, "2026") for _ in range(3)]
        assert taken == []
        uow.commit()
    thread.join(timeout=60)

    assert mine == [1, 2, 3]
    assert taken == [4]


def test_a_period_that_is_not_a_short_label_is_refused_naming_the_field(backend: Backend) -> None:
    with backend.uow_factory() as uow, pytest.raises(InvalidValue) as refused:
        uow.sequences.next_value(DocumentType.INVOICE, "2026/2027")

    assert refused.value.field == "period"


def test_a_number_with_a_period_names_the_year() -> None:
    assert document_number(DocumentType.INVOICE, 1, "2026") == "INV-2026-000001"
    assert document_number(DocumentType.SALES_ORDER, 42) == "SO-000042"


def test_a_number_read_ahead_is_handed_out_in_order_and_a_gapless_series_is_never_read_ahead(backend: Backend) -> None:
    """On every store `next_value` hands out the number read ahead, in order with a block reserved after it; a
    gapless series is not read ahead (its first number is still free afterwards)."""
    with backend.uow_factory() as uow:
        uow.sequences.read_ahead(DocumentType.SALES_ORDER)
        uow.sequences.read_ahead(DocumentType.INVOICE)  # a hint a gapless series ignores
        first = uow.sequences.next_value(DocumentType.SALES_ORDER)
        uow.sequences.read_ahead(DocumentType.SALES_ORDER)
        uow.sequences.reserve(DocumentType.SALES_ORDER, 2)
        rest = [uow.sequences.next_value(DocumentType.SALES_ORDER) for _ in range(3)]
        uow.commit()
    with backend.uow_factory() as uow:
        uow.sequences.read_ahead(DocumentType.SALES_ORDER)  # never taken: a gap, as a rollback's
        uow.commit()
    with backend.uow_factory() as uow:
        after = uow.sequences.next_value(DocumentType.SALES_ORDER)
        invoice = uow.sequences.next_value(DocumentType.INVOICE)
        uow.commit()

    assert rest == [first + 1, first + 2, first + 3]
    assert invoice == 1
    assert after > rest[-1]
