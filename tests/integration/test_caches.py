"""What servers keep in memory (master data, API tokens) never outlives a change made by another process."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest

import oms
from oms.adapters.sql import SqlDatabase
from oms.adapters.sql.access.tokens import SqlApiTokenStore
from oms.application.access.tokens import authenticate, issue_token, revoke_token

from .integration_helpers import seed_master_data

ROUNDS = 40  # a notice arrives within milliseconds; the loops below give it up to 2 s, then fail


def eventually(check: Callable[[], bool]) -> bool:
    for _ in range(ROUNDS):
        if check():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def two_servers(sql_url: str) -> Iterator[tuple[SqlDatabase, SqlDatabase]]:
    """Two processes' databases on one database, each keeping what it may in memory."""
    first, second = SqlDatabase.from_url(sql_url, cache=True), SqlDatabase.from_url(sql_url, cache=True)
    yield first, second
    first.dispose()
    second.dispose()


def price_seen_by(database: SqlDatabase) -> Decimal:
    return oms.bootstrap(uow_factory=database.unit_of_work).sales_order(
        oms.bootstrap(uow_factory=database.unit_of_work).handle(oms.CreateSalesOrder(
            customer_code="ACME", branch_code="BER", lines=(oms.LineInput(sku="GADGET", quantity="1"),)))
    ).lines[0].unit_price


def test_a_price_changed_by_another_process_is_the_price_of_the_next_order(
        two_servers: tuple[SqlDatabase, SqlDatabase]) -> None:
    first, second = two_servers
    seed_master_data(oms.bootstrap(uow_factory=first.unit_of_work))
    assert price_seen_by(first) == Decimal("99.90")  # now kept in the first's memory

    oms.bootstrap(uow_factory=second.unit_of_work).handle(oms.UpdateProduct(sku="GADGET", price="80.00"))

    assert eventually(lambda: price_seen_by(first) == Decimal("80.00"))


def test_a_product_created_by_another_process_can_be_ordered_at_once_after(
        two_servers: tuple[SqlDatabase, SqlDatabase]) -> None:
    first, second = two_servers
    seed_master_data(oms.bootstrap(uow_factory=first.unit_of_work))
    price_seen_by(first)

    oms.bootstrap(uow_factory=second.unit_of_work).handle(oms.CreateProduct(sku="NEW", name="New", price="1.00",
                                                                              currency="EUR"))

    def orderable() -> bool:
        try:
            oms.bootstrap(uow_factory=first.unit_of_work).handle(oms.CreateSalesOrder(
                customer_code="ACME", branch_code="BER", lines=(oms.LineInput(sku="NEW", quantity="1"),)))
        except oms.NotFound:
            return False
        return True

    assert eventually(orderable)


def test_a_token_revoked_by_another_process_is_refused(two_servers: tuple[SqlDatabase, SqlDatabase]) -> None:
    first, second = two_servers
    serving = SqlApiTokenStore(first.engine, watch=first.watch)
    revoking = SqlApiTokenStore(second.engine, watch=second.watch)
    clock = oms.FixedClock(oms.SystemClock().now())
    issued = issue_token(revoking, clock, name="shop", role="clerk")
    assert authenticate(serving, issued.secret) is not None  # kept in the server's memory

    revoke_token(revoking, clock, issued.token.id)

    assert eventually(lambda: authenticate(serving, issued.secret) is None)


def test_a_change_in_the_same_unit_of_work_is_read_back_not_the_kept_copy(
        two_servers: tuple[SqlDatabase, SqlDatabase]) -> None:
    first, _ = two_servers
    seed_master_data(oms.bootstrap(uow_factory=first.unit_of_work))
    price_seen_by(first)

    with first.unit_of_work() as uow:
        product = uow.masterdata.products.by_sku("GADGET")
        assert product is not None
        product.update(price=Decimal("70.00"))
        uow.flush()
        again = uow.masterdata.products.by_skus({"GADGET"})["GADGET"]
        uow.commit()

    assert again.price == Decimal("70.00")
    assert price_seen_by(first) == Decimal("70.00")


def test_what_a_unit_of_work_does_to_a_kept_product_stays_its_own(sql_url: str) -> None:
    """Objects built from one kept row share its values (session.py), never their attributes: a change one unit of
    work makes and does not commit is seen by no other, not even one open at the same time."""
    database = SqlDatabase.from_url(sql_url, cache=True)
    seed_master_data(oms.bootstrap(uow_factory=database.unit_of_work))
    with database.unit_of_work().reading() as warm:  # read once: kept from now on
        assert warm.masterdata.products.by_sku("GADGET") is not None
    with database.unit_of_work().reading() as first, database.unit_of_work().reading() as second:
        changed, other = first.masterdata.products.by_sku("GADGET"), second.masterdata.products.by_sku("GADGET")
        assert changed is not None
        assert other is not None
        changed.name, changed.price = "Changed", Decimal("1.00")
        seen_meanwhile = (other.name, other.price)
    with database.unit_of_work().reading() as later:
        after = later.masterdata.products.by_sku("GADGET")
    database.dispose()

    assert seen_meanwhile == ("Gadget", Decimal("99.90"))
    assert after is not None
    assert (after.name, after.price) == ("Gadget", Decimal("99.90"))
