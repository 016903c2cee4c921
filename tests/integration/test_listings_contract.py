"""Listings on memory, SQLite and PostgreSQL: the same filters, the same order, keyset pages that add up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from attrs import evolve

import oms
from oms.ports.shared.listings import DocumentSummary, ListingQuery, Page

from .integration_helpers import Backend, seed_master_data

START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def _all_pages(fetch: Callable[[ListingQuery], Page], query: ListingQuery) -> list[list[DocumentSummary]]:
    """Follow the cursors from the first page to the last."""
    pages: list[list[DocumentSummary]] = []
    while True:
        page = fetch(query)
        pages.append(list(page.items))
        if page.next_cursor is None:
            return pages
        query = evolve(query, cursor=page.next_cursor)


@pytest.fixture
def documents(backend: Backend) -> oms.OrderManagement:
    """Eleven orders an hour apart (every third confirmed, two for a second customer), three at the same instant,
    and two quotations."""
    clock = oms.FixedClock(START)
    system = oms.bootstrap(uow_factory=backend.uow_factory, clock=clock)
    seed_master_data(system)
    system.handle(oms.CreateCustomer(code="OTHER", name="Other AG"))
    for n in range(11):
        customer = "OTHER" if n in (4, 7) else "ACME"
        order_id = system.handle(oms.CreateSalesOrder(customer_code=customer, branch_code="BER",
                                                      lines=(oms.LineInput(sku="SETUP", quantity="1"),)))
        if n % 3 == 0:
            system.handle(oms.ConfirmSalesOrder(order_id=order_id))
        if n < 8:
            clock.advance(timedelta(hours=1))
    system.handle(oms.CreateQuotation(customer_code="ACME", branch_code="BER"))
    system.handle(oms.CreateQuotation(customer_code="OTHER", branch_code="BER"))
    return system


def test_pages_follow_each_other_without_gaps_or_repeats(backend: Backend, documents: oms.OrderManagement) -> None:
    pages = _all_pages(backend.listings.sales_orders, ListingQuery(limit=4))

    numbers = [item.number for page in pages for item in page]
    assert [len(page) for page in pages] == [4, 4, 3]
    assert numbers[:8] == [f"SO-{n:06d}" for n in range(1, 9)]
    assert sorted(numbers[8:]) == ["SO-000009", "SO-000010", "SO-000011"]  # same instant: in id order
    keys = [(item.created_at, item.id) for page in pages for item in page]
    assert keys == sorted(keys)


def test_newest_first_is_the_same_listing_backwards(backend: Backend, documents: oms.OrderManagement) -> None:
    forwards = [i for page in _all_pages(backend.listings.sales_orders, ListingQuery(limit=3)) for i in page]

    backwards = [i for page in _all_pages(backend.listings.sales_orders, ListingQuery(limit=3, newest_first=True))
                 for i in page]

    assert backwards == list(reversed(forwards))


def test_filters_combine_status_customer_branch_and_time(backend: Backend, documents: oms.OrderManagement) -> None:
    everything = backend.listings.sales_orders(ListingQuery(limit=100)).items
    other = next(i.customer_id for i in everything if i.number == "SO-000005")
    branch = everything[0].branch_id

    confirmed = backend.listings.sales_orders(ListingQuery(statuses=("confirmed",))).items
    others = backend.listings.sales_orders(ListingQuery(customer_id=other, branch_id=branch)).items
    window = backend.listings.sales_orders(ListingQuery(created_from=START + timedelta(hours=2),
                                                        created_until=START + timedelta(hours=5))).items
    drafts_of_acme = backend.listings.sales_orders(ListingQuery(statuses=("draft", "on_hold"),
                                                                customer_id=everything[0].customer_id)).items
    nothing = backend.listings.sales_orders(ListingQuery(branch_id="elsewhere")).items

    assert [i.number for i in confirmed] == ["SO-000001", "SO-000004", "SO-000007", "SO-000010"]
    assert {i.status for i in confirmed} == {"confirmed"}
    assert [i.number for i in others] == ["SO-000005", "SO-000008"]
    assert [i.number for i in window] == ["SO-000003", "SO-000004", "SO-000005"]
    assert len(drafts_of_acme) == 11 - 4 - 2  # neither the confirmed ones nor OTHER's drafts
    assert nothing == ()


def test_quotations_are_listed_the_same_way(backend: Backend, documents: oms.OrderManagement) -> None:
    page = backend.listings.quotations(ListingQuery(statuses=("draft",), limit=1))
    rest = backend.listings.quotations(ListingQuery(statuses=("draft",), limit=1, cursor=page.next_cursor))

    assert sorted(i.number for i in page.items + rest.items) == ["Q-000001", "Q-000002"]  # same instant
    assert rest.next_cursor is None
    assert page.items[0].currency == "EUR"
    assert page.items[0].created_at.tzinfo is not None


def test_a_foreign_cursor_or_status_is_refused_with_the_field_named(backend: Backend,
                                                                     documents: oms.OrderManagement) -> None:
    page = backend.listings.sales_orders(ListingQuery(limit=2))

    with pytest.raises(oms.InvalidValue) as garbage:
        backend.listings.sales_orders(ListingQuery(cursor="not-a-cursor"))
    with pytest.raises(oms.InvalidValue) as reversed_cursor:
        backend.listings.sales_orders(ListingQuery(cursor=page.next_cursor, newest_first=True))
    with pytest.raises(oms.InvalidValue) as status:
        backend.listings.sales_orders(ListingQuery(statuses=("shipped",)))

    assert (garbage.value.field, reversed_cursor.value.field, status.value.field) == ("cursor", "cursor", "status")


def test_a_query_refuses_naive_times_and_absurd_limits() -> None:
    with pytest.raises(oms.InvalidValue):
        ListingQuery(created_from=datetime(2026, 1, 1))
    with pytest.raises(oms.InvalidValue):
        ListingQuery(limit=0)
    with pytest.raises(oms.InvalidValue):
        ListingQuery(created_from=START, created_until=START - timedelta(days=1))


def test_each_row_carries_its_customer_and_branch_codes(backend: Backend, documents: oms.OrderManagement) -> None:
    orders = backend.listings.sales_orders(ListingQuery(limit=500)).items
    quotations = backend.listings.quotations(ListingQuery(limit=500)).items

    assert sorted({(row.customer_code, row.branch_code) for row in orders}) == [("ACME", "BER"), ("OTHER", "BER")]
    assert [row.customer_code for row in orders].count("OTHER") == 2
    assert sorted(row.customer_code for row in quotations) == ["ACME", "OTHER"]
